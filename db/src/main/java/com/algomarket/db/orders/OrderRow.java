package com.algomarket.db.orders;

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
        String side,
        String type,
        BigDecimal quantity,
        BigDecimal filledQuantity,
        BigDecimal averagePrice,
        String status,
        String reason,
        String workflowId,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public boolean isFinal() {
        return switch (status) {
            case "FILLED", "CANCELLED", "REJECTED", "EXPIRED" -> true;
            default -> false;
        };
    }
}
