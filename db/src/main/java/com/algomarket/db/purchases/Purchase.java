package com.algomarket.db.purchases;

import com.algomarket.workflows.purchases.PurchaseStatus;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A purchase; {@code renewsPurchaseId} names the purchase a renewal follows (null for a first purchase), and
 * {@code createdAt} is null until the row is stored.
 */
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
        String workflowId,
        UUID renewsPurchaseId,
        OffsetDateTime createdAt) {

    public boolean isRenewal() {
        return renewsPurchaseId != null;
    }
}
