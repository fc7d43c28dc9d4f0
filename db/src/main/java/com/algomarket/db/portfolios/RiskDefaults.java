package com.algomarket.db.portfolios;

import java.math.BigDecimal;
import lombok.RequiredArgsConstructor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The risk limits of a portfolio that did not choose its own, relative to its size so that one default fits a
 * portfolio of 100 and one of 100,000 (algomarket.risk.* in application.yml).
 */
@Component
@RequiredArgsConstructor
public class RiskDefaults {

    @Value("${algomarket.risk.max-order-fraction:1}")
    private final BigDecimal maxOrderFraction;

    @Value("${algomarket.risk.max-position-fraction:1}")
    private final BigDecimal maxPositionFraction;

    @Value("${algomarket.risk.max-orders-per-minute:10}")
    private final int maxOrdersPerMinute;

    @Value("${algomarket.risk.daily-loss-fraction:0.1}")
    private final BigDecimal dailyLossFraction;

    public RiskLimits forSize(BigDecimal portfolioSize) {
        return new RiskLimits(
                portfolioSize.multiply(maxOrderFraction),
                portfolioSize.multiply(maxPositionFraction),
                maxOrdersPerMinute,
                portfolioSize.multiply(dailyLossFraction));
    }
}
