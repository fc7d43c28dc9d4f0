package com.algomarket.workflows.orders;

import com.algomarket.workflows.exchange.Exchange;
import java.math.BigDecimal;

/**
 * One order of one portfolio for one signal: {@code order-<portfolioId>-<signalId>}. Carries ids, never credentials:
 * activities load the connection's key themselves. {@code quantity} is already sized and rounded to the exchange's
 * steps; {@code clientOrderId} comes from {@link com.algomarket.workflows.exchange.ClientOrderIds}.
 *
 * <p>{@code referencePrice} is the price the order was sized at (the limit or stop price, or the venue's last price
 * for a market order): the risk check values a market order with it. {@code flatten} marks a sell that closes a
 * position of a killed portfolio, the only order a KILLED portfolio may send. Both were added after the first
 * histories were recorded: absent there, they read as null and false.
 */
public record OrderInput(
        String orderId,
        String portfolioId,
        String signalId,
        String connectionId,
        Exchange exchange,
        String symbol,
        Side side,
        OrderType type,
        BigDecimal quantity,
        BigDecimal limitPrice,
        BigDecimal stopPrice,
        TimeInForce timeInForce,
        long timeoutSeconds,
        String clientOrderId,
        BigDecimal referencePrice,
        boolean flatten) {}
