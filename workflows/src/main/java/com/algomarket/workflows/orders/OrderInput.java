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
 *
 * <p>{@code safetyLookupSeconds} says how the order is followed once the exchange has it. Zero: by polling the
 * exchange with backoff, as every order was before the account streams. More than zero: an account stream follows the
 * order's connection and signals its executions, so the workflow waits for them and asks the exchange itself only when
 * nothing arrived for this long. The planner sets it from the configuration (streams on, and one exists for the
 * exchange) when it writes the order, so the workflow takes no extra step to find out, and the history shows how each
 * order was followed. Absent in older histories, it reads as zero: they poll, as they did.
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
        boolean flatten,
        long safetyLookupSeconds) {

    /** Whether an account stream signals this order's executions to its workflow. */
    public boolean followedByStream() {
        return safetyLookupSeconds > 0;
    }
}
