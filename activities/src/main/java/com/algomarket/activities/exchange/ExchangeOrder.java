package com.algomarket.activities.exchange;

import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
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
        Side side,
        OrderType type,
        BigDecimal quantity,
        BigDecimal filledQuantity,
        BigDecimal averagePrice,
        Status status,
        Instant updatedAt) {

    /**
     * An order the exchange has just accepted for {@code request} and answered with its id only: open, nothing
     * filled yet; its progress comes from the lookups.
     */
    public static ExchangeOrder accepted(
            String exchangeOrderId, String clientOrderId, OrderRequest request, Instant acceptedAt) {
        return new ExchangeOrder(
                exchangeOrderId,
                clientOrderId,
                request.symbol(),
                request.side(),
                request.type(),
                request.quantity(),
                BigDecimal.ZERO,
                null,
                Status.OPEN,
                acceptedAt);
    }

    public enum Status {
        /** Accepted and open, nothing filled yet. */
        OPEN,
        PARTIALLY_FILLED,
        FILLED,
        CANCELLED,
        REJECTED,
        EXPIRED;

        /** Final exactly when our status for it is: which statuses are final is said once, in OrderStatus. */
        public boolean isFinal() {
            return orderStatus().isFinal();
        }

        /** Our order status for it: an open order with nothing filled is PENDING. */
        public OrderStatus orderStatus() {
            return switch (this) {
                case OPEN -> OrderStatus.PENDING;
                case PARTIALLY_FILLED -> OrderStatus.PARTIALLY_FILLED;
                case FILLED -> OrderStatus.FILLED;
                case CANCELLED -> OrderStatus.CANCELLED;
                case REJECTED -> OrderStatus.REJECTED;
                case EXPIRED -> OrderStatus.EXPIRED;
            };
        }
    }
}
