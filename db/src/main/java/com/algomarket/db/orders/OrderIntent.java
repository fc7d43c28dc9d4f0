package com.algomarket.db.orders;

import com.algomarket.workflows.orders.OrderStatus;

/** An order's row as the fan-out wrote it, with its status now: what the order activities check a workflow against. */
public record OrderIntent(NewOrder order, OrderStatus status) {}
