package com.algomarket.workflows.connections;

import java.math.BigDecimal;

/** Funds of one asset: {@code locked} is held by open orders. */
public record AssetBalance(String asset, BigDecimal free, BigDecimal locked) {}
