package com.algomarket.db.purchases;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

public record Purchase(
        UUID id,
        UUID userId,
        UUID algorithmId,
        UUID couponId,
        int periods,
        BigDecimal amount,
        String currency,
        String status,
        String paymentIntentId,
        OffsetDateTime startsAt,
        OffsetDateTime endsAt,
        String workflowId) {}
