package com.algomarket.activities.paper;

import static com.algomarket.activities.paper.BinanceWire.decimal;
import static com.algomarket.activities.paper.BinanceWire.ordered;

import com.algomarket.activities.paper.BinanceApiServer.Request;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;

/**
 * The Binance endpoints the paper venue answers, over its {@link PaperExchange}: market data, account, orders and
 * trades, each answered in Binance's JSON.
 */
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
final class BinanceApiEndpoints {

    /** The fields an answer to a new order starts with. */
    private static final List<String> ORDER_IDENTITY = List.of("symbol", "orderId", "orderListId", "clientOrderId");

    /** A fill in the FULL answer to a new order, in Binance's order of fields. */
    private static final List<String> FILL_FIELDS = List.of("price", "qty", "commission", "commissionAsset", "tradeId");

    /** A trade in the answer to myTrades, in Binance's order of fields. */
    private static final List<String> MY_TRADE_FIELDS = List.of(
            "symbol",
            "id",
            "orderId",
            "orderListId",
            "price",
            "qty",
            "quoteQty",
            "commission",
            "commissionAsset",
            "time",
            "isBuyer",
            "isMaker",
            "isBestMatch");

    private final PaperExchange exchange;
    private final Clock clock;
    private final int weightPerMinute;

    private PaperExchange.ApiKey keyWith(Request request, PaperExchange.Permission permission) {
        PaperExchange.ApiKey key = exchange.key(request.apiKey()).orElseThrow();
        if (!key.permissions().contains(permission)) {
            throw new PaperRejection(401, -2015, "Invalid API-key, IP, or permissions for action.");
        }
        return key;
    }

    Object exchangeInfo() {
        return PaperExchangeInfo.of(exchange.markets(), clock.millis(), weightPerMinute);
    }

    Object tickerPrice(Request request) {
        String symbol = request.param("symbol");
        if (symbol != null) {
            PaperMarket market = exchange.market(symbol);
            return ordered("symbol", market.symbol, "price", decimal(market.referencePrice));
        }
        return exchange.markets().stream()
                .map(market -> ordered("symbol", market.symbol, "price", decimal(market.referencePrice)))
                .toList();
    }

    /**
     * The best level of each side of the synthetic book that has depth left, as Binance's bookTicker answers one
     * symbol: price and quantity 0 for a side that takers have emptied until the next tick.
     */
    Object bookTicker(Request request) {
        PaperMarket market = exchange.market(request.param("symbol"));
        Map<String, Object> book = new LinkedHashMap<>();
        book.put("symbol", market.symbol);
        for (boolean ask : new boolean[] {false, true}) {
            BigDecimal price = BigDecimal.ZERO;
            BigDecimal quantity = BigDecimal.ZERO;
            for (int level = 0; level < PaperMarket.LEVELS && quantity.signum() == 0; level++) {
                quantity = market.available(ask, level);
                price = quantity.signum() == 0 ? BigDecimal.ZERO : market.levelPrice(ask, level);
            }
            book.put(ask ? "askPrice" : "bidPrice", decimal(price));
            book.put(ask ? "askQty" : "bidQty", decimal(quantity));
        }
        return book;
    }

    Object account(Request request) {
        PaperExchange.ApiKey key = keyWith(request, PaperExchange.Permission.READ);
        List<Object> balances = new ArrayList<>();
        exchange.balances(key.apiKey())
                .forEach((asset, amounts) -> balances.add(
                        ordered("asset", asset, "free", decimal(amounts[0]), "locked", decimal(amounts[1]))));
        return ordered(
                "makerCommission",
                10,
                "takerCommission",
                10,
                "buyerCommission",
                0,
                "sellerCommission",
                0,
                "commissionRates",
                ordered("maker", "0.00100000", "taker", "0.00100000", "buyer", "0.00000000", "seller", "0.00000000"),
                "canTrade",
                key.permissions().contains(PaperExchange.Permission.TRADE),
                "canWithdraw",
                key.permissions().contains(PaperExchange.Permission.WITHDRAW),
                "canDeposit",
                true,
                "brokered",
                false,
                "requireSelfTradePrevention",
                false,
                "preventSor",
                false,
                "updateTime",
                clock.millis(),
                "accountType",
                "SPOT",
                "balances",
                balances,
                "permissions",
                List.of("SPOT"),
                "uid",
                // One uid per account, shared by its keys: what a key rotation checks.
                Math.abs(key.account().hashCode()));
    }

    Object apiRestrictions(Request request) {
        PaperExchange.ApiKey key = exchange.key(request.apiKey()).orElseThrow();
        return ordered(
                "ipRestrict", false,
                "createTime", clock.millis(),
                "enableReading", key.permissions().contains(PaperExchange.Permission.READ),
                "enableSpotAndMarginTrading", key.permissions().contains(PaperExchange.Permission.TRADE),
                "enableWithdrawals", key.permissions().contains(PaperExchange.Permission.WITHDRAW),
                "enableInternalTransfer", false,
                "enableMargin", false,
                "enableFutures", false,
                "permitsUniversalTransfer", false,
                "enableVanillaOptions", false,
                "enablePortfolioMarginTrading", false);
    }

