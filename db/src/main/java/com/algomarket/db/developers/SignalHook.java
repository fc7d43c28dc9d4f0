package com.algomarket.db.developers;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An algorithm's signal hook; the sizing is used for alerts that carry none (both null: alerts must carry one). */
public record SignalHook(
        UUID id,
        UUID algorithmId,
        BigDecimal defaultPortfolioFraction,
        BigDecimal defaultQuantity,
        OffsetDateTime rotatedAt) {}
