package com.algomarket.db.store;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A discount on one algorithm: exactly one of {@code percentOff} and {@code amountOff} is set. */
public record Coupon(
        UUID id,
        UUID algorithmId,
        String code,
        BigDecimal percentOff,
        BigDecimal amountOff,
        Integer maxRedemptions,
        int redemptions,
        OffsetDateTime expiresAt) {

    /** Why the coupon cannot be used at {@code now} (EXPIRED, EXHAUSTED), or null when it can. */
    public String unavailableReason(OffsetDateTime now) {
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            return "EXPIRED";
        }
        if (maxRedemptions != null && redemptions >= maxRedemptions) {
            return "EXHAUSTED";
        }
        return null;
    }
}
