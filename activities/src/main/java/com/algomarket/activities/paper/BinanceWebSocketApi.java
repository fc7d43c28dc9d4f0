package com.algomarket.activities.paper;

import static com.algomarket.activities.exchange.transport.Hmac.sha256Hex;
import static com.algomarket.activities.paper.BinanceWire.JSON;
import static com.algomarket.activities.paper.BinanceWire.ordered;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import lombok.extern.slf4j.Slf4j;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * Binance's WebSocket API ({@code wss://ws-api.binance.com:443/ws-api/v3}) in front of a {@link PaperExchange}, for
 * its user-data stream: {@code userDataStream.subscribe.signature} (an HMAC-SHA256 signature over the request's
 * params sorted by name, as web-socket-api.md "SIGNED request example (HMAC)" describes), {@code
 * userDataStream.unsubscribe}, {@code session.subscriptions}, {@code ping} and {@code time}; then every change to the
 * account's orders as an {@code executionReport} and its balances as {@code outboundAccountPosition}, each wrapped as
 * {@code {"subscriptionId": n, "event": {...}}}. Binance retired the REST listen key ({@code POST
 * /api/v3/userDataStream}) on 2026-02-20, so the venue offers only this. Faults on {@link PaperFaults#STREAM} strike
 * the events.
 *
 * <p>Binance serves its WebSocket API on a host of its own beside the REST API's; the venue likewise serves it on a
 * port of its own on 127.0.0.1, beside the REST API's (the JDK's HTTP server, which serves that, cannot upgrade a
 * connection to a WebSocket).
 */
@Slf4j
public final class BinanceWebSocketApi implements AutoCloseable {

    /** Binance's path of the WebSocket API. */
    public static final String PATH = "/ws-api/v3";

    private static final long DEFAULT_RECV_WINDOW = 5_000;
    private static final long MAX_RECV_WINDOW = 60_000;

    private final PaperExchange exchange;
    private final PaperFaults faults;
    private final PaperStats stats;
    private final Clock clock;
    private final Server server;
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicLong executionIds = new AtomicLong(1);

    private BinanceWebSocketApi(PaperExchange exchange, PaperFaults faults, PaperStats stats, Clock clock, int port) {
        this.exchange = exchange;
        this.faults = faults;
        this.stats = stats;
        this.clock = clock;
        this.server = new Server(new InetSocketAddress("127.0.0.1", port));
    }

