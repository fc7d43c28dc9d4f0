package com.algomarket.activities.exchange;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** What an order for a symbol must respect. A null step or minimum means the exchange sets none. */
public record InstrumentRules(
        String symbol, BigDecimal priceStep, BigDecimal quantityStep, BigDecimal minQuantity, BigDecimal minNotional) {

    /** Rounds a quantity down to the step: an order must never be larger than what was sized. */
    public BigDecimal roundQuantity(BigDecimal quantity) {
        return roundDown(quantity, quantityStep);
    }

    public BigDecimal roundPrice(BigDecimal price) {
        return roundDown(price, priceStep);
    }

    /** Why an order of this quantity at this price would be refused, or null when it is acceptable. */
    public String violation(BigDecimal quantity, BigDecimal price) {
        if (minQuantity != null && quantity.compareTo(minQuantity) < 0) {
            return "quantity " + quantity.toPlainString() + " is below the minimum " + minQuantity.toPlainString();
        }
        if (minNotional != null && price != null && quantity.multiply(price).compareTo(minNotional) < 0) {
            return "notional " + quantity.multiply(price).toPlainString() + " is below the minimum "
                    + minNotional.toPlainString();
        }
        return null;
    }

    private static BigDecimal roundDown(BigDecimal value, BigDecimal step) {
        if (step == null || step.signum() == 0) {
            return value;
        }
        return value.divide(step, 0, RoundingMode.DOWN).multiply(step).stripTrailingZeros();
    }
}
