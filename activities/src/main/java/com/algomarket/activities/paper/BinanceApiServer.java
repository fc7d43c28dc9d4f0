package com.algomarket.activities.paper;

import static com.algomarket.activities.exchange.transport.FormEncoding.parse;
import static com.algomarket.activities.exchange.transport.Hmac.sha256Hex;
import static com.algomarket.activities.paper.BinanceWire.respond;
import static com.algomarket.activities.paper.BinanceWire.stripSignature;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import lombok.extern.slf4j.Slf4j;

/**
 * Binance's Spot REST API in front of a {@link PaperExchange}: the subset that XChange's Binance module calls, with
 * Binance's signing (HMAC-SHA256 over the query string followed by the body, key in {@code X-MBX-APIKEY}), its
 * timestamp and {@code recvWindow} check, request weights per minute with 429 and then 418 bans (with Retry-After),
 * its JSON shapes and error codes, and the faults of {@link PaperFaults}.
 *
 * <p>Runs on the JDK's HTTP server on 127.0.0.1, so tests can start it on their own in milliseconds.
 */
@Slf4j
public final class BinanceApiServer implements AutoCloseable {

    private static final long DEFAULT_RECV_WINDOW = 5_000;
    /** Requests over the limit after a 429 that earn a ban, as Binance does to clients that ignore 429s. */
    private static final int IGNORED_429S_BEFORE_BAN = 5;

    private static final Duration BAN = Duration.ofMinutes(2);

    private final PaperExchange exchange;
    private final PaperFaults faults;
    private final Clock clock;
    private final int weightPerMinute;
    private final HttpServer server;
    private final BinanceApiEndpoints endpoints;
    private final PaperStats stats;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private long weightMinute;
    private int weightUsed;
    private int ignored429s;
    private long bannedUntil;

    private BinanceApiServer(
            PaperExchange exchange, PaperFaults faults, PaperStats stats, Clock clock, int weightPerMinute, int port)
            throws IOException {
        this.exchange = exchange;
        this.stats = stats;
        this.faults = faults;
        this.clock = clock;
        this.weightPerMinute = weightPerMinute;
        this.endpoints = new BinanceApiEndpoints(exchange, clock, weightPerMinute);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
    }

    /** Starts the API on {@code port} (0: any free port) of 127.0.0.1. */
    public static BinanceApiServer start(
            PaperExchange exchange, PaperFaults faults, Clock clock, int weightPerMinute, int port) {
        return start(exchange, faults, new PaperStats(), clock, weightPerMinute, port);
    }

    /** Starts the API on {@code port} (0: any free port) of 127.0.0.1, counting what it is asked in {@code stats}. */
    public static BinanceApiServer start(
            PaperExchange exchange, PaperFaults faults, PaperStats stats, Clock clock, int weightPerMinute, int port) {
        try {
            BinanceApiServer api = new BinanceApiServer(exchange, faults, stats, clock, weightPerMinute, port);
            api.server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the paper venue on port " + port, e);
        }
    }

    /** Serves {@code handler} under {@code path} beside the Binance API, as the venue's portal does. */
    public void serve(String path, HttpHandler handler) {
        server.createContext(path, handler);
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

    record Request(String method, String path, String query, String body, Map<String, String> params, String apiKey) {

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
            case "GET /api/v3/exchangeInfo" -> new Endpoint(20, false, request -> endpoints.exchangeInfo());
            case "GET /api/v3/ticker/price" -> new Endpoint(2, false, endpoints::tickerPrice);
            case "GET /api/v3/ticker/bookTicker" -> new Endpoint(2, false, endpoints::bookTicker);
            case "GET /api/v3/account" -> new Endpoint(20, true, endpoints::account);
            case "GET /sapi/v1/account/apiRestrictions" -> new Endpoint(1, true, endpoints::apiRestrictions);
            case "POST /api/v3/order" -> new Endpoint(1, true, endpoints::newOrder);
            case "GET /api/v3/order" -> new Endpoint(4, true, endpoints::queryOrder);
            case "DELETE /api/v3/order" -> new Endpoint(1, true, endpoints::cancelOrder);
            case "GET /api/v3/openOrders" ->
                new Endpoint(params.containsKey("symbol") ? 6 : 80, true, endpoints::openOrders);
            case "GET /api/v3/myTrades" -> new Endpoint(20, true, endpoints::myTrades);
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
            stats.request(method + " " + path, request.apiKey());

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
                tooManyRequests(http, 1);
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
            tooManyRequests(http, retryAfterSeconds);
        }
        return used;
    }

    /** Binance's answer to a request over the weight limit: 429, -1003 and when to come back. */
    private void tooManyRequests(HttpExchange http, long retryAfterSeconds) throws IOException {
        http.getResponseHeaders().add("Retry-After", Long.toString(retryAfterSeconds));
        respond(
                http,
                429,
                Map.of(
                        "code",
                        -1003,
                        "msg",
                        "Too many requests; current limit of IP(127.0.0.1) request weight per 1 MINUTE is "
                                + weightPerMinute + "."),
                0);
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
                sha256Hex(key.secret(), signed).getBytes(StandardCharsets.US_ASCII),
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

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
