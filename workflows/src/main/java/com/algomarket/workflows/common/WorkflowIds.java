package com.algomarket.workflows.common;

import java.util.List;

/**
 * The workflow ids of every workflow, in one place. Each is a business key, not a random id: operators search the
 * Temporal Web UI by it ({@code order-<portfolioId>-<signalId>} is found from the order alone), Temporal starts one
 * workflow per key (a repeated start of the same key is a duplicate, not a second run), and an order's client order
 * id is derived from its key. A key must therefore never change for a workflow that may still run.
 */
public final class WorkflowIds {

    /** The one daily valuation of all portfolios. */
    public static final String DAILY_VALUATION = "daily-valuation";

    /** The one hourly track-record computation of all algorithms. */
    public static final String TRACK_RECORDS = "track-records";

    private WorkflowIds() {}

    /** One order of a portfolio for a signal; a trailing stop keeps it and continues as new into its exit order. */
    public static String order(String portfolioId, String signalId) {
        return "order-" + portfolioId + "-" + signalId;
    }

    /** A signal fanned out to its algorithm's subscribers. */
    public static String signal(String signalId) {
        return "signal-" + signalId;
    }

    /**
     * The flatten of a kill; the kill switch's flatten id is {@code kill-<epoch>}, the portfolio's count of
     * transitions to KILLED, so that every kill of one epoch names the same flatten and Temporal starts it once.
     */
    public static String flatten(String portfolioId, String flattenId) {
        return "flatten-" + portfolioId + "-" + flattenId;
    }

    /** One purchase from payment to the end of its subscription. */
    public static String purchase(String purchaseId) {
        return "purchase-" + purchaseId;
    }

    /** A user's onboarding: one per user. */
    public static String onboarding(String userId) {
        return "onboarding-" + userId;
    }

    /** One delivery of one event over one channel; its id is derived from the event and the endpoint. */
    public static String notificationDelivery(String deliveryId) {
        return "notification-delivery-" + deliveryId;
    }

    /** The reconciliation of one exchange connection, for as long as the connection exists. */
    public static String reconciliation(String connectionId) {
        return "reconcile-" + connectionId;
    }

    /** The account stream of one exchange connection. */
    public static String accountStream(String connectionId) {
        return "stream-" + connectionId;
    }

    /** The check of a new exchange key before its connection is stored. */
    public static String keyCheck(String connectionId) {
        return "key-check-" + connectionId;
    }

    /** A read of a connection's balances; requests that arrive while one runs share its answer. */
    public static String accountBalances(String connectionId) {
        return "balances-" + connectionId;
    }

    /** A read of last prices with a connection's key; requests for the same prices share one read. */
    public static String lastPrices(String connectionId, List<String> symbols) {
        return "last-prices-" + connectionId + "-" + String.join(",", symbols);
    }
}
