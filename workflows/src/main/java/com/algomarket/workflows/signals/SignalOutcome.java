package com.algomarket.workflows.signals;

/** How the fan-out ended: order workflows started, and portfolios that got a recorded rejection instead. */
public record SignalOutcome(int ordersStarted, int rejected) {}
