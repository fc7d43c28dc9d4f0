package com.algomarket.workflows.orders.timeline;

/** What happened in one step of an order's life, as {@code GET /orders/{id}/timeline} names it ({@code kind}). */
public enum OrderStepKind {
    /** A trailing stop was set: armed at once, or waiting for its activation price. */
    TRAILING_STOP_SET,
    /** A trailing stop with an activation price armed once the market reached it. */
    TRAILING_STOP_ARMED,
    /** A trailing stop's stop followed the price, as it stood at the end of a stretch of following. */
    STOP_MOVED,
    /** The price crossed a trailing stop: its exit order is placed next, under the same workflow id. */
    TRIGGERED,
    RISK_CHECK_PASSED,
    RISK_CHECK_REFUSED,
    /** The intent was written to the database before anything was sent. */
    RECORDED,
    SENT,
    ACCEPTED,
    /** The exchange did not answer a send: the order may or may not exist there. */
    NO_ANSWER,
    REJECTED,
    /** The send failed for another reason (unavailable, rate limited, key refused) and was not retried further. */
    NOT_SENT,
    LOOKED_UP,
    /** Found under its client order id after a lost answer: not sent again. */
    FOUND,
    NOT_FOUND,
    PARTIALLY_FILLED,
    FILLED,
    CANCEL_REQUESTED,
    CANCEL_SENT,
    CANCELLED,
    EXPIRED,
    /** The fills were imported from the exchange and the order's quantity, price and fees settled. */
    RECONCILED,
    /** The workflow ended: its final status. */
    FINISHED,
    /** The workflow history is no longer kept (or there never was one): the step states what the database holds. */
    HISTORY_UNAVAILABLE
}
