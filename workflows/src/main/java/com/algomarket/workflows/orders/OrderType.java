package com.algomarket.workflows.orders;

/**
 * How an order is priced: at the market, at a limit, as a market order triggered at a stop price, or as a limit order
 * triggered at a stop price (STOP_LIMIT, where the exchange has one: see {@link
 * com.algomarket.workflows.exchange.Exchange#supports}). TRAILING_STOP is a signal's type only: its orders are followed
 * by a {@link com.algomarket.workflows.orders.trailing.TrailingStopWorkflow} and sent as their MARKET or LIMIT exit, so
 * no exchange is ever asked for one.
 */
public enum OrderType {
    MARKET,
    LIMIT,
    STOP_LOSS,
    STOP_LIMIT,
    TRAILING_STOP
}
