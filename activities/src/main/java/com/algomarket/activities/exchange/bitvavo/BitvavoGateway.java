package com.algomarket.activities.exchange.bitvavo;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.Balance;
import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeFailures;
import com.algomarket.activities.exchange.ExchangeGateway;
import com.algomarket.activities.exchange.ExchangeHttpClient;
import com.algomarket.activities.exchange.ExchangeOrder;
import com.algomarket.activities.exchange.ExchangeRateLimiter;
import com.algomarket.activities.exchange.Fill;
import com.algomarket.activities.exchange.InstrumentRules;
import com.algomarket.activities.exchange.KeyPermissions;
import com.algomarket.activities.exchange.OrderRequest;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.exchange.ExchangeFailure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bitvavo's REST API v2 through our own adapter (XChange has no Bitvavo module). Every private request carries
 * {@code Bitvavo-Access-Key}, {@code -Timestamp}, {@code -Window} and {@code -Signature}: hex HMAC-SHA256 of
 * timestamp + method + path (with {@code /v2} and the query) + body.
 *
 * <p><b>Client order ids.</b> Our UUID is Bitvavo's {@code clientOrderId}; {@code GET /order} finds an order by it.
 * Bitvavo refuses a clientOrderId already used in the market with error 220 ("clientOrderId conflict within the
 * market"), classified REJECTED with that code; the lookup before a resubmit is what the caller relies on.
 *
 * <p><b>Key permissions.</b> Bitvavo has no call that reads them. {@link #permissions} proves the key by reading its
 * balance: read is then true, trade assumed (a key without it fails its first order with 310, AUTH), withdraw null.
 *
 * <p>{@code operatorId} (required on order changes) names this system as the trader within the account.
 */
public final class BitvavoGateway implements ExchangeGateway {

    static final long OPERATOR_ID = 1_001;
    private static final String VERSION = "/v2";
    private static final long ACCESS_WINDOW_MS = 10_000;
    private static final int TRADES_PAGE = 1_000;
    private static final Duration DEFAULT_BACK_OFF = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final ExchangeRateLimiter rateLimiter;
    private final ExchangeHttpClient http;
    private final Clock clock;

    /** {@code baseUrl} without the version, e.g. {@code https://api.bitvavo.com}. */
    public BitvavoGateway(URI baseUrl, ExchangeRateLimiter rateLimiter, ExchangeHttpClient http, Clock clock) {
        this.baseUrl = baseUrl;
        this.rateLimiter = rateLimiter;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public Exchange exchange() {
        return Exchange.BITVAVO;
    }

    @Override
    public KeyPermissions permissions(ApiCredentials credentials) {
        balances(credentials);
        return new KeyPermissions(true, true, null);
    }

    @Override
    public List<Balance> balances(ApiCredentials credentials) {
        List<Balance> balances = new ArrayList<>();
        for (JsonNode balance : call(credentials, "GET", "/balance", Map.of(), null, 5, false)) {
            BigDecimal free = decimal(balance, "available");
            BigDecimal locked = decimal(balance, "inOrder");
            if (free.signum() > 0 || locked.signum() > 0) {
                balances.add(new Balance(balance.path("symbol").asText(), free, locked));
            }
        }
        return balances;
    }

    @Override
    public InstrumentRules instrumentRules(ApiCredentials credentials, String symbol) {
        JsonNode market = call(credentials, "GET", "/markets", Map.of("market", market(symbol)), null, 1, false);
        if (market.isArray()) {
            market = market.path(0);
        }
        if (!"trading".equals(market.path("status").asText())) {
            throw new ExchangeCallException(ExchangeFailure.REJECTED, "Bitvavo does not trade " + symbol, "205",
                    null, null);
        }
        BigDecimal quantityStep = market.hasNonNull("quantityDecimals")
                ? BigDecimal.ONE.movePointLeft(market.get("quantityDecimals").asInt()) : null;
        return new InstrumentRules(symbol, decimalOrNull(market, "tickSize"), quantityStep,
                decimalOrNull(market, "minOrderInBaseAsset"), decimalOrNull(market, "minOrderInQuoteAsset"));
    }

    @Override
    public ExchangeOrder placeOrder(ApiCredentials credentials, OrderRequest request) {
        ObjectNode body = JSON.createObjectNode()
                .put("market", market(request.symbol()))
                .put("side", request.side().name().toLowerCase(Locale.ROOT))
                .put("amount", request.quantity().toPlainString())
                .put("clientOrderId", request.clientOrderId())
                .put("operatorId", OPERATOR_ID);
        switch (request.type()) {
            case MARKET -> body.put("orderType", "market");
            case LIMIT -> body.put("orderType", "limit")
                    .put("price", request.limitPrice().toPlainString())
                    .put("timeInForce", request.timeInForce() == null ? "GTC" : request.timeInForce().name());
            // A market order triggered when the last trade reaches the stop price.
            case STOP_LOSS -> body.put("orderType", "stopLoss")
                    .put("triggerAmount", request.stopPrice().toPlainString())
                    .put("triggerType", "price")
                    .put("triggerReference", "lastTrade");
        }
        return order(call(credentials, "POST", "/order", Map.of(), body.toString(), 1, true));
    }

    @Override
    public Optional<ExchangeOrder> orderByClientOrderId(ApiCredentials credentials, String symbol,
            String clientOrderId) {
        return orderWhere(credentials, symbol, "clientOrderId", clientOrderId);
    }

    @Override
    public Optional<ExchangeOrder> orderByExchangeOrderId(ApiCredentials credentials, String symbol,
            String exchangeOrderId) {
        return orderWhere(credentials, symbol, "orderId", exchangeOrderId);
    }

    @Override
    public ExchangeOrder cancelOrder(ApiCredentials credentials, String symbol, String exchangeOrderId) {
        try {
            call(credentials, "DELETE", "/order", ordered("market", market(symbol), "orderId", exchangeOrderId,
                    "operatorId", Long.toString(OPERATOR_ID)), null, 1, true);
        } catch (ExchangeCallException e) {
            // 233: only new or partially filled orders can be cancelled; 240: no such (open) order. Either way the
            // order has finished, usually because it filled first: its final state is the answer.
            if (!"233".equals(e.exchangeCode()) && !"240".equals(e.exchangeCode())) {
                throw e;
            }
        }
        return orderByExchangeOrderId(credentials, symbol, exchangeOrderId)
                .orElseThrow(() -> new ExchangeCallException(ExchangeFailure.REJECTED,
                        "Bitvavo has no order " + exchangeOrderId + " in " + symbol, "240", null, null));
    }

    @Override
    public List<ExchangeOrder> openOrders(ApiCredentials credentials, String symbol) {
        List<ExchangeOrder> orders = new ArrayList<>();
        call(credentials, "GET", "/ordersOpen", Map.of("market", market(symbol)), null, 25, false)
                .forEach(order -> orders.add(order(order)));
        return orders;
    }

    @Override
    public List<Fill> fillsForOrder(ApiCredentials credentials, String symbol, String exchangeOrderId) {
        JsonNode order = call(credentials, "GET", "/order", ordered("market", market(symbol), "orderId",
                exchangeOrderId), null, 1, false);
        List<Fill> fills = new ArrayList<>();
        order.path("fills").forEach(fill -> fills.add(fill(fill, order.path("orderId").asText(), symbol,
                order.path("side").asText())));
        return fills;
    }

    @Override
    public List<Fill> fillsSince(ApiCredentials credentials, String symbol, Instant since) {
        Map<String, Fill> fills = new LinkedHashMap<>();
        long start = since.toEpochMilli();
        long end = clock.millis();
        while (true) {
            JsonNode page = call(credentials, "GET", "/trades", ordered("market", market(symbol), "start",
                    Long.toString(start), "end", Long.toString(end), "limit", Integer.toString(TRADES_PAGE)), null,
                    5, false);
            long oldest = end;
            for (JsonNode trade : page) {
                fills.putIfAbsent(trade.path("id").asText(), fill(trade, trade.path("orderId").asText(), symbol,
                        trade.path("side").asText()));
                oldest = Math.min(oldest, trade.path("timestamp").asLong());
            }
            // Bitvavo answers the newest trades first: a full page continues below the oldest one seen (trades at
            // that same millisecond come again and are deduplicated by id).
            if (page.size() < TRADES_PAGE || oldest <= start) {
                return new ArrayList<>(fills.values());
            }
            end = oldest;
        }
    }

    // --- Calls ------------------------------------------------------------------------------------------------

    private Optional<ExchangeOrder> orderWhere(ApiCredentials credentials, String symbol, String key, String value) {
        try {
            return Optional.of(order(call(credentials, "GET", "/order", ordered("market", market(symbol), key, value),
                    null, 1, false)));
        } catch (ExchangeCallException e) {
            if ("240".equals(e.exchangeCode())) { // "No order found."
                return Optional.empty();
            }
            throw e;
        }
    }

    private JsonNode call(ApiCredentials credentials, String method, String path, Map<String, String> query,
            String body, int weight, boolean mutating) {
        rateLimiter.acquire(Exchange.BITVAVO, credentials.keyId(), weight);
        String queryString = query.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String signedPath = VERSION + path + (queryString.isEmpty() ? "" : "?" + queryString);
        String timestamp = Long.toString(clock.millis());
        String payload = body == null ? "" : body;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + signedPath))
                .header("Bitvavo-Access-Key", credentials.apiKey())
                .header("Bitvavo-Access-Timestamp", timestamp)
                .header("Bitvavo-Access-Window", Long.toString(ACCESS_WINDOW_MS))
                .header("Bitvavo-Access-Signature", sign(credentials.secret(),
                        timestamp + method + signedPath + payload))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        ExchangeHttpClient.Response response = http.send(request, mutating);
        JsonNode answer = parse(response.body());
        if (response.isSuccess()) {
            if (answer == null) {
                throw ExchangeFailures.transport(Exchange.BITVAVO,
                        new IllegalStateException("unreadable answer to " + method + " " + path), mutating);
            }
            return answer;
        }
        throw classify(credentials, response, answer, mutating);
    }

    private ExchangeCallException classify(ApiCredentials credentials, ExchangeHttpClient.Response response,
            JsonNode answer, boolean mutating) {
        String code = answer == null || !answer.hasNonNull("errorCode") ? null : answer.get("errorCode").asText();
        String message = answer == null ? null : answer.path("error").asText(null);
        ExchangeCallException classified = switch (code == null ? "" : code) {
            // Rate limited (103), too many orders (104), banned (105).
            case "103", "104", "105" -> new ExchangeCallException(ExchangeFailure.RATE_LIMITED,
                    "Bitvavo: " + message, code, retryAfter(response), null);
            // The engine was overloaded and did not take the order.
            case "107" -> new ExchangeCallException(ExchangeFailure.UNAVAILABLE, "Bitvavo: " + message, code, null,
                    null);
            // Unknown error (101); the engine did not answer in time (108, 109): "may or may not have succeeded".
            case "101", "108", "109" -> new ExchangeCallException(
                    mutating ? ExchangeFailure.UNKNOWN : ExchangeFailure.UNAVAILABLE, "Bitvavo: " + message, code,
                    null, null);
            // Authentication: missing, malformed, expired, unknown key, wrong IP, bad signature, no permission.
            case "300", "301", "302", "303", "304", "305", "306", "307", "308", "309", "310", "311", "312" ->
                    new ExchangeCallException(ExchangeFailure.AUTH, "Bitvavo refused the key: " + message, code, null,
                            null);
            default -> http.classify(response, mutating, code, message);
        };
        if (classified.failure() == ExchangeFailure.RATE_LIMITED) {
            // Bitvavo counts weight per key and per IP, and bans both.
            rateLimiter.backOff(Exchange.BITVAVO, null, classified.retryAfter());
        }
        return classified;
    }

    /** Bitvavo names when requests are allowed again in milliseconds since the epoch. */
    private Duration retryAfter(ExchangeHttpClient.Response response) {
        Optional<String> resetAt = response.headers().firstValue("Bitvavo-Ratelimit-ResetAt")
                .or(() -> response.headers().firstValue("Bitvavo-Ratelimit-AllowAt"));
        if (resetAt.isPresent()) {
            try {
                return Duration.ofMillis(Math.max(0, Long.parseLong(resetAt.get().trim()) - clock.millis()));
            } catch (NumberFormatException unreadable) {
                // fall through to Retry-After
            }
        }
        Duration retryAfter = ExchangeHttpClient.retryAfter(response.headers(), clock.instant());
        return retryAfter == null ? DEFAULT_BACK_OFF : retryAfter;
    }

    private static String sign(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    // --- Mapping ----------------------------------------------------------------------------------------------

    static String market(String symbol) {
        int slash = symbol == null ? -1 : symbol.indexOf('/');
        if (slash <= 0 || slash == symbol.length() - 1) {
            throw new ExchangeCallException(ExchangeFailure.REJECTED, "symbol must be BASE/QUOTE, was " + symbol,
                    "205", null, null);
        }
        return symbol.replace('/', '-');
    }

    private static ExchangeOrder order(JsonNode order) {
        String market = order.path("market").asText();
        BigDecimal filled = decimal(order, "filledAmount");
        BigDecimal filledQuote = decimal(order, "filledAmountQuote");
        return new ExchangeOrder(order.path("orderId").asText(), order.path("clientOrderId").asText(null),
                market.replace('-', '/'), "buy".equals(order.path("side").asText())
                        ? OrderRequest.OrderSide.BUY : OrderRequest.OrderSide.SELL,
                switch (order.path("orderType").asText()) {
                    case "market" -> OrderRequest.OrderType.MARKET;
                    case "stopLoss", "stopLossLimit" -> OrderRequest.OrderType.STOP_LOSS;
                    default -> OrderRequest.OrderType.LIMIT;
                },
                decimal(order, "amount"), filled,
                filled.signum() > 0 ? filledQuote.divide(filled, 8, java.math.RoundingMode.HALF_EVEN)
                        .stripTrailingZeros() : null,
                status(order.path("status").asText(), filled),
                Instant.ofEpochMilli(order.path("updated").asLong(order.path("created").asLong())));
    }

    private static ExchangeOrder.Status status(String status, BigDecimal filled) {
        return switch (status) {
            case "new", "awaitingTrigger" -> ExchangeOrder.Status.OPEN;
            case "partiallyFilled" -> ExchangeOrder.Status.PARTIALLY_FILLED;
            case "filled" -> ExchangeOrder.Status.FILLED;
            case "expired" -> ExchangeOrder.Status.EXPIRED;
            case "rejected" -> ExchangeOrder.Status.REJECTED;
            // canceled, canceledAuction, canceledSelfTradePrevention, canceledIOC, canceledFOK,
            // canceledMarketProtection, canceledPostOnly: the unfilled rest was cancelled.
            default -> status.startsWith("canceled") ? ExchangeOrder.Status.CANCELLED
                    : filled.signum() > 0 ? ExchangeOrder.Status.PARTIALLY_FILLED : ExchangeOrder.Status.OPEN;
        };
    }

    private static Fill fill(JsonNode fill, String orderId, String symbol, String side) {
        return new Fill(fill.path("id").asText(), orderId, symbol,
                "buy".equals(side) ? OrderRequest.OrderSide.BUY : OrderRequest.OrderSide.SELL,
                decimal(fill, "price"), decimal(fill, "amount"), decimal(fill, "fee"),
                fill.path("feeCurrency").asText(null), Instant.ofEpochMilli(fill.path("timestamp").asLong()));
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        BigDecimal value = decimalOrNull(node, field);
        return value == null ? BigDecimal.ZERO : value;
    }

    private static BigDecimal decimalOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : new BigDecimal(value.asText());
    }
}
