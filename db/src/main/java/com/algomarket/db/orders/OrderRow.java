package com.algomarket.db.orders;

import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An order as the database holds it. */
public record OrderRow(
        UUID id,
        UUID portfolioId,
        String clientOrderId,
        String exchangeOrderId,
        String symbol,
        Side side,
        OrderType type,
        BigDecimal quantity,
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
