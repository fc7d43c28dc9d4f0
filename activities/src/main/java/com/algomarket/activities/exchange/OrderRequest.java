package com.algomarket.activities.exchange;

import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.orders.TimeInForce;
import java.math.BigDecimal;

/**
 * An order as we send it. {@code symbol} is {@code BASE/QUOTE} (e.g. {@code BTC/EUR}); {@code clientOrderId} comes
 * from {@link com.algomarket.workflows.exchange.ClientOrderIds}. {@code limitPrice} is required for LIMIT,
 * {@code stopPrice} for STOP_LOSS (a market order triggered at the stop), both for STOP_LIMIT (a limit order
 * triggered at the stop, where {@link com.algomarket.workflows.exchange.Exchange#supports} says so); {@code timeInForce}
 * applies to LIMIT.
 */
public record OrderRequest(
        String symbol,
        Side side,
        OrderType type,
        BigDecimal quantity,
        BigDecimal limitPrice,
        BigDecimal stopPrice,
        TimeInForce timeInForce,
        String clientOrderId) {}
