package com.algomarket.activities.exchange.binance;

import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeOrder;
import com.algomarket.activities.exchange.Fill;
import com.algomarket.activities.exchange.InstrumentRules;
import com.algomarket.activities.exchange.OrderRequest;
import com.algomarket.workflows.exchange.ExchangeFailure;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.Side;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import org.knowm.xchange.binance.dto.meta.exchangeinfo.Filter;
import org.knowm.xchange.binance.dto.meta.exchangeinfo.Symbol;
import org.knowm.xchange.binance.dto.trade.BinanceOrder;
import org.knowm.xchange.binance.dto.trade.BinanceTrade;
import org.knowm.xchange.binance.dto.trade.OrderType;
import org.knowm.xchange.binance.dto.trade.TimeInForce;
import org.knowm.xchange.currency.CurrencyPair;

/** Binance's DTOs (through XChange) to the exchange port's records and back: symbols, order ids, orders, statuses, fills. */
final class BinanceMapping {

    private BinanceMapping() {}

    static CurrencyPair pair(String symbol) {
        int slash = symbol == null ? -1 : symbol.indexOf('/');
        if (slash <= 0 || slash == symbol.length() - 1) {
            throw new ExchangeCallException(
                    ExchangeFailure.REJECTED, "symbol must be BASE/QUOTE, was " + symbol, "-1121", null, null);
        }
        return new CurrencyPair(symbol.substring(0, slash), symbol.substring(slash + 1));
    }

    static String binanceSymbol(String symbol) {
        CurrencyPair pair = pair(symbol);
        return pair.getBase().getCurrencyCode() + pair.getCounter().getCurrencyCode();
    }

    static long orderId(String exchangeOrderId) {
        try {
            return Long.parseLong(exchangeOrderId);
        } catch (NumberFormatException e) {
            throw new ExchangeCallException(
                    ExchangeFailure.REJECTED,
                    "Binance order ids are numbers, was " + exchangeOrderId,
                    null,
                    null,
                    null);
        }
    }

    static ExchangeOrder order(BinanceOrder order, String symbol) {
        BigDecimal average = order.executedQty.signum() > 0 && order.cumulativeQuoteQty != null
                ? order.cumulativeQuoteQty
                        .divide(order.executedQty, 8, RoundingMode.HALF_EVEN)
                        .stripTrailingZeros()
                : null;
        com.algomarket.workflows.orders.OrderType type = switch (order.type) {
            case MARKET -> com.algomarket.workflows.orders.OrderType.MARKET;
            case STOP_LOSS, STOP, STOP_MARKET -> com.algomarket.workflows.orders.OrderType.STOP_LOSS;
            case STOP_LOSS_LIMIT -> com.algomarket.workflows.orders.OrderType.STOP_LIMIT;
            default -> com.algomarket.workflows.orders.OrderType.LIMIT;
        };
        return new ExchangeOrder(
                Long.toString(order.orderId),
                order.clientOrderId,
                symbol,
                order.side == org.knowm.xchange.binance.dto.trade.OrderSide.BUY ? Side.BUY : Side.SELL,
                type,
                order.origQty,
                order.executedQty,
                average,
                status(order.status),
                Instant.ofEpochMilli(order.time));
    }

    static OrderStatus status(org.knowm.xchange.binance.dto.trade.OrderStatus status) {
        return switch (status) {
            case NEW, PENDING_CANCEL -> OrderStatus.PENDING;
            case PARTIALLY_FILLED -> OrderStatus.PARTIALLY_FILLED;
            case FILLED -> OrderStatus.FILLED;
            case CANCELED -> OrderStatus.CANCELLED;
            case REJECTED -> OrderStatus.REJECTED;
            case EXPIRED, EXPIRED_IN_MATCH -> OrderStatus.EXPIRED;
        };
    }

    static BigDecimal averagePrice(List<BinanceTrade> fills) {
        if (fills == null || fills.isEmpty()) {
            return null;
        }
        BigDecimal quantity = BigDecimal.ZERO;
        BigDecimal notional = BigDecimal.ZERO;
        for (BinanceTrade fill : fills) {
            quantity = quantity.add(fill.qty);
            notional = notional.add(fill.qty.multiply(fill.price));
        }
        return quantity.signum() == 0
                ? null
                : notional.divide(quantity, 8, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }

    static Fill fill(BinanceTrade trade, String symbol) {
        return new Fill(
                Long.toString(trade.id),
                Long.toString(trade.orderId),
                symbol,
                trade.isBuyer ? Side.BUY : Side.SELL,
                trade.price,
                trade.qty,
                trade.commission,
                trade.commissionAsset,
                Instant.ofEpochMilli(trade.time));
    }

    static BigDecimal positive(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        BigDecimal decimal = new BigDecimal(value);
        return decimal.signum() > 0 ? decimal.stripTrailingZeros() : null;
    }

    /** The filters Binance checks before it accepts an order, as the rules our sizing rounds to. */
    static InstrumentRules instrumentRules(Symbol found, String symbol) {
        BigDecimal tickSize = null;
        BigDecimal stepSize = null;
        BigDecimal minQty = null;
        BigDecimal minNotional = null;
        for (Filter filter : found.getFilters()) {
            switch (String.valueOf(filter.getFilterType())) {
                case "PRICE_FILTER" -> tickSize = positive(filter.getTickSize());
                case "LOT_SIZE" -> {
                    stepSize = positive(filter.getStepSize());
                    minQty = positive(filter.getMinQty());
                }
                case "MIN_NOTIONAL", "NOTIONAL" -> minNotional = positive(filter.getMinNotional());
                default -> {
                    // Other filters (PERCENT_PRICE, ICEBERG_PARTS, ...) are checked by the exchange itself.
                }
            }
        }
        return new InstrumentRules(symbol, tickSize, stepSize, minQty, minNotional);
    }

    static org.knowm.xchange.binance.dto.trade.OrderSide side(OrderRequest request) {
        return request.side() == Side.BUY
                ? org.knowm.xchange.binance.dto.trade.OrderSide.BUY
                : org.knowm.xchange.binance.dto.trade.OrderSide.SELL;
    }

    static OrderType type(OrderRequest request) {
        // Binance's STOP_LOSS is a market order triggered at stopPrice, which is what our STOP_LOSS means.
        return switch (request.type()) {
            case MARKET -> OrderType.MARKET;
            case LIMIT -> OrderType.LIMIT;
            case STOP_LOSS -> OrderType.STOP_LOSS;
            // A limit order at "price" triggered at stopPrice.
            case STOP_LIMIT -> OrderType.STOP_LOSS_LIMIT;
            case TRAILING_STOP -> throw ExchangeCallException.trailingStopIsOurs();
        };
    }

    /** Binance takes a time in force for LIMIT orders and requires one for STOP_LOSS_LIMIT (GTC, ours always). */
    static TimeInForce timeInForce(OrderRequest request) {
        if (request.type() == com.algomarket.workflows.orders.OrderType.STOP_LIMIT) {
            return TimeInForce.GTC;
        }
        return request.type() != com.algomarket.workflows.orders.OrderType.LIMIT
                ? null
                : switch (request.timeInForce() == null
                        ? com.algomarket.workflows.orders.TimeInForce.GTC
                        : request.timeInForce()) {
                    case GTC -> TimeInForce.GTC;
                    case IOC -> TimeInForce.IOC;
                    case FOK -> TimeInForce.FOK;
                };
    }
}
