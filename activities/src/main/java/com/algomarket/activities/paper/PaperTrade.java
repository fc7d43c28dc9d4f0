package com.algomarket.activities.paper;

import java.math.BigDecimal;

/** One execution on the paper venue, shaped like a Binance {@code myTrades} entry. */
public record PaperTrade(
        long id,
        long orderId,
        String symbol,
        boolean buyer,
        boolean maker,
        BigDecimal price,
        BigDecimal qty,
        BigDecimal quoteQty,
        BigDecimal commission,
        String commissionAsset,
        long time,
        String apiKey) {}
