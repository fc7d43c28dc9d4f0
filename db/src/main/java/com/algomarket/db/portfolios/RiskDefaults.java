package com.algomarket.db.portfolios;

import java.math.BigDecimal;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The risk limits of a portfolio that did not choose its own, relative to its size so that one default fits a
 * portfolio of 100 and one of 100,000 (algomarket.risk.* in application.yml).
 */
@Component
public class RiskDefaults {

    private final BigDecimal maxOrderFraction;
    private final BigDecimal maxPositionFraction;
    private final int maxOrdersPerMinute;
    private final BigDecimal dailyLossFraction;

    public RiskDefaults(
            @Value("${algomarket.risk.max-order-fraction:1}") BigDecimal maxOrderFraction,
            @Value("${algomarket.risk.max-position-fraction:1}") BigDecimal maxPositionFraction,
            @Value("${algomarket.risk.max-orders-per-minute:10}") int maxOrdersPerMinute,
            @Value("${algomarket.risk.daily-loss-fraction:0.1}") BigDecimal dailyLossFraction) {
        this.maxOrderFraction = maxOrderFraction;
        this.maxPositionFraction = maxPositionFraction;
        this.maxOrdersPerMinute = maxOrdersPerMinute;
        this.dailyLossFraction = dailyLossFraction;
    }

    public RiskLimits forSize(BigDecimal portfolioSize) {
        return new RiskLimits(
                portfolioSize.multiply(maxOrderFraction),
                portfolioSize.multiply(maxPositionFraction),
                maxOrdersPerMinute,
                portfolioSize.multiply(dailyLossFraction));
    }
}
