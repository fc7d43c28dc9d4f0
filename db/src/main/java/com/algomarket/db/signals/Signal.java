package com.algomarket.db.signals;

import com.algomarket.workflows.order.OrderType;
import com.algomarket.workflows.order.Side;
import com.algomarket.workflows.order.TimeInForce;
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
