package com.algomarket.activities.paper;

import java.math.BigDecimal;
import lombok.Getter;

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

    @Getter
    final long orderId;

    @Getter
    final String clientOrderId;

    @Getter
    final String symbol;

    @Getter
    final String side;
    /** Binance's order type: MARKET, LIMIT, STOP_LOSS or STOP_LOSS_LIMIT. */
    @Getter
    final String type;

    final String timeInForce;

    @Getter
    final BigDecimal origQty;
    /** The limit price; null for MARKET and STOP_LOSS. */
    @Getter
    final BigDecimal price;
    /** The trigger of a stop order; null for the others. */
    @Getter
    final BigDecimal stopPrice;
    /** When the venue accepted the order, in milliseconds of its clock. */
    @Getter
    final long time;
    /** The account the order is booked under: its id is the account's first key (see PaperExchange.ApiKey). */
    final String apiKey;

    @Getter
    BigDecimal executedQty = BigDecimal.ZERO;

    BigDecimal cummulativeQuoteQty = BigDecimal.ZERO;
    /** Quote funds (buy) or base funds (sell) still locked for this order. */
    BigDecimal locked = BigDecimal.ZERO;

    @Getter
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
}
