package com.algomarket.activities.paper;

/**
 * A change to a paper order, as the venue's matching makes it and under the venue's lock: {@code executionType} is
 * Binance's execution type ({@code NEW}, {@code TRADE} with its {@code trade}, {@code CANCELED}, {@code EXPIRED},
 * {@code REJECTED}), or {@code FILLED} when an order that has just traded its last quantity ends and gives back what it
 * still locked (no execution report of its own: the last {@code TRADE} already said FILLED).
 */
@FunctionalInterface
interface PaperOrderUpdates {

    void updated(PaperOrder order, String executionType, PaperTrade trade);
}
