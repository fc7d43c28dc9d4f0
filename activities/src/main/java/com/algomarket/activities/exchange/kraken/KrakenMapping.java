package com.algomarket.activities.exchange.kraken;

import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeOrder;
import com.algomarket.activities.exchange.Fill;
import com.algomarket.activities.exchange.OrderRequest;
import com.algomarket.activities.exchange.kraken.KrakenSignedCalls.OrderInfo;
import com.algomarket.activities.exchange.transport.XChangeRest.BaseQuote;
import com.algomarket.workflows.exchange.ExchangeFailure;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.orders.TimeInForce;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchange.kraken.dto.trade.KrakenOrderDescription;
import org.knowm.xchange.kraken.dto.trade.KrakenOrderType;
import org.knowm.xchange.kraken.dto.trade.KrakenTrade;
import org.knowm.xchange.kraken.dto.trade.KrakenType;

/** Kraken's names and DTOs (through XChange) to the exchange port's records: asset altnames, orders, statuses, fills, error codes. */
final class KrakenMapping {

    private KrakenMapping() {}

    /** Our asset names where Kraken's altnames differ. */
    static final Map<String, String> KRAKEN_ASSETS = Map.of("BTC", "XBT", "DOGE", "XDG");

    static final Map<String, String> OUR_ASSETS = Map.of("XBT", "BTC", "XDG", "DOGE");

    static boolean isUnknownOrder(String code) {
        return code != null && (code.startsWith("EOrder:Unknown order") || code.startsWith("EOrder:Invalid order"));
    }

    /** A pair Kraken has no data for: refused under Kraken's own code for it. */
    static ExchangeCallException notTraded(String symbol) {
        return new ExchangeCallException(
                ExchangeFailure.REJECTED, "Kraken does not trade " + symbol, "EQuery:Unknown asset pair", null, null);
    }

    static boolean startsWith(String code, String... prefixes) {
        for (String prefix : prefixes) {
            if (code.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    static String altname(BaseQuote assets) {
        return KRAKEN_ASSETS.getOrDefault(assets.base(), assets.base())
                + KRAKEN_ASSETS.getOrDefault(assets.quote(), assets.quote());
    }

    static String ourAsset(String altname) {
        return OUR_ASSETS.getOrDefault(altname, altname);
    }

    static Optional<ExchangeOrder> newestWithClientOrderId(
            Map<String, OrderInfo> orders, String clientOrderId, String symbol) {
        if (orders == null) {
            return Optional.empty();
        }
        return orders.entrySet().stream()
                .filter(entry -> clientOrderId.equals(entry.getValue().clientOrderId()))
                .max(Comparator.comparingDouble(entry -> entry.getValue().opentm()))
                .map(entry -> order(entry.getKey(), entry.getValue(), symbol));
    }

    static ExchangeOrder order(String txid, OrderInfo info, String symbol) {
        BigDecimal filled = info.volExec() == null ? BigDecimal.ZERO : info.volExec();
        BigDecimal average = filled.signum() > 0 && info.cost() != null
                ? info.cost().divide(filled, 8, RoundingMode.HALF_EVEN).stripTrailingZeros()
                : null;
        KrakenOrderDescription descr = info.descr();
        Side side = descr != null && descr.getType() == KrakenType.SELL ? Side.SELL : Side.BUY;
        KrakenOrderType krakenType = descr == null ? null : descr.getOrderType();
        OrderType type = krakenType == KrakenOrderType.MARKET
                ? OrderType.MARKET
                : krakenType == KrakenOrderType.STOP_LOSS
                        ? OrderType.STOP_LOSS
                        : krakenType == KrakenOrderType.STOP_LOSS_LIMIT ? OrderType.STOP_LIMIT : OrderType.LIMIT;
        double seconds = info.closetm() > 0 ? info.closetm() : info.opentm();
        return new ExchangeOrder(
                txid,
                info.clientOrderId(),
                symbol,
                side,
                type,
                info.vol(),
                filled,
                average,
                status(info.status(), filled, info.vol()),
                Instant.ofEpochMilli(Math.round(seconds * 1000)));
    }

    static OrderStatus status(String status, BigDecimal filled, BigDecimal quantity) {
        return switch (String.valueOf(status)) {
            case "closed" ->
                quantity == null || filled.compareTo(quantity) >= 0 ? OrderStatus.FILLED : OrderStatus.EXPIRED;
            case "canceled" -> OrderStatus.CANCELLED;
            case "expired" -> OrderStatus.EXPIRED;
            // pending, open, and any state Kraken adds: not final, so it is looked at again.
            default -> filled.signum() > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.PENDING;
        };
    }

    static Fill fill(String tradeId, KrakenTrade trade, String symbol, String quoteAsset) {
        return new Fill(
                tradeId,
                trade.getOrderTxId(),
                symbol,
                trade.getType() == KrakenType.SELL ? Side.SELL : Side.BUY,
                trade.getPrice(),
                trade.getVolume(),
                trade.getFee(),
                quoteAsset,
                Instant.ofEpochMilli(Math.round(trade.getUnixTimestamp() * 1000)));
    }

    static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    static BigDecimal positive(BigDecimal value) {
        return value != null && value.signum() > 0 ? value.stripTrailingZeros() : null;
    }

    static String orderType(OrderRequest request) {
        // Kraken's stop-loss is a market order triggered at "price", which is what our STOP_LOSS means.
        return switch (request.type()) {
            case MARKET -> "market";
            case LIMIT -> "limit";
            case STOP_LOSS -> "stop-loss";
            // A limit order triggered at "price" with its limit in "price2".
            case STOP_LIMIT -> "stop-loss-limit";
            case TRAILING_STOP -> throw ExchangeCallException.trailingStopIsOurs();
        };
    }

    /** The limit price of a LIMIT order, the trigger of a STOP_LOSS or STOP_LIMIT. */
    static String price(OrderRequest request) {
        return switch (request.type()) {
            case MARKET -> null;
            case LIMIT -> plain(request.limitPrice());
            case STOP_LOSS, STOP_LIMIT -> plain(request.stopPrice());
            case TRAILING_STOP -> throw ExchangeCallException.trailingStopIsOurs();
        };
    }

    /** Kraken's second price: the limit of a STOP_LIMIT once triggered; nothing for the other types. */
    static String price2(OrderRequest request) {
        return request.type() == OrderType.STOP_LIMIT ? plain(request.limitPrice()) : null;
    }

    /** Kraken takes a time in force for LIMIT orders only, and has no fill-or-kill. */
    static String timeInForce(OrderRequest request) {
        return request.type() != OrderType.LIMIT
                ? null
                : switch (request.timeInForce() == null ? TimeInForce.GTC : request.timeInForce()) {
                    case GTC -> "GTC";
                    case IOC -> "IOC";
                    case FOK ->
                        throw new ExchangeCallException(ExchangeFailure.REJECTED, "Kraken has no fill-or-kill orders");
                };
    }
}
