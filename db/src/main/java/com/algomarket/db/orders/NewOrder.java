package com.algomarket.db.orders;

import java.math.BigDecimal;
import java.util.UUID;

public record NewOrder(
        UUID id,
        UUID portfolioId,
        UUID signalId,
        String clientOrderId,
        String exchange,
        String symbol,
        String side,
        String type,
        String timeInForce,
        BigDecimal quantity,
        BigDecimal limitPrice,
        BigDecimal stopPrice,
        String workflowId) {}
