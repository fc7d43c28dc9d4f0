package com.algomarket.db.purchases;

import com.algomarket.workflows.purchases.PurchaseStatus;
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
        PurchaseStatus status,
        String paymentIntentId,
        OffsetDateTime startsAt,
        OffsetDateTime endsAt,
        String workflowId) {}
