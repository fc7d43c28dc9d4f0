package com.algomarket.workflows.purchase;

/** What the payment provider says became of the payment. */
public enum PaymentOutcome {
    SUCCEEDED,
    FAILED
}
