package com.algomarket.db.orders;

import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.order.OrderType;
import com.algomarket.workflows.order.Side;
import com.algomarket.workflows.order.TimeInForce;
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
