package com.algomarket.workflows.purchases;

/** What the payment provider says became of the payment. */
public enum PaymentOutcome {
    SUCCEEDED,
    FAILED
}
