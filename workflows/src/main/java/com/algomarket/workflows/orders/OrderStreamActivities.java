package com.algomarket.workflows.orders;

import io.temporal.activity.ActivityInterface;

/** What an order workflow that follows its order through the account stream asks of the database. */
@ActivityInterface
public interface OrderStreamActivities {

    /**
     * Imports the order's executions the account stream recorded (once each, by trade id) and answers the order
     * settled as {@code known} says (its status, the filled quantity and average price of the recorded trades); or
     * null when the recorded trades do not add up to {@code known.filledQuantity()} (nor, for a FILLED order, to its
     * quantity): then the exchange's own fills must settle it. Reads no exchange, and trusts no trade the signals
     * carried: only what the stream recorded.
     */
    OrderSnapshot settleFromStream(OrderInput input, OrderSnapshot known);
}
