package com.algomarket.db.signals;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * A portfolio subscribed to an algorithm, with what the fan-out sizes and checks it by: its connection's exchange and
 * status, and how much of the signal's symbol it holds.
 */
public record Subscriber(
        UUID portfolioId,
        UUID userId,
        UUID connectionId,
        String exchange,
        String connectionStatus,
        String portfolioStatus,
        boolean acceptsNewEntries,
        BigDecimal size,
        BigDecimal positionQuantity) {}
