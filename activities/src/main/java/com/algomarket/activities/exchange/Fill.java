package com.algomarket.activities.exchange;

import com.algomarket.workflows.orders.Side;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** One trade of ours at the exchange; {@code tradeId} is unique per exchange and symbol and deduplicates imports. */
public record Fill(
        String tradeId,
        String exchangeOrderId,
        String symbol,
        Side side,
        BigDecimal price,
        BigDecimal quantity,
        BigDecimal fee,
        String feeAsset,
        Instant executedAt) {

    /** {@code fills} in a new list, oldest first. */
    public static List<Fill> oldestFirst(Collection<Fill> fills) {
        List<Fill> sorted = new ArrayList<>(fills);
        sorted.sort(Comparator.comparing(Fill::executedAt));
        return sorted;
    }
}
