package com.algomarket.db.portfolios;

import com.algomarket.workflows.portfolios.PortfolioStatus;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

public record Portfolio(
        UUID id,
        UUID userId,
        UUID purchaseId,
        UUID connectionId,
        UUID algorithmId,
        BigDecimal size,
        String quoteCurrency,
        PortfolioStatus status,
        String statusReason,
        boolean acceptsNewEntries,
        OffsetDateTime createdAt) {}
