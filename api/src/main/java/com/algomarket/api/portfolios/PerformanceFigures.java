package com.algomarket.api.portfolios;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** The figures of a portfolio's performance, from its size and its equity values. */
final class PerformanceFigures {

    /** Percentages are answered with this many decimals. */
    static final int PERCENT_SCALE = 4;

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private PerformanceFigures() {}

    /** {@code netPnl} as a percentage of {@code size}. */
    static BigDecimal returnPct(BigDecimal netPnl, BigDecimal size) {
        return netPnl.multiply(HUNDRED).divide(size, PERCENT_SCALE, RoundingMode.HALF_EVEN);
    }

    /**
     * The largest fall from a peak to a later trough, as a percentage of the peak (0 when the values never fell; a
     * non-positive peak, which a portfolio's value cannot reach, is not a base for a percentage and is skipped).
     */
    static BigDecimal maxDrawdownPct(List<BigDecimal> values) {
        BigDecimal peak = null;
        BigDecimal largest = BigDecimal.ZERO;
        for (BigDecimal value : values) {
            if (peak == null || value.compareTo(peak) > 0) {
                peak = value;
                continue;
            }
            if (peak.signum() > 0) {
                BigDecimal drawdown = peak.subtract(value).multiply(HUNDRED).divide(peak, 18, RoundingMode.HALF_EVEN);
                largest = largest.max(drawdown);
            }
        }
        return largest.setScale(PERCENT_SCALE, RoundingMode.HALF_EVEN);
    }
}
