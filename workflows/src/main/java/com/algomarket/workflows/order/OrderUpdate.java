package com.algomarket.workflows.order;

import java.math.BigDecimal;

/** A status change to record in the database and the audit log. */
public record OrderUpdate(String orderId, OrderStatus status, String exchangeOrderId, BigDecimal filledQuantity,
        BigDecimal averagePrice, String reason) {
}
