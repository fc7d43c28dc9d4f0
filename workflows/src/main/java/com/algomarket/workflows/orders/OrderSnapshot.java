package com.algomarket.workflows.orders;

import java.math.BigDecimal;

/** The order as the exchange last reported it; {@code averagePrice} is null until something filled. */
public record OrderSnapshot(
        String exchangeOrderId, OrderStatus status, BigDecimal filledQuantity, BigDecimal averagePrice) {}
