package com.algomarket.workflows.exchange;

/**
 * How an exchange call failed; the ApplicationFailure type that exchange activities throw. Workflows name these in
 * their retry policies, so the classification decides what Temporal retries.
 */
public enum ExchangeFailure {
    /** Definite: the exchange refused (insufficient balance, invalid parameters, duplicate client id, below minimum). */
    REJECTED,
    /** Too many requests: retry after the exchange's Retry-After or a backoff; a ban stops all calls until it ends. */
    RATE_LIMITED,
    /** Nothing was accepted (connection refused, exchange in maintenance): safe to retry. */
    UNAVAILABLE,
    /**
     * The request may have been executed (timeout, 5xx or connection reset after it left): look the order up by its
     * client order id before any resubmit.
     */
    UNKNOWN,
    /** The key is invalid, revoked or lacks a permission. */
    AUTH
}
