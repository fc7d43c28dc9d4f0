package com.algomarket.workflows.purchases;

/** Creates the payment for a purchase; the purchase id is the idempotency key, so a retry creates nothing new. */
public record CreatePaymentInput(String purchaseId, long amountMinor, String currency) {}
