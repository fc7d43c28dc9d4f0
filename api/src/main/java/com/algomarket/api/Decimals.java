package com.algomarket.api;

import java.math.BigDecimal;

/** Amounts as the REST API answers them: strings, so that no client's JSON parser rounds them. */
public final class Decimals {

    private Decimals() {}

    /** Plain notation (never {@code 1E+3}) without trailing zeros; null stays null. */
    public static String plain(BigDecimal amount) {
        return amount == null ? null : amount.stripTrailingZeros().toPlainString();
    }
}
