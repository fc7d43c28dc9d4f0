package com.algomarket.workflows.orders;

/**
 * How an order is priced: at the market, at a limit, as a market order triggered at a stop price, or as a limit order
 * triggered at a stop price (STOP_LIMIT, where the exchange has one: see {@link
 * com.algomarket.workflows.exchange.Exchange#supports}).
 */
public enum OrderType {
    MARKET,
    LIMIT,
    STOP_LOSS,
    STOP_LIMIT
}
