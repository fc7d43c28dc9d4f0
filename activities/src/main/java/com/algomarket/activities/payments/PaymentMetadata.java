package com.algomarket.activities.payments;

/** The metadata every payment carries, so that a webhook event names its purchase. */
public final class PaymentMetadata {

    public static final String PURCHASE_ID = "purchase_id";

    private PaymentMetadata() {}
}
