package com.algomarket.db.orders;

import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.orders.TimeInForce;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An order with everything the user sees of it: what was asked (prices, time in force) and how it went. */
public record OrderDetail(
        UUID id,
        UUID portfolioId,
        String clientOrderId,
        String exchangeOrderId,
        String symbol,
        Side side,
        OrderType type,
        TimeInForce timeInForce,
        BigDecimal quantity,
        BigDecimal limitPrice,
        BigDecimal stopPrice,
        BigDecimal filledQuantity,
        BigDecimal averagePrice,
        OrderStatus status,
        String reason,
        String workflowId,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public boolean isFinal() {
        return status.isFinal();
    }
}
