package com.algomarket.activities.exchange.bitvavo;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.Balance;
import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeGateway;
import com.algomarket.activities.exchange.ExchangeOrder;
import com.algomarket.activities.exchange.Fill;
import com.algomarket.activities.exchange.InstrumentRules;
import com.algomarket.activities.exchange.KeyPermissions;
import com.algomarket.activities.exchange.OrderRequest;
import com.algomarket.activities.exchange.transport.ExchangeHttpClient;
import com.algomarket.activities.exchange.transport.ExchangeRateLimiter;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.exchange.ExchangeFailure;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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

    /** Bitvavo signs the path from its version prefix on, whatever path the base URL itself has. */
    private static final String SIGNED_PATH_PREFIX = "/v2";
    /** Bitvavo's default access window, sent explicitly so that it is not another thing to look up. */
    private static final String ACCESS_WINDOW_MILLIS = "10000";

    // Weights from Bitvavo's reference pages (account and markets as CCXT counts them), of 1000 a minute per key.
    private static final double WEIGHT_ACCOUNT = 1;
    private static final double WEIGHT_BALANCE = 5;
    private static final double WEIGHT_CREATE_ORDER = 1;
    private static final double WEIGHT_MARKETS = 1;
    private static final double WEIGHT_TICKER_PRICE = 1;
    private static final double WEIGHT_ORDER = 1;
    private static final double WEIGHT_ORDERS = 5;
    private static final double WEIGHT_ORDERS_OPEN_ONE_MARKET = 1;
    private static final double WEIGHT_TRADES = 5;
    /** Documented as "N/A"; counted as 1 so that a burst of cancellations is still paced. */
    private static final double WEIGHT_CANCEL = 1;

    /** The largest page of {@code /trades} and {@code /orders}. */
    private static final int MAX_PAGE = 1000;

    private static final Duration MAX_TRADE_WINDOW = Duration.ofHours(24);
    /** How long Bitvavo blocks a key that went over its limit, when the answer does not say until when. */
    private static final Duration RATE_LIMIT_BLOCK = Duration.ofMinutes(1);

    private static final String ORDER_NOT_FOUND = "240";
    private static final String ORDER_NOT_ACTIVE = "233";
    private static final String NO_TRADE_PERMISSION = "310";
    /** 110 is the code of the rate limits page, 105 that of the error table; both come with HTTP 429. */
    private static final Set<String> RATE_LIMITED_CODES = Set.of("105", "110");
    /** The request arrived after its access window: refused before anything was executed. */
    private static final String OUTSIDE_ACCESS_WINDOW = "304";
    /** Any market: the permission probe cancels an order that cannot exist there. */
    private static final String PROBE_MARKET = "BTC-EUR";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final long operatorId;
    private final ExchangeRateLimiter rateLimiter;
    private final ExchangeHttpClient http;
    private final Clock clock;

    /**
     * @param baseUrl the API root including {@code /v2}, e.g. {@code https://api.bitvavo.com/v2}
     * @param operatorId Bitvavo's {@code operatorId} for the orders and cancellations of this process
     */
    public BitvavoGateway(
            URI baseUrl, long operatorId, ExchangeRateLimiter rateLimiter, ExchangeHttpClient http, Clock clock) {
        this.baseUrl = baseUrl.toString().replaceAll("/+$", "");
        this.operatorId = operatorId;
        this.rateLimiter = rateLimiter;
        this.http = http;
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
        call(credentials, Call.get("/account", "", WEIGHT_ACCOUNT), answer -> answer);
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
            call(credentials, new Call("DELETE", "/order", probe, "", WEIGHT_CANCEL, false), answer -> answer);
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
        return call(
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
        return call(credentials, Call.get("/ticker/price", query("market", market), WEIGHT_TICKER_PRICE), answer -> {
            BigDecimal price = decimal(answer, "price");
            if (price == null) {
                throw new IllegalStateException("the ticker of " + market + " has no price");
            }
            return price;
        });
    }

    /**
     * The price step is the market's {@code tickSize}. Its {@code pricePrecision} (significant digits) is not used:
     * Bitvavo replaced it by the tick size in v2.12.0 and answers null for it since.
     */
    @Override
    public InstrumentRules instrumentRules(ApiCredentials credentials, String symbol) {
        String market = market(symbol);
        return call(credentials, Call.get("/markets", query("market", market), WEIGHT_MARKETS), answer -> {
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
        body.put("side", request.side() == OrderRequest.OrderSide.BUY ? "buy" : "sell");
        body.put(
                "orderType",
                switch (request.type()) {
                    case MARKET -> "market";
                    case LIMIT -> "limit";
                    case STOP_LOSS -> "stopLoss";
                });
        body.put("clientOrderId", request.clientOrderId());
        body.put("operatorId", operatorId);
        body.put("amount", request.quantity().toPlainString());
        if (request.type() == OrderRequest.OrderType.LIMIT) {
            putPlain(body, "price", request.limitPrice());
            if (request.timeInForce() != null) {
                body.put("timeInForce", request.timeInForce().name());
            }
        }
        if (request.type() == OrderRequest.OrderType.STOP_LOSS) {
            putPlain(body, "triggerAmount", request.stopPrice());
            body.put("triggerType", "price");
            // The price of the last trade, as stop orders elsewhere trigger; Bitvavo also offers bid, ask, mid.
            body.put("triggerReference", "lastTrade");
        }
        return call(
                credentials,
                new Call("POST", "/order", "", json(body), WEIGHT_CREATE_ORDER, true),
                BitvavoGateway::order);
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
        return call(
                credentials,
                Call.get("/orders", query("market", market, "limit", Integer.toString(MAX_PAGE)), WEIGHT_ORDERS),
                answer -> elements(answer)
                        .filter(order ->
                                clientOrderId.equals(order.path("clientOrderId").asText(null)))
                        .findFirst()
                        .map(BitvavoGateway::order));
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
            call(
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
        return call(
                credentials,
                Call.get("/order", query("market", market, "orderId", exchangeOrderId), WEIGHT_ORDER),
                BitvavoGateway::order);
    }

    @Override
    public List<ExchangeOrder> openOrders(ApiCredentials credentials, String symbol) {
        return call(
                credentials,
                Call.get("/ordersOpen", query("market", market(symbol)), WEIGHT_ORDERS_OPEN_ONE_MARKET),
                answer -> elements(answer).map(BitvavoGateway::order).toList());
    }

    /** The order's trades lie between its creation and its last update, so only that span of history is read. */
    @Override
    public List<Fill> fillsForOrder(ApiCredentials credentials, String symbol, String exchangeOrderId) {
        String market = market(symbol);
        JsonNode order = call(
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
            return Optional.of(call(credentials, Call.get("/order", query, WEIGHT_ORDER), BitvavoGateway::order));
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
            List<Fill> page = call(
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

    /** A signed request: rate limited, sent, its failure classified, its answer read by {@code reader}. */
    private <T> T call(ApiCredentials credentials, Call call, Function<JsonNode, T> reader) {
        rateLimiter.acquire(Exchange.BITVAVO, credentials.keyId(), call.weight());
        String pathAndQuery = call.path() + call.query();
        String timestamp = Long.toString(clock.millis());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .header("Content-Type", "application/json")
                .header("Bitvavo-Access-Key", credentials.apiKey())
                .header("Bitvavo-Access-Timestamp", timestamp)
                .header(
                        "Bitvavo-Access-Signature",
                        sign(
                                credentials.secret(),
                                timestamp,
                                call.method(),
                                SIGNED_PATH_PREFIX + pathAndQuery,
                                call.body()))
                .header("Bitvavo-Access-Window", ACCESS_WINDOW_MILLIS)
                .method(
                        call.method(),
                        call.body().isEmpty()
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(call.body()));
        ExchangeHttpClient.Response response = http.send(request, call.mutating());
        if (!response.isSuccess()) {
            throw failure(credentials, response, call.mutating());
        }
        try {
            return reader.apply(JSON.readTree(response.body()));
        } catch (JsonProcessingException | RuntimeException unreadable) {
            // After a mutating call the change happened; only its description is missing.
            throw new ExchangeCallException(
                    call.mutating() ? ExchangeFailure.UNKNOWN : ExchangeFailure.UNAVAILABLE,
                    "Bitvavo's answer to " + call.method() + " " + call.path() + " could not be read: "
                            + unreadable.getMessage(),
                    null,
                    null,
                    unreadable);
        }
    }

    /**
     * The status decides, except where Bitvavo's error code says more: a rate limit (which also stops this key's
     * calls until Bitvavo's counter resets) and a request that arrived after its access window (nothing executed, so
     * safe to retry, and no reason to think the key bad).
     */
    private ExchangeCallException failure(
            ApiCredentials credentials, ExchangeHttpClient.Response response, boolean mutating) {
        JsonNode error = readQuietly(response.body());
        String code = error.hasNonNull("errorCode") ? error.get("errorCode").asText() : null;
        String message = error.hasNonNull("error") ? error.get("error").asText() : null;
        ExchangeCallException classified = http.classify(response, mutating, code, message);
        if (response.status() == 429 || RATE_LIMITED_CODES.contains(code)) {
            Duration retryAfter = rateLimitResetIn(response);
            rateLimiter.backOff(Exchange.BITVAVO, credentials.keyId(), retryAfter);
            return new ExchangeCallException(
                    ExchangeFailure.RATE_LIMITED, classified.getMessage(), code, retryAfter, null);
        }
        if (OUTSIDE_ACCESS_WINDOW.equals(code)) {
            return new ExchangeCallException(
                    ExchangeFailure.UNAVAILABLE, classified.getMessage() + "; nothing was executed", code, null, null);
        }
        return classified;
    }

    private Duration rateLimitResetIn(ExchangeHttpClient.Response response) {
        return response.headers()
                .firstValue("bitvavo-ratelimit-resetat")
                .filter(resetAt -> resetAt.matches("\\d{1,18}"))
                .map(resetAt -> {
                    Duration left = Duration.between(clock.instant(), Instant.ofEpochMilli(Long.parseLong(resetAt)));
                    return left.isNegative() ? Duration.ZERO : left;
                })
                .orElse(RATE_LIMIT_BLOCK);
    }

    /** HMAC-SHA256 of timestamp, method, path with query and body, as lower-case hex. */
    static String sign(String secret, String timestamp, String method, String signedPathAndQuery, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature =
                    mac.doFinal((timestamp + method + signedPathAndQuery + body).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /**
     * Bitvavo's order as ours. The type is null for Bitvavo's types our model has no name for (stopLossLimit,
     * takeProfit, takeProfitLimit: only the user's own orders have them); the quantity is null for an order placed
     * with {@code amountQuote}.
     */
    private static ExchangeOrder order(JsonNode order) {
        BigDecimal filled = decimal(order, "filledAmount");
        BigDecimal filledQuote = decimal(order, "filledAmountQuote");
        BigDecimal averagePrice = filled != null && filled.signum() > 0 && filledQuote != null
                ? filledQuote.divide(filled, MathContext.DECIMAL64).stripTrailingZeros()
                : null;
        OrderRequest.OrderType type = switch (order.path("orderType").asText()) {
            case "market" -> OrderRequest.OrderType.MARKET;
            case "limit" -> OrderRequest.OrderType.LIMIT;
            case "stopLoss" -> OrderRequest.OrderType.STOP_LOSS;
            default -> null;
        };
        long created = order.path("created").asLong();
        return new ExchangeOrder(
                order.path("orderId").asText(),
                order.path("clientOrderId").asText(null),
                symbol(order.path("market").asText()),
                side(order.path("side").asText()),
                type,
                decimal(order, "amount"),
                filled == null ? BigDecimal.ZERO : filled,
                averagePrice,
                status(order.path("status").asText()),
                Instant.ofEpochMilli(order.path("updated").asLong(created)));
    }

    private static ExchangeOrder.Status status(String status) {
        return switch (status) {
            case "new", "awaitingTrigger" -> ExchangeOrder.Status.OPEN;
            case "partiallyFilled" -> ExchangeOrder.Status.PARTIALLY_FILLED;
            case "filled" -> ExchangeOrder.Status.FILLED;
            case "expired" -> ExchangeOrder.Status.EXPIRED;
            case "rejected" -> ExchangeOrder.Status.REJECTED;
            default -> {
                // canceled, canceledAuction, canceledSelfTradePrevention, canceledIOC, canceledFOK,
                // canceledMarketProtection, canceledPostOnly: Bitvavo names each reason canceledXxx.
                if (status.startsWith("canceled")) {
                    yield ExchangeOrder.Status.CANCELLED;
                }
                throw new IllegalStateException("unknown order status '" + status + "'");
            }
        };
    }

    private static Fill fill(String symbol, JsonNode trade) {
        return new Fill(
                trade.path("id").asText(),
                trade.path("orderId").asText(null),
                symbol,
                side(trade.path("side").asText()),
                decimal(trade, "price"),
                decimal(trade, "amount"),
                decimal(trade, "fee"),
                trade.path("feeCurrency").asText(null),
                Instant.ofEpochMilli(trade.path("timestamp").asLong()));
    }

    private static OrderRequest.OrderSide side(String side) {
        return switch (side) {
            case "buy" -> OrderRequest.OrderSide.BUY;
            case "sell" -> OrderRequest.OrderSide.SELL;
            default -> throw new IllegalStateException("unknown side '" + side + "'");
        };
    }

    /** {@code BTC/EUR} as Bitvavo's market {@code BTC-EUR}. */
    private static String market(String symbol) {
        int slash = symbol.indexOf('/');
        if (slash <= 0 || slash != symbol.lastIndexOf('/') || slash == symbol.length() - 1) {
            throw new IllegalArgumentException("symbol must be BASE/QUOTE: " + symbol);
        }
        return symbol.replace('/', '-');
    }

    private static String symbol(String market) {
        return market.replace('-', '/');
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() || value.asText().isEmpty()
                ? null
                : new BigDecimal(value.asText());
    }

    private static void putPlain(Map<String, Object> body, String field, BigDecimal value) {
        if (value != null) {
            body.put(field, value.toPlainString());
        }
    }

    private static Stream<JsonNode> elements(JsonNode array) {
        if (!array.isArray()) {
            throw new IllegalStateException("expected a JSON array");
        }
        return StreamSupport.stream(array.spliterator(), false);
    }

    private static String query(String... namesAndValues) {
        StringJoiner query = new StringJoiner("&", "?", "");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            query.add(namesAndValues[i] + "=" + URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    private static String json(Map<String, Object> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers is always JSON", e);
        }
    }

    private static JsonNode readQuietly(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JsonProcessingException notJson) {
            return JSON.createObjectNode();
        }
    }

    /** One request: {@code query} is empty or starts with {@code ?}; {@code mutating} as for the transport. */
    private record Call(String method, String path, String query, String body, double weight, boolean mutating) {

        static Call get(String path, String query, double weight) {
            return new Call("GET", path, query, "", weight, false);
        }
    }
}
