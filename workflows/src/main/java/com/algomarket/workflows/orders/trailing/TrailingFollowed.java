package com.algomarket.workflows.orders.trailing;

/**
 * Where a stretch of following ended: the stop's state (triggered, or not yet when the window ran out), and
 * {@code stoppedBecause} when the portfolio may no longer trade (killed, paused), which ends the trailing stop.
 */
public record TrailingFollowed(TrailingStop state, String stoppedBecause) {}
