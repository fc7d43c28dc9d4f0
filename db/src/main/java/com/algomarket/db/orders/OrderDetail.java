package com.algomarket.db.orders;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** An order with everything the user sees of it: what was asked (prices, time in force) and how it went. */
public record OrderDetail(
        UUID id,
        UUID portfolioId,
        String clientOrderId,
        String exchangeOrderId,
        String symbol,
        String side,
        String type,
        String timeInForce,
        BigDecimal quantity,
        BigDecimal limitPrice,
        BigDecimal stopPrice,
        BigDecimal filledQuantity,
        BigDecimal averagePrice,
        String status,
        String reason,
        String workflowId,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    /** The statuses an order can have, as the schema's check constraint lists them. */
    public static final List<String> STATUSES =
            List.of("NEW", "PENDING", "PARTIALLY_FILLED", "FILLED", "CANCELLED", "REJECTED", "EXPIRED");

    public boolean isFinal() {
        return switch (status) {
            case "FILLED", "CANCELLED", "REJECTED", "EXPIRED" -> true;
            default -> false;
        };
    }
}
