package com.algomarket.db.portfolios;

import java.math.BigDecimal;

/**
 * A portfolio's own risk limits, in its quote currency; a null limit takes the deployment's default. Notional limits
 * are the order's or the position's value at the order's reference price.
 */
public record RiskLimits(
        BigDecimal maxOrderNotional,
        BigDecimal maxPositionNotional,
        Integer maxOrdersPerMinute,
        BigDecimal dailyLossLimit) {

    public static final RiskLimits NONE = new RiskLimits(null, null, null, null);

    /** This portfolio's limits where it set them, {@code defaults} elsewhere. */
    public RiskLimits orElse(RiskLimits defaults) {
        return new RiskLimits(
                maxOrderNotional != null ? maxOrderNotional : defaults.maxOrderNotional,
                maxPositionNotional != null ? maxPositionNotional : defaults.maxPositionNotional,
                maxOrdersPerMinute != null ? maxOrdersPerMinute : defaults.maxOrdersPerMinute,
                dailyLossLimit != null ? dailyLossLimit : defaults.dailyLossLimit);
    }
}
