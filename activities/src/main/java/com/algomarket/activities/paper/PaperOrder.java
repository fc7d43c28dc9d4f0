package com.algomarket.activities.paper;

import java.math.BigDecimal;

/** An order on the paper venue, with Binance's fields and statuses. Mutable; guarded by the venue's lock. */
public final class PaperOrder {

    public enum Status {
        NEW,
        PARTIALLY_FILLED,
        FILLED,
        CANCELED,
        REJECTED,
        EXPIRED
    }

    final long orderId;
    final String clientOrderId;
    final String symbol;
    final String side;
    final String type;
    final String timeInForce;
    final BigDecimal origQty;
    final BigDecimal price;
    final BigDecimal stopPrice;
    final long time;
    /** The account the order is booked under: its id is the account's first key (see PaperExchange.ApiKey). */
    final String apiKey;

    BigDecimal executedQty = BigDecimal.ZERO;
    BigDecimal cummulativeQuoteQty = BigDecimal.ZERO;
    /** Quote funds (buy) or base funds (sell) still locked for this order. */
    BigDecimal locked = BigDecimal.ZERO;

    Status status = Status.NEW;
    long updateTime;
    /** False for a stop order that has not triggered yet. */
    boolean working;

    PaperOrder(
            long orderId,
            String clientOrderId,
            String symbol,
            String side,
            String type,
            String timeInForce,
            BigDecimal origQty,
            BigDecimal price,
            BigDecimal stopPrice,
            long time,
            String apiKey) {
        this.orderId = orderId;
        this.clientOrderId = clientOrderId;
        this.symbol = symbol;
        this.side = side;
        this.type = type;
        this.timeInForce = timeInForce;
        this.origQty = origQty;
        this.price = price;
        this.stopPrice = stopPrice;
        this.time = time;
        this.updateTime = time;
        this.apiKey = apiKey;
    }

    boolean isOpen() {
        return status == Status.NEW || status == Status.PARTIALLY_FILLED;
    }

    boolean isBuy() {
        return "BUY".equals(side);
    }

    BigDecimal remaining() {
        return origQty.subtract(executedQty);
    }

    public long orderId() {
        return orderId;
    }

    public String clientOrderId() {
        return clientOrderId;
    }

    public String symbol() {
        return symbol;
    }

    public Status status() {
        return status;
    }

    public BigDecimal executedQty() {
        return executedQty;
    }

    /** When the venue accepted the order, in milliseconds of its clock. */
    public long time() {
        return time;
    }

    public String side() {
        return side;
    }

    public BigDecimal origQty() {
        return origQty;
    }

    /** Binance's order type: MARKET, LIMIT, STOP_LOSS or STOP_LOSS_LIMIT. */
    public String type() {
        return type;
    }

    /** The limit price; null for MARKET and STOP_LOSS. */
    public BigDecimal price() {
        return price;
    }

    /** The trigger of a stop order; null for the others. */
    public BigDecimal stopPrice() {
        return stopPrice;
    }
}
