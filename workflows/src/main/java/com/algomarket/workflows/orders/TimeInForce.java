package com.algomarket.workflows.orders;

/** How long a LIMIT order stays working: until cancelled, immediate or cancel, fill or kill. */
public enum TimeInForce {
    GTC,
    IOC,
    FOK
}
