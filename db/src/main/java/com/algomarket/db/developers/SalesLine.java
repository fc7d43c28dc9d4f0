package com.algomarket.db.developers;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * One algorithm's paid purchases in one currency ({@code currency} null and counts zero for an algorithm nothing was
 * bought of yet). {@code refunded} is what of those went back to buyers: refunds, partial ones included, and lost
 * disputes.
 */
public record SalesLine(
        UUID algorithmId,
        String name,
        int seatsTaken,
        Integer seatsTotal,
        String currency,
        int purchases,
        int activeSubscriptions,
        BigDecimal gross,
        BigDecimal refunded) {}
