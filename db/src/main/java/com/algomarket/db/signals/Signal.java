package com.algomarket.db.signals;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A signal as its algorithm's owner posted it: exactly one of {@code portfolioFraction} and {@code quantity}. */
public record Signal(
        UUID id,
        UUID algorithmId,
        String symbol,
        String side,
        String type,
        BigDecimal portfolioFraction,
        BigDecimal quantity,
        BigDecimal limitPrice,
        BigDecimal stopPrice,
        String timeInForce,
        Integer timeoutSeconds,
        OffsetDateTime createdAt) {}
