package com.algomarket.workflows.orders;

/** An order's status as the REST contract, the database and the OrderStatus search attribute name it. */
public enum OrderStatus {
    /** Recorded, not yet at the exchange. */
    NEW,
    /** Accepted by the exchange, nothing filled yet. */
    PENDING,
    PARTIALLY_FILLED,
    FILLED,
    CANCELLED,
    REJECTED,
    EXPIRED;

    public boolean isFinal() {
        return this == FILLED || this == CANCELLED || this == REJECTED || this == EXPIRED;
    }
}
