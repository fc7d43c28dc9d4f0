package com.algomarket.db.signals;

import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.orders.TimeInForce;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A signal as its algorithm's owner posted it: exactly one of {@code portfolioFraction} and {@code quantity}. */
public record Signal(
        UUID id,
        UUID algorithmId,
        String symbol,
        Side side,
        OrderType type,
        BigDecimal portfolioFraction,
        BigDecimal quantity,
        BigDecimal limitPrice,
        BigDecimal stopPrice,
        TimeInForce timeInForce,
        Integer timeoutSeconds,
        OffsetDateTime createdAt) {}