    /** Starts the WebSocket API on {@code port} (0: any free port) of 127.0.0.1 and follows the exchange's orders. */
    public static BinanceWebSocketApi start(
            PaperExchange exchange, PaperFaults faults, PaperStats stats, Clock clock, int port) {
        BinanceWebSocketApi api = new BinanceWebSocketApi(exchange, faults, stats, clock, port);
        api.server.setReuseAddr(true);
        api.server.setDaemon(true);
        api.server.start();
        try {
            if (!api.server.started.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The paper venue's WebSocket API did not start on port " + port);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the WebSocket API started", e);
        }
        exchange.onOrderUpdate(api::publish);
        return api;
    }

    /** Where clients connect: {@code ws://127.0.0.1:port/ws-api/v3}. */
    public String url() {
        return "ws://127.0.0.1:" + server.getPort() + PATH;
    }

    @Override
    public void close() {
        try {
            server.stop(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sessions.forEach(Session::close);
    }

    // --- Events -------------------------------------------------------------------------------------------

    /**
     * Called under the exchange's lock: snapshots the payloads, and each session sends them on its own thread. Never
     * throws: whatever happens to a stream, the order it reports on stands.
     */
    private void publish(PaperOrder order, String executionType, PaperTrade trade) {
        try {
            publishTo(order, executionType, trade);
        } catch (RuntimeException e) {
            log.warn("Paper venue: could not publish an order update on the user-data stream", e);
        }
    }

    private void publishTo(PaperOrder order, String executionType, PaperTrade trade) {
        List<Session> subscribed = sessions.stream()
                .filter(session -> session.subscriptions.containsKey(order.apiKey))
                .toList();
        if (subscribed.isEmpty()) {
            return;
        }
        long now = clock.millis();
        Map<String, Object> report = executionType.equals("FILLED")
                ? null
                : BinanceUserDataEvents.executionReport(
                        order, executionType, trade, executionIds.getAndIncrement(), now);
        PaperMarket market = exchange.market(order.symbol);
        Map<String, Object> position = BinanceUserDataEvents.accountPosition(
                exchange.balances(order.apiKey), List.of(market.baseAsset, market.quoteAsset), order.updateTime, now);
        for (Session session : subscribed) {
            long subscriptionId = session.subscriptions.get(order.apiKey);
            if (report != null) {
                session.deliver(subscriptionId, report);
            }
            session.deliver(subscriptionId, position);
        }
    }

    // --- Requests -----------------------------------------------------------------------------------------

    private void handle(Session session, String message) {
        JsonNode request;
        try {
            request = JSON.readTree(message);
        } catch (JsonProcessingException e) {
            session.send(error(null, 400, -1000, "Malformed request."));
            return;
        }
        JsonNode id = request.get("id");
        String method = request.path("method").asText("");
        JsonNode params = request.path("params");
        stats.request("WS " + method, params.path("apiKey").asText(null));
        try {
            Object result = switch (method) {
                case "ping" -> Map.of();
                case "time" -> Map.of("serverTime", clock.millis());
                case "userDataStream.subscribe.signature" -> subscribe(session, params);
                case "userDataStream.unsubscribe" -> unsubscribe(session, params);
                case "session.subscriptions" ->
                    session.subscriptions.values().stream()
                            .sorted()
                            .map(subscriptionId -> Map.of("subscriptionId", subscriptionId))
                            .toList();
                default -> throw PaperRejection.badRequest(-1000, "Unknown method '" + method + "'.");
            };
            session.send(ordered("id", id, "status", 200, "result", result));
        } catch (PaperRejection rejection) {
            session.send(error(id, rejection.httpStatus(), rejection.code(), rejection.getMessage()));
        }
    }

    private Map<String, Object> subscribe(Session session, JsonNode params) {
        String apiKey = params.path("apiKey").asText("");
        if (apiKey.isEmpty()) {
            throw PaperRejection.badRequest(
                    -1102, "Mandatory parameter 'apiKey' was not sent, was empty/null, or malformed.");
        }
        PaperExchange.ApiKey key = exchange.key(apiKey)
                .orElseThrow(() -> new PaperRejection(401, -2015, "Invalid API-key, IP, or permissions for action."));
        String signature = params.path("signature").asText("");
        if (signature.isEmpty()) {
            throw PaperRejection.badRequest(
                    -1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.");
        }
        if (!MessageDigest.isEqual(
                sha256Hex(key.secret(), signaturePayload(params)).getBytes(StandardCharsets.US_ASCII),
                signature.toLowerCase().getBytes(StandardCharsets.US_ASCII))) {
            throw PaperRejection.badRequest(-1022, "Signature for this request is not valid.");
        }
        if (!params.path("timestamp").canConvertToLong()) {
            throw PaperRejection.badRequest(
                    -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.");
        }
        long timestamp = params.path("timestamp").asLong();
        long window = params.has("recvWindow") ? params.path("recvWindow").asLong() : DEFAULT_RECV_WINDOW;
        if (window > MAX_RECV_WINDOW) {
            throw PaperRejection.badRequest(-1131, "recvWindow must be less than 60000");
        }
        long now = clock.millis();
        if (timestamp > now + 1_000 || now - timestamp > window) {
            throw PaperRejection.badRequest(-1021, "Timestamp for this request is outside of the recvWindow.");
        }
        // Orders are booked under the account, which every key of it follows.
        long subscriptionId = session.subscribe(key.account());
        stats.streamOpened(key.account());
        return Map.of("subscriptionId", subscriptionId);
    }

    private Map<String, Object> unsubscribe(Session session, JsonNode params) {
        Optional<Long> only = params.has("subscriptionId")
                ? Optional.of(params.path("subscriptionId").asLong())
                : Optional.empty();
        session.unsubscribe(only).forEach(stats::streamClosed);
        return Map.of();
    }

    /** Binance's payload to sign on the WebSocket API: every param but the signature, sorted by name, as k=v&... */
    static String signaturePayload(JsonNode params) {
        Map<String, String> sorted = new TreeMap<>();
        params.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("signature")) {
                sorted.put(field.getKey(), field.getValue().asText());
            }
        });
        StringBuilder payload = new StringBuilder();
        sorted.forEach((name, value) -> {
            if (!payload.isEmpty()) {
                payload.append('&');
            }
            payload.append(name).append('=').append(value);
        });
        return payload.toString();
    }

    private static Map<String, Object> error(JsonNode id, int status, int code, String message) {
        return ordered("id", id, "status", status, "error", ordered("code", code, "msg", message));
    }

    // --- Connections --------------------------------------------------------------------------------------

    /** One WebSocket connection: its subscriptions (one per account, as Binance allows) and its outgoing queue. */
    private final class Session {

        private final WebSocket socket;
        /** Events leave in order, one at a time, so that a delayed event delays those behind it. */
        private final ExecutorService outgoing = Executors.newSingleThreadExecutor(
                Thread.ofVirtual().name("paper-ws-out").factory());

        private final Map<String, Long> subscriptions = new ConcurrentHashMap<>();
        private long nextSubscriptionId;

        Session(WebSocket socket) {
            this.socket = socket;
        }

        synchronized long subscribe(String apiKey) {
            if (subscriptions.containsKey(apiKey)) {
                throw PaperRejection.badRequest(-1000, "This account already has a subscription on this connection.");
            }
            long subscriptionId = nextSubscriptionId++;
            subscriptions.put(apiKey, subscriptionId);
            return subscriptionId;
        }

        /** Ends the subscription named, or all of them; answers the accounts whose subscriptions ended. */
        synchronized List<String> unsubscribe(Optional<Long> only) {
            List<String> ended = subscriptions.entrySet().stream()
                    .filter(entry -> only.isEmpty() || only.get().equals(entry.getValue()))
                    .map(Map.Entry::getKey)
                    .toList();
            ended.forEach(subscriptions::remove);
            return ended;
        }

        void deliver(long subscriptionId, Map<String, Object> event) {
            Map<String, Object> framed = ordered("subscriptionId", subscriptionId, "event", event);
            if (outgoing.isShutdown()) {
                return; // the connection closed meanwhile: its events are lost with it, as on a real stream
            }
            try {
                outgoing.execute(() -> deliverNow(framed));
            } catch (RejectedExecutionException closedMeanwhile) {
                // Closed between the check and the hand-over: the same loss; the order itself must not fail for it.
            }
        }

        private void deliverNow(Map<String, Object> framed) {
            if (!socket.isOpen()) {
                return; // dropped: no fault is drawn for an event that cannot be sent
            }
            Optional<PaperFaults.Fault> fault = faults.drawOnStream();
            if (fault.isEmpty()) {
                send(framed);
                return;
            }
            switch (fault.get().kind()) {
                case LATENCY -> {
                    sleep(fault.get().delay());
                    send(framed);
                }
                case DUPLICATE -> {
                    send(framed);
                    send(framed);
                }
                case LOST_RESPONSE -> {
                    log.info("Paper venue: dropping a user-data stream connection (LOST_RESPONSE)");
                    socket.closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped by a paper fault");
                }
                default -> send(framed); // HTTP faults have no meaning for a pushed event
            }
        }

        void send(Object message) {
            if (!socket.isOpen()) {
                return;
            }
            try {
                socket.send(JSON.writeValueAsString(message));
            } catch (JsonProcessingException | RuntimeException e) {
                log.debug("Paper venue: could not send on a user-data stream", e);
            }
        }

        void close() {
            unsubscribe(Optional.empty()).forEach(stats::streamClosed);
            outgoing.shutdownNow();
        }
    }

    private final class Server extends WebSocketServer {

        private final CountDownLatch started = new CountDownLatch(1);

        Server(InetSocketAddress address) {
            super(address);
        }

        @Override
        public void onOpen(WebSocket socket, ClientHandshake handshake) {
            if (!handshake.getResourceDescriptor().startsWith(PATH)) {
                socket.close(CloseFrame.POLICY_VALIDATION, "The WebSocket API is at " + PATH);
                return;
            }
            Session session = new Session(socket);
            socket.setAttachment(session);
            sessions.add(session);
        }

        @Override
        public void onClose(WebSocket socket, int code, String reason, boolean remote) {
            Session session = socket.getAttachment();
            if (session != null && sessions.remove(session)) {
                session.close();
            }
        }

        @Override
        public void onMessage(WebSocket socket, String message) {
            Session session = socket.getAttachment();
            if (session != null) {
                handle(session, message);
            }
        }

        @Override
        public void onError(WebSocket socket, Exception e) {
            log.debug("Paper venue: WebSocket error", e);
        }

        @Override
        public void onStart() {
            started.countDown();
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
