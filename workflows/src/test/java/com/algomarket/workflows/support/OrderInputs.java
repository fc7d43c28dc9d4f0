package com.algomarket.workflows.support;

import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.orders.OrderInput;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.orders.TimeInForce;
import java.math.BigDecimal;

/**
 * The orders the workflows' tests run, built from one default so that a test states only what its order is about:
 * {@link #paperOrder()} is a market buy of 0.01 BTC/EUR on the paper venue, good till cancelled, with a 60 s timeout,
 * followed by polling.
 */
public final class OrderInputs {

    private String orderId = "o-1";
    private String portfolioId = "p-1";
    private String signalId = "s-1";
    private String connectionId = "c-1";
    private String symbol = "BTC/EUR";
    private Side side = Side.BUY;
    private OrderType type = OrderType.MARKET;
    private BigDecimal quantity = new BigDecimal("0.01");
    private BigDecimal limitPrice;
    private TimeInForce timeInForce = TimeInForce.GTC;
    private long timeoutSeconds = 60;
    private String clientOrderId;
    private BigDecimal referencePrice;
    private boolean flatten;
    private long safetyLookupSeconds;

    private OrderInputs() {}

    public static OrderInputs paperOrder() {
        return new OrderInputs();
    }

    /** The order's own id, its portfolio's, its signal's and its connection's. */
    public OrderInputs ids(String orderId, String portfolioId, String signalId, String connectionId) {
        this.orderId = orderId;
        this.portfolioId = portfolioId;
        this.signalId = signalId;
        this.connectionId = connectionId;
        return this;
    }

    public OrderInputs selling(String symbol) {
        this.symbol = symbol;
        this.side = Side.SELL;
        return this;
    }

    public OrderInputs quantity(String quantity) {
        this.quantity = new BigDecimal(quantity);
        return this;
    }

    /** A limit order at {@code price}, which is also the price it is sized and valued at. */
    public OrderInputs limit(String price) {
        this.type = OrderType.LIMIT;
        this.limitPrice = new BigDecimal(price);
        this.referencePrice = limitPrice;
        return this;
    }

    /**
     * How long the order stands: its time in force (null as a market order's stored before it had one) and the timeout
     * after which its workflow cancels it.
     */
    public OrderInputs standing(TimeInForce timeInForce, long timeoutSeconds) {
        this.timeInForce = timeInForce;
        this.timeoutSeconds = timeoutSeconds;
        return this;
    }

    public OrderInputs clientOrderId(String clientOrderId) {
        this.clientOrderId = clientOrderId;
        return this;
    }

    /** The price the risk check values a market order at. */
    public OrderInputs referencePrice(String referencePrice) {
        this.referencePrice = new BigDecimal(referencePrice);
        return this;
    }

    /** A sell that closes a position of a killed portfolio. */
    public OrderInputs flatten() {
        this.flatten = true;
        return this;
    }

    /** Followed through an account stream, with a lookup after this long without news (0: by polling). */
    public OrderInputs safetyLookupSeconds(long safetyLookupSeconds) {
        this.safetyLookupSeconds = safetyLookupSeconds;
        return this;
    }

    public OrderInput build() {
        return new OrderInput(
                orderId,
                portfolioId,
                signalId,
                connectionId,
                Exchange.PAPER,
                symbol,
                side,
                type,
                quantity,
                limitPrice,
                null,
                timeInForce,
                timeoutSeconds,
                clientOrderId,
                referencePrice,
                flatten,
                safetyLookupSeconds);
    }
}