    Object newOrder(Request request) {
        PaperExchange.ApiKey key = keyWith(request, PaperExchange.Permission.TRADE);
        PaperOrder order = exchange.placeOrder(
                key.apiKey(),
                new PaperExchange.NewOrder(
                        request.param("symbol"),
                        request.param("side"),
                        request.param("type"),
                        request.param("timeInForce"),
                        request.decimal("quantity"),
                        request.decimal("price"),
                        request.decimal("stopPrice"),
                        request.param("newClientOrderId")));
        String responseType = Optional.ofNullable(request.param("newOrderRespType"))
                .orElse(order.type.equals("MARKET") ? "FULL" : "ACK");
        // ACK: the order's identity and when it was placed; RESULT and FULL add the rest of the order.
        Map<String, Object> fields = orderFields(order);
        Map<String, Object> answer = new LinkedHashMap<>();
        ORDER_IDENTITY.forEach(field -> answer.put(field, fields.get(field)));
        answer.put("transactTime", order.time);
        if (responseType.equals("ACK")) {
            return answer;
        }
        answer.putAll(fields);
        answer.remove("time");
        answer.remove("updateTime");
        answer.remove("isWorking");
        if (responseType.equals("FULL")) {
            answer.put(
                    "fills",
                    exchange.trades(key.apiKey(), order.symbol, order.orderId, null, null, null, 1000).stream()
                            .map(trade -> tradeFields(trade, FILL_FIELDS))
                            .toList());
        }
        return answer;
    }

    Object queryOrder(Request request) {
        PaperExchange.ApiKey key = keyWith(request, PaperExchange.Permission.READ);
        return orderFields(exchange.order(
                key.apiKey(), request.param("symbol"), request.number("orderId"), request.param("origClientOrderId")));
    }

    Object cancelOrder(Request request) {
        PaperExchange.ApiKey key = keyWith(request, PaperExchange.Permission.TRADE);
        PaperOrder order = exchange.cancel(
                key.apiKey(), request.param("symbol"), request.number("orderId"), request.param("origClientOrderId"));
        Map<String, Object> answer = orderFields(order);
        answer.put("origClientOrderId", order.clientOrderId);
        answer.put(
                "clientOrderId",
                Optional.ofNullable(request.param("newClientOrderId")).orElse("cancel_" + order.orderId));
        answer.put("transactTime", order.updateTime);
        return answer;
    }

    Object openOrders(Request request) {
        PaperExchange.ApiKey key = keyWith(request, PaperExchange.Permission.READ);
        return exchange.openOrders(key.apiKey(), request.param("symbol")).stream()
                .map(this::orderFields)
                .toList();
    }

    Object myTrades(Request request) {
        PaperExchange.ApiKey key = keyWith(request, PaperExchange.Permission.READ);
        int limit = (int)
                Math.min(1000, Optional.ofNullable(request.number("limit")).orElse(500L));
        return exchange
                .trades(
                        key.apiKey(),
                        request.param("symbol"),
                        request.number("orderId"),
                        request.number("startTime"),
                        request.number("endTime"),
                        request.number("fromId"),
                        limit)
                .stream()
                .map(trade -> tradeFields(trade, MY_TRADE_FIELDS))
                .toList();
    }

    /** The named fields of a trade, in the order given: each field of a trade is written here once. */
    private static Map<String, Object> tradeFields(PaperTrade trade, List<String> fields) {
        Map<String, Object> answer = new LinkedHashMap<>();
        for (String field : fields) {
            answer.put(
                    field,
                    switch (field) {
                        case "symbol" -> trade.symbol();
                        case "id", "tradeId" -> trade.id();
                        case "orderId" -> trade.orderId();
                        case "orderListId" -> -1;
                        case "price" -> decimal(trade.price());
                        case "qty" -> decimal(trade.qty());
                        case "quoteQty" -> decimal(trade.quoteQty());
                        case "commission" -> decimal(trade.commission());
                        case "commissionAsset" -> trade.commissionAsset();
                        case "time" -> trade.time();
                        case "isBuyer" -> trade.buyer();
                        case "isMaker" -> trade.maker();
                        case "isBestMatch" -> true;
                        default -> throw new IllegalArgumentException("No trade field " + field);
                    });
        }
        return answer;
    }

    private Map<String, Object> orderFields(PaperOrder order) {
        return ordered(
                "symbol",
                order.symbol,
                "orderId",
                order.orderId,
                "orderListId",
                -1,
                "clientOrderId",
                order.clientOrderId,
                "price",
                decimal(order.price == null ? BigDecimal.ZERO : order.price),
                "origQty",
                decimal(order.origQty),
                "executedQty",
                decimal(order.executedQty),
                "cummulativeQuoteQty",
                decimal(order.cummulativeQuoteQty),
                "status",
                order.status.name(),
                "timeInForce",
                order.timeInForce == null ? "GTC" : order.timeInForce,
                "type",
                order.type,
                "side",
                order.side,
                "stopPrice",
                decimal(order.stopPrice == null ? BigDecimal.ZERO : order.stopPrice),
                "icebergQty",
                "0.00000000",
                "time",
                order.time,
                "updateTime",
                order.updateTime,
                "isWorking",
                order.working,
                "workingTime",
                order.time,
                "origQuoteOrderQty",
                "0.00000000",
                "selfTradePreventionMode",
                "NONE");
    }
}
