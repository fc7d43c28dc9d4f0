package com.algomarket.db.orders;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** What a portfolio holds of one symbol by its fills, at the weighted average cost, and the PnL its sells realized. */
public record PortfolioPosition(
        UUID portfolioId,
        String symbol,
        BigDecimal quantity,
        BigDecimal averageCost,
        BigDecimal realizedPnl,
        OffsetDateTime updatedAt) {

    public boolean isOpen() {
        return quantity.signum() != 0;
    }

    /** What the quantity held would gain (negative: lose) if sold at {@code price}, against its average cost. */
    public BigDecimal unrealizedPnlAt(BigDecimal price) {
        return quantity.multiply(price.subtract(averageCost));
    }
}
