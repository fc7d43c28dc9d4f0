package com.algomarket.activities.exchange.kucoin;

import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeOrder;
import com.algomarket.activities.exchange.Fill;
import com.algomarket.activities.exchange.kucoin.KucoinSignedCalls.Order;
import com.algomarket.activities.exchange.transport.XChangeRest.BaseQuote;
import com.algomarket.workflows.exchange.ExchangeFailure;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Locale;
import org.knowm.xchange.kucoin.dto.response.TradeResponse;

/** KuCoin's DTOs (through XChange) to the exchange port's records: symbols, orders, fills, error codes. */
final class KucoinMapping {

    private KucoinMapping() {}

    /** "The order does not exist", in the words of the endpoint that answered. */
    static boolean isNoSuchOrder(ExchangeCallException e) {
        String text = e.getMessage().toLowerCase(Locale.ROOT);
        return e.failure() == ExchangeFailure.REJECTED
                && ("126043".equals(e.exchangeCode()) || text.contains("not exist") || text.contains("not_exist"));
    }

    static String kucoinSymbol(String symbol) {
        BaseQuote assets = BaseQuote.of(symbol);
        return assets.base() + "-" + assets.quote();
    }

    static ExchangeOrder order(Order order, String symbol) {
        BigDecimal filled = order.dealSize() == null ? BigDecimal.ZERO : order.dealSize();
        BigDecimal average = filled.signum() > 0 && order.dealFunds() != null
                ? order.dealFunds().divide(filled, 8, RoundingMode.HALF_EVEN).stripTrailingZeros()
                : null;
        OrderStatus status;
        if (order.active()) {
            status = filled.signum() > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.PENDING;
        } else if (order.cancelExist()) {
            status = OrderStatus.CANCELLED;
        } else if (order.size() == null || filled.compareTo(order.size()) >= 0) {
            status = OrderStatus.FILLED;
        } else {
            // Done, not cancelled, not all filled: a market order's unfilled rest.
            status = OrderStatus.EXPIRED;
        }
        return new ExchangeOrder(
                order.id(),
                order.clientOid(),
                symbol,
                "sell".equalsIgnoreCase(order.side()) ? Side.SELL : Side.BUY,
                "market".equalsIgnoreCase(order.type()) ? OrderType.MARKET : OrderType.LIMIT,
                order.size(),
                filled,
                average,
                status,
                Instant.ofEpochMilli(order.lastUpdatedAt() != null ? order.lastUpdatedAt() : order.createdAt()));
    }

    static Fill fill(TradeResponse trade, String symbol) {
        return new Fill(
                trade.getTradeId(),
                trade.getOrderId(),
                symbol,
                "sell".equals(trade.getSide()) ? Side.SELL : Side.BUY,
                trade.getPrice(),
                trade.getSize(),
                trade.getFee(),
                trade.getFeeCurrency(),
                trade.getTradeCreatedAt().toInstant());
    }

    static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    static BigDecimal positive(BigDecimal value) {
        return value != null && value.signum() > 0 ? value.stripTrailingZeros() : null;
    }
}
