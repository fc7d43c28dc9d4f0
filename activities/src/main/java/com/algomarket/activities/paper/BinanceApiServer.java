package com.algomarket.activities.paper;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binance's Spot REST API in front of a {@link PaperExchange}: the subset that XChange's Binance module calls, with
 * Binance's signing (HMAC-SHA256 over the query string followed by the body, key in {@code X-MBX-APIKEY}), its
 * timestamp and {@code recvWindow} check, request weights per minute with 429 and then 418 bans (with Retry-After),
 * its JSON shapes and error codes, and the faults of {@link PaperFaults}.
 *
 * <p>Runs on the JDK's HTTP server on 127.0.0.1, so tests can start it on their own in milliseconds.
 */
public final class BinanceApiServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BinanceApiServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DEFAULT_RECV_WINDOW = 5_000;
    /** Requests over the limit after a 429 that earn a ban, as Binance does to clients that ignore 429s. */
    private static final int IGNORED_429S_BEFORE_BAN = 5;

    private static final Duration BAN = Duration.ofMinutes(2);

    private final PaperExchange exchange;
    private final PaperFaults faults;
    private final Clock clock;
    private final int weightPerMinute;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private long weightMinute;
    private int weightUsed;
    private int ignored429s;
    private long bannedUntil;

    private BinanceApiServer(PaperExchange exchange, PaperFaults faults, Clock clock, int weightPerMinute, int port)
            throws IOException {
        this.exchange = exchange;
        this.faults = faults;
        this.clock = clock;
        this.weightPerMinute = weightPerMinute;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
    }

    /** Starts the API on {@code port} (0: any free port) of 127.0.0.1. */
    public static BinanceApiServer start(
            PaperExchange exchange, PaperFaults faults, Clock clock, int weightPerMinute, int port) {
        try {
            BinanceApiServer api = new BinanceApiServer(exchange, faults, clock, weightPerMinute, port);
            api.server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the paper venue on port " + port, e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // --- Request handling ---------------------------------------------------------------------------------

    private record Request(
            String method, String path, String query, String body, Map<String, String> params, String apiKey) {

        String param(String name) {
            String value = params.get(name);
            return value == null || value.isEmpty() ? null : value;
        }

        BigDecimal decimal(String name) {
            String value = param(name);
            try {
                return value == null ? null : new BigDecimal(value);
            } catch (NumberFormatException e) {
                throw PaperRejection.badRequest(-1100, "Illegal characters found in parameter '" + name + "'.");
            }
        }

        Long number(String name) {
            String value = param(name);
            try {
                return value == null ? null : Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw PaperRejection.badRequest(-1100, "Illegal characters found in parameter '" + name + "'.");
            }
        }
    }

    private record Endpoint(int weight, boolean signed, Handler handler) {}

    @FunctionalInterface
    private interface Handler {
        Object handle(Request request);
    }

    private Optional<Endpoint> route(String method, String path, Map<String, String> params) {
        Endpoint endpoint = switch (method + " " + path) {
            case "GET /api/v3/ping" -> new Endpoint(1, false, request -> Map.of());
            case "GET /api/v3/time" -> new Endpoint(1, false, request -> Map.of("serverTime", clock.millis()));
            case "GET /api/v3/exchangeInfo" -> new Endpoint(20, false, request -> exchangeInfo());
            case "GET /api/v3/ticker/price" -> new Endpoint(2, false, this::tickerPrice);
            case "GET /api/v3/account" -> new Endpoint(20, true, this::account);
            case "GET /sapi/v1/account/apiRestrictions" -> new Endpoint(1, true, this::apiRestrictions);
            case "POST /api/v3/order" -> new Endpoint(1, true, this::newOrder);
            case "GET /api/v3/order" -> new Endpoint(4, true, this::queryOrder);
            case "DELETE /api/v3/order" -> new Endpoint(1, true, this::cancelOrder);
            case "GET /api/v3/openOrders" ->
                new Endpoint(params.containsKey("symbol") ? 6 : 80, true, this::openOrders);
            case "GET /api/v3/myTrades" -> new Endpoint(20, true, this::myTrades);
            default -> null;
        };
        return Optional.ofNullable(endpoint);
    }

    private void handle(HttpExchange http) {
        try (http) {
            String method = http.getRequestMethod();
            String path = http.getRequestURI().getPath();
            String query =
                    Optional.ofNullable(http.getRequestURI().getRawQuery()).orElse("");
            String body = new String(http.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> params = new LinkedHashMap<>(parse(query));
            params.putAll(parse(body));
            Request request = new Request(
                    method, path, query, body, params, http.getRequestHeaders().getFirst("X-MBX-APIKEY"));

            Optional<Endpoint> endpoint = route(method, path, params);
            if (endpoint.isEmpty()) {
                respond(http, 404, Map.of("code", -1, "msg", "Unknown endpoint " + method + " " + path), 0);
                return;
            }
            Optional<PaperFaults.Fault> fault = faults.draw(method, path);
            if (fault.isPresent() && applyFaultBeforeExecution(http, fault.get())) {
                return;
            }
            int used = countWeight(http, endpoint.get().weight());
            if (used < 0) {
                return; // answered with 429 or 418
            }
            Object answer;
            int status = 200;
            try {
                if (endpoint.get().signed()) {
                    authenticate(request);
                }
                answer = endpoint.get().handler().handle(request);
            } catch (PaperRejection rejection) {
                status = rejection.httpStatus();
                answer = Map.of("code", rejection.code(), "msg", rejection.getMessage());
            }
            if (fault.isPresent() && fault.get().kind() == PaperFaults.Kind.LOST_RESPONSE) {
                // Executed, and the answer is lost on the way: the connection drops without a response.
                log.info("Paper venue: dropping the response to {} {} (LOST_RESPONSE)", method, path);
                return;
            }
            respond(http, status, answer, used);
        } catch (IOException | RuntimeException e) {
            log.warn("Paper venue could not answer a request", e);
        }
    }

    /** Applies a fault that strikes before the request is executed; true when the request ends here. */
    private boolean applyFaultBeforeExecution(HttpExchange http, PaperFaults.Fault fault) throws IOException {
        switch (fault.kind()) {
            case LATENCY -> sleep(fault.delay());
            case HTTP_429 -> {
                http.getResponseHeaders().add("Retry-After", "1");
                respond(
                        http,
                        429,
                        Map.of(
                                "code",
                                -1003,
                                "msg",
                                "Too many requests; current limit of IP(127.0.0.1) " + "request weight per 1 MINUTE is "
                                        + weightPerMinute + "."),
                        0);
                return true;
            }
            case HTTP_5XX -> {
                respond(
                        http,
                        503,
                        Map.of(
                                "code",
                                -1001,
                                "msg",
                                "Internal error; unable to process your request. Please try again."),
                        0);
                return true;
            }
            case TIMEOUT -> {
                sleep(fault.delay());
                return true; // closes without an answer
            }
            case LOST_RESPONSE -> {
                return false; // executed first, see handle()
            }
        }
        return false;
    }

    /** Counts the request's weight; answers 429 or 418 and returns -1 when over the limit. */
    private int countWeight(HttpExchange http, int weight) throws IOException {
        long now = clock.millis();
        int used;
        long retryAfterSeconds;
        synchronized (this) {
            if (now < bannedUntil) {
                retryAfterSeconds = Math.max(1, (bannedUntil - now + 999) / 1000);
                http.getResponseHeaders().add("Retry-After", Long.toString(retryAfterSeconds));
                respond(
                        http,
                        418,
                        Map.of(
                                "code",
                                -1003,
                                "msg",
                                "Way too much request weight used; IP banned until " + bannedUntil
                                        + ". Please use WebSocket Streams for live updates to avoid bans."),
                        0);
                return -1;
            }
            long minute = now / 60_000;
            if (minute != weightMinute) {
                weightMinute = minute;
                weightUsed = 0;
                ignored429s = 0;
            }
            if (weightUsed + weight > weightPerMinute) {
                if (++ignored429s > IGNORED_429S_BEFORE_BAN) {
                    bannedUntil = now + BAN.toMillis();
                }
                retryAfterSeconds = Math.max(1, ((minute + 1) * 60_000 - now + 999) / 1000);
                used = -1;
            } else {
                weightUsed += weight;
                used = weightUsed;
                retryAfterSeconds = 0;
            }
        }
        if (used < 0) {
            http.getResponseHeaders().add("Retry-After", Long.toString(retryAfterSeconds));
            respond(
                    http,
                    429,
                    Map.of(
                            "code",
                            -1003,
                            "msg",
                            "Too many requests; current limit of IP(127.0.0.1) " + "request weight per 1 MINUTE is "
                                    + weightPerMinute + "."),
                    0);
        }
        return used;
    }

    private void authenticate(Request request) {
        if (request.apiKey() == null || request.apiKey().isEmpty()) {
            throw new PaperRejection(401, -2014, "API-key format invalid.");
        }
        PaperExchange.ApiKey key = exchange.key(request.apiKey())
                .orElseThrow(() -> new PaperRejection(401, -2015, "Invalid API-key, IP, or permissions for action."));
        String signature = request.param("signature");
        if (signature == null) {
            throw PaperRejection.badRequest(
                    -1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.");
        }
        // Binance signs the query string followed by the body, both without the signature itself.
        String signed = stripSignature(request.query()) + stripSignature(request.body());
        if (!MessageDigest.isEqual(
                hmacSha256(key.secret(), signed).getBytes(StandardCharsets.US_ASCII),
                signature.toLowerCase().getBytes(StandardCharsets.US_ASCII))) {
            throw PaperRejection.badRequest(-1022, "Signature for this request is not valid.");
        }
        Long timestamp = request.number("timestamp");
        if (timestamp == null) {
            throw PaperRejection.badRequest(
                    -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.");
        }
        Long window = Optional.ofNullable(request.number("recvWindow")).orElse(DEFAULT_RECV_WINDOW);
        long now = clock.millis();
        if (timestamp > now + 1_000 || now - timestamp > window) {
            throw PaperRejection.badRequest(-1021, "Timestamp for this request is outside of the recvWindow.");
        }
    }

    private PaperExchange.ApiKey keyWith(Request request, PaperExchange.Permission permission) {
        PaperExchange.ApiKey key = exchange.key(request.apiKey()).orElseThrow();
        if (!key.permissions().contains(permission)) {
            throw new PaperRejection(401, -2015, "Invalid API-key, IP, or permissions for action.");
        }
        return key;
    }

    // --- Endpoints ----------------------------------------------------------------------------------------

    private Object exchangeInfo() {
        List<Object> symbols = new ArrayList<>();
        for (PaperMarket market : exchange.markets()) {
            symbols.add(ordered(
                    "symbol",
                    market.symbol,
                    "status",
                    "TRADING",
                    "baseAsset",
                    market.baseAsset,
                    "baseAssetPrecision",
                    8,
                    "quoteAsset",
                    market.quoteAsset,
                    "quotePrecision",
                    8,
                    "quoteAssetPrecision",
                    8,
                    "baseCommissionPrecision",
                    8,
                    "quoteCommissionPrecision",
                    8,
                    "orderTypes",
                    List.of("LIMIT", "MARKET", "STOP_LOSS"),
                    "icebergAllowed",
                    false,
                    "ocoAllowed",
                    false,
                    "quoteOrderQtyMarketAllowed",
                    false,
                    "allowTrailingStop",
                    false,
                    "cancelReplaceAllowed",
                    false,
                    "isSpotTradingAllowed",
                    true,
                    "isMarginTradingAllowed",
                    false,
                    "filters",
                    List.of(
                            ordered(
                                    "filterType",
                                    "PRICE_FILTER",
                                    "minPrice",
                                    decimal(market.tickSize),
                                    "maxPrice",
                                    "1000000.00000000",
                                    "tickSize",
                                    decimal(market.tickSize)),
                            ordered(
                                    "filterType",
                                    "LOT_SIZE",
                                    "minQty",
                                    decimal(market.minQty),
                                    "maxQty",
                                    "9000.00000000",
                                    "stepSize",
                                    decimal(market.stepSize)),
                            ordered(
                                    "filterType",
                                    "NOTIONAL",
                                    "minNotional",
                                    decimal(market.minNotional),
                                    "applyMinToMarket",
                                    true,
                                    "maxNotional",
                                    "9000000.00000000",
                                    "applyMaxToMarket",
                                    false,
                                    "avgPriceMins",
                                    5)),
                    "permissions",
                    List.of(),
                    "permissionSets",
                    List.of(List.of("SPOT")),
                    "defaultSelfTradePreventionMode",
                    "NONE",
                    "allowedSelfTradePreventionModes",
                    List.of("NONE")));
        }
        return ordered(
                "timezone", "UTC",
                "serverTime", clock.millis(),
                "rateLimits",
                        List.of(
                                ordered(
                                        "rateLimitType",
                                        "REQUEST_WEIGHT",
                                        "interval",
                                        "MINUTE",
                                        "intervalNum",
                                        1,
                                        "limit",
                                        weightPerMinute),
                                ordered(
                                        "rateLimitType",
                                        "ORDERS",
                                        "interval",
                                        "SECOND",
                                        "intervalNum",
                                        10,
                                        "limit",
                                        100)),
                "exchangeFilters", List.of(),
                "symbols", symbols);
    }

    private Object tickerPrice(Request request) {
        String symbol = request.param("symbol");
        if (symbol != null) {
            PaperMarket market = exchange.market(symbol);
            return ordered("symbol", market.symbol, "price", decimal(market.referencePrice));
        }
        return exchange.markets().stream()
                .map(market -> ordered("symbol", market.symbol, "price", decimal(market.referencePrice)))
                .toList();
    }

    private Object account(Request request) {
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
                Math.abs(key.apiKey().hashCode()));
    }

    private Object apiRestrictions(Request request) {
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

    private Object newOrder(Request request) {
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
        Map<String, Object> answer = ordered(
                "symbol",
                order.symbol,
                "orderId",
                order.orderId,
                "orderListId",
                -1,
                "clientOrderId",
                order.clientOrderId,
                "transactTime",
                order.time);
        if (responseType.equals("ACK")) {
            return answer;
        }
        answer.putAll(orderFields(order));
        answer.remove("time");
        answer.remove("updateTime");
        answer.remove("isWorking");
        if (responseType.equals("FULL")) {
            answer.put(
                    "fills",
                    exchange.trades(key.apiKey(), order.symbol, order.orderId, null, null, null, 1000).stream()
                            .map(trade -> ordered(
                                    "price",
                                    decimal(trade.price()),
                                    "qty",
                                    decimal(trade.qty()),
                                    "commission",
                                    decimal(trade.commission()),
                                    "commissionAsset",
                                    trade.commissionAsset(),
                                    "tradeId",
                                    trade.id()))
                            .toList());
        }
        return answer;
    }

    private Object queryOrder(Request request) {
        PaperExchange.ApiKey key = keyWith(request, PaperExchange.Permission.READ);
        return orderFields(exchange.order(
                key.apiKey(), request.param("symbol"), request.number("orderId"), request.param("origClientOrderId")));
    }

    private Object cancelOrder(Request request) {
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

    private Object openOrders(Request request) {
        PaperExchange.ApiKey key = keyWith(request, PaperExchange.Permission.READ);
        return exchange.openOrders(key.apiKey(), request.param("symbol")).stream()
                .map(this::orderFields)
                .toList();
    }

    private Object myTrades(Request request) {
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
                .map(trade -> ordered(
                        "symbol",
                        trade.symbol(),
                        "id",
                        trade.id(),
                        "orderId",
                        trade.orderId(),
                        "orderListId",
                        -1,
                        "price",
                        decimal(trade.price()),
                        "qty",
                        decimal(trade.qty()),
                        "quoteQty",
                        decimal(trade.quoteQty()),
                        "commission",
                        decimal(trade.commission()),
                        "commissionAsset",
                        trade.commissionAsset(),
                        "time",
                        trade.time(),
                        "isBuyer",
                        trade.buyer(),
                        "isMaker",
                        trade.maker(),
                        "isBestMatch",
                        true))
                .toList();
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

    // --- Helpers ------------------------------------------------------------------------------------------

    private static void respond(HttpExchange http, int status, Object body, int usedWeight) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        http.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
        if (usedWeight > 0) {
            http.getResponseHeaders().add("X-MBX-USED-WEIGHT-1M", Integer.toString(usedWeight));
        }
        http.sendResponseHeaders(status, bytes.length);
        http.getResponseBody().write(bytes);
    }

    private static Map<String, String> parse(String form) {
        Map<String, String> params = new LinkedHashMap<>();
        if (form == null || form.isEmpty()) {
            return params;
        }
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            params.put(
                    URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    private static String stripSignature(String form) {
        if (form == null || form.isEmpty()) {
            return "";
        }
        return String.join(
                "&",
                java.util.Arrays.stream(form.split("&"))
                        .filter(pair -> !pair.startsWith("signature="))
                        .toList());
    }

    static String hmacSha256(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    private static String decimal(BigDecimal value) {
        return value.setScale(8, RoundingMode.DOWN).toPlainString();
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
