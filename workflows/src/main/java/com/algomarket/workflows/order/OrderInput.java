package com.algomarket.workflows.order;

import java.math.BigDecimal;

/**
 * One order of one portfolio for one signal: {@code order-<portfolioId>-<signalId>}. Carries ids, never credentials:
 * activities load the connection's key themselves. {@code quantity} is already sized and rounded to the exchange's
 * steps; {@code clientOrderId} comes from {@link com.algomarket.workflows.exchange.ClientOrderIds}.
 */
public record OrderInput(String orderId, String portfolioId, String signalId, String connectionId, String exchange,
        String symbol, String side, String type, BigDecimal quantity, BigDecimal limitPrice, BigDecimal stopPrice,
        String timeInForce, long timeoutSeconds, String clientOrderId) {
}
