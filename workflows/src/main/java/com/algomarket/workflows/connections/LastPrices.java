package com.algomarket.workflows.connections;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The last prices that could be read, by symbol; a symbol that is missing could not be read, and {@code unavailable}
 * says why (null when every price was read).
 */
public record LastPrices(Map<String, BigDecimal> prices, String unavailable) {

    public static LastPrices unavailable(String reason) {
        return new LastPrices(Map.of(), reason);
    }
}
