package com.algomarket.activities.exchange;

import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order as the exchange reports it. {@code averagePrice} is null until something filled; {@code type} is null
 * where the exchange does not report it (Bitstamp's order status). Its {@code status} is ours: an order the exchange
 * holds open with nothing filled is PENDING, and no exchange order is NEW.
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
        OrderStatus status,
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
                OrderStatus.PENDING,
                acceptedAt);
    }
}
