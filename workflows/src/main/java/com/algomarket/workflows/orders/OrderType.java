package com.algomarket.workflows.orders;

/** How an order is priced: at the market, at a limit, or as a market order triggered at a stop price. */
public enum OrderType {
    MARKET,
    LIMIT,
    STOP_LOSS
}
