package com.algomarket.activities.exchange;

import java.math.BigDecimal;
import java.time.Instant;

/** One trade of ours at the exchange; {@code tradeId} is unique per exchange and symbol and deduplicates imports. */
public record Fill(
        String tradeId,
        String exchangeOrderId,
        String symbol,
        OrderRequest.OrderSide side,
        BigDecimal price,
        BigDecimal quantity,
        BigDecimal fee,
        String feeAsset,
        Instant executedAt) {}
