package com.algomarket.activities.exchange.bitvavo;

import static com.algomarket.activities.exchange.bitvavo.BitvavoJson.decimal;
import static com.algomarket.activities.exchange.bitvavo.BitvavoJson.elements;
import static com.algomarket.activities.exchange.bitvavo.BitvavoJson.fill;
import static com.algomarket.activities.exchange.bitvavo.BitvavoJson.json;
import static com.algomarket.activities.exchange.bitvavo.BitvavoJson.market;
import static com.algomarket.activities.exchange.bitvavo.BitvavoJson.order;
import static com.algomarket.activities.exchange.bitvavo.BitvavoJson.putPlain;
import static com.algomarket.activities.exchange.bitvavo.BitvavoJson.query;
import static com.algomarket.activities.exchange.bitvavo.BitvavoJson.symbol;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.Balance;
import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeGateway;
import com.algomarket.activities.exchange.ExchangeOrder;
import com.algomarket.activities.exchange.Fill;
import com.algomarket.activities.exchange.InstrumentRules;
import com.algomarket.activities.exchange.KeyPermissions;
import com.algomarket.activities.exchange.OrderRequest;
import com.algomarket.activities.exchange.bitvavo.BitvavoRequests.Call;
import com.algomarket.activities.exchange.transport.ExchangeHttpClient;
import com.algomarket.activities.exchange.transport.ExchangeRateLimiter;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Bitvavo's REST API v2 (https://docs.bitvavo.com) on our own transport. Every request is signed: the
 * {@code Bitvavo-Access-Signature} header is the hex HMAC-SHA256, keyed with the secret, of the millisecond timestamp,
 * the method, the path from {@code /v2} on with its query string, and the body.
 *
 * <p>What Bitvavo does not offer, and what this adapter does instead:
 * <ul>
 * <li>No endpoint lists a key's permissions (View, Trade, Withdraw are set in Bitvavo's web app); each endpoint refuses
 * a key without its permission (error 310 trade, 311 view, 312 withdraw). See {@link #permissions}.
 * <li>{@code clientOrderId} must be unique only among the open orders of a market (error 220 "clientOrderId conflict
 * within the market"), so nothing stops the id of a filled or cancelled order from placing a second one. Look an order
 * up before resubmitting it, as {@link ExchangeGateway#placeOrder} says.
 * <li>The trade history ({@code GET /trades}) has no order filter and covers at most 24 hours per request;
 * {@link #fillsForOrder} and {@link #fillsSince} read it window by window.
 * <li>Bitvavo requires an {@code operatorId} (an integer naming the trader or bot within the account) on every order
 * and cancellation; this adapter sends the one it was built with.
 * </ul>
 */
public final class BitvavoGateway implements ExchangeGateway {

    // Weights from Bitvavo's reference pages (account and markets as CCXT counts them), of 1000 a minute per key.
    private static final double WEIGHT_ACCOUNT = 1;
    private static final double WEIGHT_BALANCE = 5;
    private static final double WEIGHT_CREATE_ORDER = 1;
    private static final double WEIGHT_MARKETS = 1;
    private static final double WEIGHT_TICKER_PRICE = 1;
    private static final double WEIGHT_TICKER_BOOK = 1;
    private static final double WEIGHT_ORDER = 1;
    private static final double WEIGHT_ORDERS = 5;
    private static final double WEIGHT_ORDERS_OPEN_ONE_MARKET = 1;
    private static final double WEIGHT_TRADES = 5;
    /** Documented as "N/A"; counted as 1 so that a burst of cancellations is still paced. */
    private static final double WEIGHT_CANCEL = 1;

    /** The largest page of {@code /trades} and {@code /orders}. */
    private static final int MAX_PAGE = 1000;

    private static final Duration MAX_TRADE_WINDOW = Duration.ofHours(24);

    private static final String ORDER_NOT_FOUND = "240";
    private static final String ORDER_NOT_ACTIVE = "233";
    private static final String NO_TRADE_PERMISSION = "310";
    /** Any market: the permission probe cancels an order that cannot exist there. */
    private static final String PROBE_MARKET = "BTC-EUR";

    private final String baseUrl;
    private final long operatorId;
    private final BitvavoRequests requests;
    private final Clock clock;

    /**
     * @param baseUrl the API root including {@code /v2}, e.g. {@code https://api.bitvavo.com/v2}
     * @param operatorId Bitvavo's {@code operatorId} for the orders and cancellations of this process
     */
    public BitvavoGateway(
            URI baseUrl, long operatorId, ExchangeRateLimiter rateLimiter, ExchangeHttpClient http, Clock clock) {
        this.baseUrl = baseUrl.toString().replaceAll("/+$", "");
        this.operatorId = operatorId;
        this.requests = new BitvavoRequests(this.baseUrl, rateLimiter, http, clock);
        this.clock = clock;
    }

    @Override
    public Exchange exchange() {
        return Exchange.BITVAVO;
    }

    /**
     * Read is proven by a signed {@code GET /account}. Trade is probed by cancelling an order id that cannot exist: a
     * key without the trade permission is refused with 310 (a 403, checked with the signature, before the order is
     * looked up), a key with it gets 240 "no order found". Withdraw stays null: the only test would be a withdrawal.
     */
    @Override
    public KeyPermissions permissions(ApiCredentials credentials) {
        requests.call(credentials, Call.get("/account", "", WEIGHT_ACCOUNT), answer -> answer);
        return new KeyPermissions(true, mayTrade(credentials), null);
    }

    private boolean mayTrade(ApiCredentials credentials) {
        String probe = query(
                "market",
                PROBE_MARKET,
                "orderId",
                UUID.randomUUID().toString(),
                "operatorId",
                Long.toString(operatorId));
        try {
            // Not mutating: whatever happens to this request, no order of the account can be affected.
            requests.call(credentials, new Call("DELETE", "/order", probe, "", WEIGHT_CANCEL, false), answer -> answer);
            return true;
        } catch (ExchangeCallException e) {
            if (NO_TRADE_PERMISSION.equals(e.exchangeCode())) {
                return false;
            }
            if (ORDER_NOT_FOUND.equals(e.exchangeCode())) {
                return true;
            }
            throw e;
        }
    }

    @Override
    public List<Balance> balances(ApiCredentials credentials) {
        return requests.call(
                credentials,
                Call.get("/balance", "", WEIGHT_BALANCE),
                answer -> elements(answer)
                        .map(balance -> new Balance(
                                balance.path("symbol").asText(),
                                decimal(balance, "available"),
                                decimal(balance, "inOrder")))
                        .toList());
    }

    /** {@code GET /ticker/price?market=}: the price of the market's last trade. */
    @Override
    public BigDecimal lastPrice(ApiCredentials credentials, String symbol) {
        String market = market(symbol);
        return requests.call(
                credentials, Call.get("/ticker/price", query("market", market), WEIGHT_TICKER_PRICE), answer -> {
                    BigDecimal price = decimal(answer, "price");
                    if (price == null) {
                        throw new IllegalStateException("the ticker of " + market + " has no price");
                    }
                    return price;
                });
    }

    /** {@code GET /ticker/book?market=}: the market's best bid and ask; {@code ask} is null while nobody sells. */
    @Override
    public Optional<BigDecimal> bestAsk(ApiCredentials credentials, String symbol) {
        return requests.call(
                credentials,
                Call.get("/ticker/book", query("market", market(symbol)), WEIGHT_TICKER_BOOK),
                answer -> Optional.ofNullable(decimal(answer, "ask")).filter(ask -> ask.signum() > 0));
    }

    /**
     * The price step is the market's {@code tickSize}. Its {@code pricePrecision} (significant digits) is not used:
     * Bitvavo replaced it by the tick size in v2.12.0 and answers null for it since.
     */
    @Override
    public InstrumentRules instrumentRules(ApiCredentials credentials, String symbol) {
        String market = market(symbol);
        return requests.call(credentials, Call.get("/markets", query("market", market), WEIGHT_MARKETS), answer -> {
            if (!market.equals(answer.path("market").asText())) {
                throw new IllegalStateException("the answer does not describe " + market);
            }
            JsonNode decimals = answer.path("quantityDecimals");
            return new InstrumentRules(
                    symbol,
                    decimal(answer, "tickSize"),
                    decimals.isInt() ? BigDecimal.ONE.movePointLeft(decimals.intValue()) : null,
                    decimal(answer, "minOrderInBaseAsset"),
                    decimal(answer, "minOrderInQuoteAsset"));
        });
    }

    @Override
    public ExchangeOrder placeOrder(ApiCredentials credentials, OrderRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("market", market(request.symbol()));
        body.put("side", request.side() == Side.BUY ? "buy" : "sell");
        body.put(
                "orderType",
                switch (request.type()) {
                    case MARKET -> "market";
                    case LIMIT -> "limit";
                    case STOP_LOSS -> "stopLoss";
                    case STOP_LIMIT -> "stopLossLimit";
                    case TRAILING_STOP -> throw ExchangeCallException.trailingStopIsOurs();
                });
        body.put("clientOrderId", request.clientOrderId());
        body.put("operatorId", operatorId);
        body.put("amount", request.quantity().toPlainString());
        if (request.type() == OrderType.LIMIT) {
            putPlain(body, "price", request.limitPrice());
            if (request.timeInForce() != null) {
                body.put("timeInForce", request.timeInForce().name());
            }
        }
        if (request.type() == OrderType.STOP_LIMIT) {
            putPlain(body, "price", request.limitPrice());
        }
        if (request.type() == OrderType.STOP_LOSS || request.type() == OrderType.STOP_LIMIT) {
            putPlain(body, "triggerAmount", request.stopPrice());
            body.put("triggerType", "price");
            // The price of the last trade, as stop orders elsewhere trigger; Bitvavo also offers bid, ask, mid.
            body.put("triggerReference", "lastTrade");
        }
        return requests.call(
                credentials, new Call("POST", "/order", "", json(body), WEIGHT_CREATE_ORDER, true), BitvavoJson::order);
    }

    /**
     * Asks {@code GET /order} by client order id, then, when Bitvavo knows no such order, the market's recent order
     * history: Bitvavo promises a unique {@code clientOrderId} only among open orders and does not say whether
     * {@code GET /order} finds a completed one by it, and a filled market order is exactly what a lookup after an
     * UNKNOWN outcome must find. When the id was reused, the latest order with it is the answer.
     */
    @Override
    public Optional<ExchangeOrder> orderByClientOrderId(
            ApiCredentials credentials, String symbol, String clientOrderId) {
        String market = market(symbol);
        Optional<ExchangeOrder> open = lookUp(credentials, query("market", market, "clientOrderId", clientOrderId));
        if (open.isPresent()) {
            return open;
        }
        return requests.call(
                credentials,
                Call.get("/orders", query("market", market, "limit", Integer.toString(MAX_PAGE)), WEIGHT_ORDERS),
                answer -> elements(answer)
                        .filter(order ->
                                clientOrderId.equals(order.path("clientOrderId").asText(null)))
                        .findFirst()
                        .map(BitvavoJson::order));
    }

    @Override
    public Optional<ExchangeOrder> orderByExchangeOrderId(
            ApiCredentials credentials, String symbol, String exchangeOrderId) {
        return lookUp(credentials, query("market", market(symbol), "orderId", exchangeOrderId));
    }

    /**
     * {@code DELETE /order} answers only the order id, so the order's state afterwards is read with {@code GET /order}.
     * When Bitvavo refuses because the order is no longer active (filled, cancelled, expired), that state is the
     * answer too.
     */
    @Override
    public ExchangeOrder cancelOrder(ApiCredentials credentials, String symbol, String exchangeOrderId) {
        String market = market(symbol);
        try {
            requests.call(
                    credentials,
                    new Call(
                            "DELETE",
                            "/order",
                            query(
                                    "market",
                                    market,
                                    "orderId",
                                    exchangeOrderId,
                                    "operatorId",
                                    Long.toString(operatorId)),
                            "",
                            WEIGHT_CANCEL,
                            true),
                    answer -> answer);
        } catch (ExchangeCallException e) {
            if (!ORDER_NOT_FOUND.equals(e.exchangeCode()) && !ORDER_NOT_ACTIVE.equals(e.exchangeCode())) {
                throw e;
            }
        }
        return requests.call(
                credentials,
                Call.get("/order", query("market", market, "orderId", exchangeOrderId), WEIGHT_ORDER),
                BitvavoJson::order);
    }

    @Override
    public List<ExchangeOrder> openOrders(ApiCredentials credentials, String symbol) {
        return requests.call(
                credentials,
                Call.get("/ordersOpen", query("market", market(symbol)), WEIGHT_ORDERS_OPEN_ONE_MARKET),
                answer -> elements(answer).map(BitvavoJson::order).toList());
    }

    /** The order's trades lie between its creation and its last update, so only that span of history is read. */
    @Override
    public List<Fill> fillsForOrder(ApiCredentials credentials, String symbol, String exchangeOrderId) {
        String market = market(symbol);
        JsonNode order = requests.call(
                credentials,
                Call.get("/order", query("market", market, "orderId", exchangeOrderId), WEIGHT_ORDER),
                answer -> answer);
        Instant created = Instant.ofEpochMilli(order.path("created").asLong());
        Instant updated = Instant.ofEpochMilli(order.path("updated").asLong(created.toEpochMilli()));
        // One millisecond past the last update, whether Bitvavo's end bound is inclusive or not.
        return trades(credentials, symbol, created, updated.plusMillis(1)).stream()
                .filter(fill -> exchangeOrderId.equals(fill.exchangeOrderId()))
                .toList();
    }

    /** One request of weight 5 per started 24 hours since {@code since}; oldest fill first. */
    @Override
    public List<Fill> fillsSince(ApiCredentials credentials, String symbol, Instant since) {
        return trades(credentials, symbol, since, clock.instant());
    }

    private Optional<ExchangeOrder> lookUp(ApiCredentials credentials, String query) {
        try {
            return Optional.of(requests.call(credentials, Call.get("/order", query, WEIGHT_ORDER), BitvavoJson::order));
        } catch (ExchangeCallException e) {
            if (ORDER_NOT_FOUND.equals(e.exchangeCode())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The account's trades in the market from {@code from} to {@code to}, oldest first, each once. */
    private List<Fill> trades(ApiCredentials credentials, String symbol, Instant from, Instant to) {
        Map<String, Fill> fills = new LinkedHashMap<>();
        for (Instant start = from; start.isBefore(to); start = start.plus(MAX_TRADE_WINDOW)) {
            Instant windowEnd = start.plus(MAX_TRADE_WINDOW);
            tradesInWindow(credentials, symbol, start, windowEnd.isBefore(to) ? windowEnd : to, fills);
        }
        List<Fill> oldestFirst = new ArrayList<>(fills.values());
        oldestFirst.sort(Comparator.comparing(Fill::executedAt));
        return oldestFirst;
    }

    /**
     * Pages back through one window: Bitvavo answers the newest trades first, so after a full page the rest lies at
     * or before its oldest trade. That millisecond is asked again and the trades already seen are dropped by id.
     */
    private void tradesInWindow(
            ApiCredentials credentials, String symbol, Instant start, Instant end, Map<String, Fill> fills) {
        String market = market(symbol);
        Instant pageEnd = end;
        while (true) {
            List<Fill> page = requests.call(
                    credentials,
                    Call.get(
                            "/trades",
                            query(
                                    "market",
                                    market,
                                    "start",
                                    Long.toString(start.toEpochMilli()),
                                    "end",
                                    Long.toString(pageEnd.toEpochMilli()),
                                    "limit",
                                    Integer.toString(MAX_PAGE)),
                            WEIGHT_TRADES),
                    answer -> elements(answer).map(trade -> fill(symbol, trade)).toList());
            boolean news = false;
            for (Fill fill : page) {
                news |= fills.putIfAbsent(fill.tradeId(), fill) == null;
            }
            // A full page with nothing new would mean over 1000 trades in one millisecond: no way further back.
            if (page.size() < MAX_PAGE || !news) {
                return;
            }
            pageEnd = page.stream()
                    .map(Fill::executedAt)
                    .min(Comparator.naturalOrder())
                    .orElseThrow()
                    .plusMillis(1);
        }
    }
}
