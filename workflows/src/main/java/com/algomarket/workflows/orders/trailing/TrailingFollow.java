package com.algomarket.workflows.orders.trailing;

import com.algomarket.workflows.orders.OrderInput;

/** One stretch of following the venue's price: from {@code state}, for at most {@code windowSeconds}. */
public record TrailingFollow(OrderInput exit, TrailingStop state, long windowSeconds) {}
