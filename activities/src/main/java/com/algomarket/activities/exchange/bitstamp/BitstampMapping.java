package com.algomarket.activities.exchange.bitstamp;

import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeOrder;
import com.algomarket.activities.exchange.bitstamp.BitstampSignedCalls.OpenOrder;
import com.algomarket.activities.exchange.bitstamp.BitstampSignedCalls.Transaction;
import com.algomarket.activities.exchange.transport.XChangeRest.BaseQuote;
import com.algomarket.workflows.exchange.ExchangeFailure;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Bitstamp's DTOs (through XChange) to the exchange port's records: pairs, orders, trades, sides, times. */
final class BitstampMapping {

    private BitstampMapping() {}

    static boolean isOrderNotFound(ExchangeCallException e) {
        return e.failure() == ExchangeFailure.REJECTED
                && (e.exchangeCode() != null && e.exchangeCode().startsWith("404.")
                        || e.getMessage().toLowerCase(Locale.ROOT).contains("order not found"));
    }

    static String pair(BaseQuote assets) {
        return (assets.base() + assets.quote()).toLowerCase(Locale.ROOT);
    }

    static ExchangeOrder order(BitstampSignedCalls.OrderStatus status, String symbol) {
        BaseQuote assets = BaseQuote.of(symbol);
        BigDecimal filled = BigDecimal.ZERO;
        BigDecimal notional = BigDecimal.ZERO;
        Instant updatedAt = instant(status.datetime());
        for (Transaction trade : trades(status, assets)) {
            BigDecimal amount = trade.amount(assets.base()).abs();
            filled = filled.add(amount);
            notional = notional.add(amount.multiply(trade.price(assets.base(), assets.quote())));
            Instant at = instant(trade.datetime);
            if (updatedAt == null || at.isAfter(updatedAt)) {
                updatedAt = at;
            }
        }
        BigDecimal remaining = status.amountRemaining() == null ? BigDecimal.ZERO : status.amountRemaining();
        BigDecimal average = filled.signum() > 0
                ? notional.divide(filled, 8, RoundingMode.HALF_EVEN).stripTrailingZeros()
                : null;
        OrderStatus state = switch (String.valueOf(status.status())) {
            case "Finished" -> remaining.signum() == 0 ? OrderStatus.FILLED : OrderStatus.EXPIRED;
            case "Canceled" -> OrderStatus.CANCELLED;
            case "Expired" -> OrderStatus.EXPIRED;
            // Open, In Queue: not final, so it is looked at again.
            default -> filled.signum() > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.PENDING;
        };
        return new ExchangeOrder(
                status.id(),
                status.clientOrderId(),
                symbol,
                side(status.type()),
                null,
                filled.add(remaining),
                filled,
                average,
                state,
                updatedAt);
    }

    static ExchangeOrder openOrder(OpenOrder open, String symbol) {
        BigDecimal quantity = open.amountAtCreate() != null ? open.amountAtCreate() : open.amount();
        BigDecimal filled = quantity.subtract(open.amount());
        // Only limit orders rest in Bitstamp's book.
        return new ExchangeOrder(
                open.id(),
                open.clientOrderId(),
                symbol,
                side(open.type()),
                OrderType.LIMIT,
                quantity,
                filled,
                null,
                filled.signum() > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.PENDING,
                instant(open.datetime()));
    }

    /** The trades among an order's transactions, in the pair's base asset. */
    static List<Transaction> trades(BitstampSignedCalls.OrderStatus status, BaseQuote assets) {
        return status.transactions() == null
                ? List.of()
                : status.transactions().stream()
                        .filter(transaction -> transaction.isTrade()
                                && transaction.amount(assets.base()) != null
                                && transaction.price(assets.base(), assets.quote()) != null)
                        .toList();
    }

    static Side side(String type) {
        return "1".equals(type) ? Side.SELL : Side.BUY;
    }

    /** Bitstamp's "2024-05-02 10:11:12.123456", in UTC. */
    static Instant instant(String datetime) {
        return datetime == null ? null : Instant.parse(datetime.trim().replace(' ', 'T') + "Z");
    }

    static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
