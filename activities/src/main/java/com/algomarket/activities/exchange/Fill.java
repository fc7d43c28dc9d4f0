package com.algomarket.activities.exchange;

import com.algomarket.workflows.orders.Side;
import java.math.BigDecimal;
import java.time.Instant;

/** One trade of ours at the exchange; {@code tradeId} is unique per exchange and symbol and deduplicates imports. */
public record Fill(
        String tradeId,
        String exchangeOrderId,
        String symbol,
        Side side,
        BigDecimal price,
        BigDecimal quantity,
        BigDecimal fee,
        String feeAsset,
        Instant executedAt) {}
