package com.algomarket.activities.exchange;

import java.math.BigDecimal;

/** Funds of one asset: {@code locked} is held by open orders. */
public record Balance(String asset, BigDecimal free, BigDecimal locked) {}
