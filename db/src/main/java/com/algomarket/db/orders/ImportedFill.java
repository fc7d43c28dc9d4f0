package com.algomarket.db.orders;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** One exchange trade of an order, as imported. */
public record ImportedFill(
        String tradeId,
        BigDecimal price,
        BigDecimal quantity,
        BigDecimal fee,
        String feeAsset,
        OffsetDateTime executedAt) {}
