package com.algomarket.workflows.orders;

import io.temporal.activity.ActivityInterface;

/**
 * What the order workflow asks of the database and the exchange. Exchange calls fail with an ApplicationFailure whose
 * type is an {@link com.algomarket.workflows.exchange.ExchangeFailure} name; the workflow's retry options decide
 * from it what Temporal retries.
 */
@ActivityInterface
public interface OrderActivities {

    /** Portfolio active and not killed, free balance, position limit, notional cap, order rate, daily loss. */
    RiskDecision checkRisk(OrderInput input);

    /** Records the intent as NEW before anything is sent, so that no exchange order exists without a row. */
    void recordIntent(OrderInput input);

    /**
     * The risk check and the intent in one database transaction under the portfolio's lock: the same rules as
     * {@link #checkRisk}, the free balance read from what the account stream keeps (from the exchange where no stream
     * vouches for it), an approval's reservation and the intent's record committed together.
     */
    RiskDecision checkRiskAndRecordIntent(OrderInput input);

    /** Places the order under its client order id. UNKNOWN: it may exist; look it up before any resubmit. */
    OrderSnapshot submit(OrderInput input);

    /** The order found under its client order id, or null when the exchange has none. */
    OrderSnapshot lookup(OrderInput input);

    OrderSnapshot poll(OrderInput input, String exchangeOrderId);

    /** Asks for the cancel; the answer is the order as the exchange reports it (it may have filled). */
    OrderSnapshot cancel(OrderInput input, String exchangeOrderId);

    /**
     * Whether the order's portfolio is KILLED and the order is not one of the flatten's sells, read from the database
     * (the order row's portfolio, not the input's): the workflow then cancels the order by itself, even when the kill
     * switch's cancel signal never reached it.
     */
    boolean stoppedByKill(OrderInput input);

    void record(OrderUpdate update);

    /** Imports the order's fills once each (by exchange trade id) and settles quantity, average price and fees. */
    OrderSnapshot reconcile(OrderInput input, String exchangeOrderId);
}
