package com.algomarket.workflows.purchases;

/** A purchase's status; the names are those of the REST contract and the database. */
public enum PurchaseStatus {
    AWAITING_PAYMENT,
    ACTIVE,
    PAYMENT_FAILED,
    EXPIRED,
    CANCELLED;

    public boolean isFinal() {
        return this == PAYMENT_FAILED || this == EXPIRED || this == CANCELLED;
    }
}
