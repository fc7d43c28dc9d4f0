package com.algomarket.workflows.orders.trailing;

import com.algomarket.workflows.orders.OrderInput;
import com.algomarket.workflows.orders.OrderType;
import java.math.BigDecimal;

/**
 * A trailing stop of one portfolio for one signal, under the order's own workflow id. {@code exit} is the order to
 * place once the stop is crossed: a MARKET order, or a LIMIT order at its limit price; its timeout bounds how long the
 * stop stays armed as well. Exactly one of {@code trailingPct} (a fraction: 0.02 is 2 %) and {@code trailingAmount}.
 */
public record TrailingStopInput(
        OrderInput exit, BigDecimal trailingPct, BigDecimal trailingAmount, BigDecimal activationPrice) {

    public TrailingStopInput {
        if (exit.type() != OrderType.MARKET && exit.type() != OrderType.LIMIT) {
            throw new IllegalArgumentException(
                    "a trailing stop exits with a MARKET or LIMIT order, not " + exit.type());
        }
    }

    /** The stop's state before the first price. */
    public TrailingStop initialState() {
        return TrailingStop.of(exit.side(), trailingPct, trailingAmount, activationPrice);
    }

    /** The exit as it is sent once crossed: a market exit is sized and valued at the stop it crossed. */
    public OrderInput exitAt(BigDecimal stop) {
        return new OrderInput(
                exit.orderId(),
                exit.portfolioId(),
                exit.signalId(),
                exit.connectionId(),
                exit.exchange(),
                exit.symbol(),
                exit.side(),
                exit.type(),
                exit.quantity(),
                exit.limitPrice(),
                null,
                exit.timeInForce(),
                exit.timeoutSeconds(),
                exit.clientOrderId(),
                exit.type() == OrderType.LIMIT ? exit.limitPrice() : stop,
                exit.flatten(),
                exit.safetyLookupSeconds());
    }
}
