package com.algomarket.db.orders;

import com.algomarket.db.jooq.tables.records.OrdersRecord;
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

    /** The order as its row in the database holds it: the one place its columns are read. */
    static OrderDetail of(OrdersRecord r) {
        return new OrderDetail(
                r.getId(),
                r.getPortfolioId(),
                r.getClientOrderId(),
                r.getExchangeOrderId(),
                r.getSymbol(),
                r.getSide(),
                r.getType(),
                r.getTimeInForce(),
                r.getQuantity(),
                r.getLimitPrice(),
                r.getStopPrice(),
                r.getFilledQuantity(),
                r.getAveragePrice(),
                r.getStatus(),
                r.getReason(),
                r.getWorkflowId(),
                r.getCreatedAt(),
                r.getUpdatedAt());
    }
}
