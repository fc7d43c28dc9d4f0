package com.algomarket.workflows.orders;

/** Whether an order (or a signal, or a fill) buys or sells the base asset. */
public enum Side {
    BUY,
    SELL
}
