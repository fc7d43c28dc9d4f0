package com.algomarket.db.orders;

import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.orders.TimeInForce;
import java.math.BigDecimal;
import java.util.UUID;

public record NewOrder(
        UUID id,
        UUID portfolioId,
        UUID signalId,
        String clientOrderId,
        Exchange exchange,
        String symbol,
        Side side,
        OrderType type,
        TimeInForce timeInForce,
        BigDecimal quantity,
        BigDecimal limitPrice,
        BigDecimal stopPrice,
        String workflowId) {}
