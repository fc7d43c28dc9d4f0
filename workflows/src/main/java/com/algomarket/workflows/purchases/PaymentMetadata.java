package com.algomarket.workflows.purchases;

import java.util.Locale;

/** The metadata every payment carries, so that a webhook event names its purchase. */
public final class PaymentMetadata {

    public static final String PURCHASE_ID = "purchase_id";

    private PaymentMetadata() {}

    /**
     * The id of the event that simulates the payment's outcome (embedded default): one per payment and outcome, so
     * that the simulated provider can tell from the recorded events whether a payment it is asked to cancel was paid.
     */
    public static String simulatedEventId(String paymentId, PaymentOutcome outcome) {
        return "evt_simulated_" + outcome.name().toLowerCase(Locale.ROOT) + "_" + paymentId;
    }
}
