package com.algomarket.activities.exchange;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order as the exchange reports it. {@code averagePrice} is null until something filled; {@code type} is null
 * where the exchange does not report it (Bitstamp's order status).
 */
public record ExchangeOrder(
        String exchangeOrderId,
        String clientOrderId,
        String symbol,
        OrderRequest.OrderSide side,
        OrderRequest.OrderType type,
        BigDecimal quantity,
        BigDecimal filledQuantity,
        BigDecimal averagePrice,
        Status status,
        Instant updatedAt) {

    public enum Status {
        /** Accepted and open, nothing filled yet. */
        OPEN,
        PARTIALLY_FILLED,
        FILLED,
        CANCELLED,
        REJECTED,
        EXPIRED;

        public boolean isFinal() {
            return this == FILLED || this == CANCELLED || this == REJECTED || this == EXPIRED;
        }
    }
}
