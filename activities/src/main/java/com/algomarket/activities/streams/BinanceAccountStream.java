package com.algomarket.activities.streams;

import static com.algomarket.activities.exchange.transport.Hmac.sha256Hex;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.Fill;
import com.algomarket.activities.exchange.binance.BinanceCalls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import lombok.extern.slf4j.Slf4j;

/**
 * One connection's account stream on Binance's WebSocket API (or the paper venue's, which speaks it): connects,
 * subscribes with {@code userDataStream.subscribe.signature}, catches up with one batched read, then hands every event
 * to the sink in order; when the connection is lost it reconnects with exponential backoff and catches up again. See
 * the package documentation for why this is not the retired listen key. {@link #run} blocks until the control says
 * stop; it is meant to run as one long-running, heartbeating activity per connection.
 */
@Slf4j
public final class BinanceAccountStream extends FollowedAccount {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Object CLOSED = new Object();
    private static final long RECV_WINDOW = 10_000;

    /** How the stream waits, connects and backs off. */
    public record Settings(Duration connectTimeout, Duration minBackoff, Duration maxBackoff, Duration poll) {

        public static Settings defaults() {
            return new Settings(
                    Duration.ofSeconds(10), Duration.ofMillis(200), Duration.ofSeconds(30), Duration.ofMillis(500));
        }
    }

    private final URI webSocketUrl;
    private final Settings settings;
    private final HttpClient http;
    private final AtomicLong connects = new AtomicLong();

    /** A stream with its own HTTP client: for a single stream (a test); a worker's streams share one. */
    public BinanceAccountStream(AccountSource source, URI webSocketUrl, Settings settings) {
        this(source, webSocketUrl, settings, webSocketClient(settings));
    }

    /** {@code http}: the client the WebSocket connects through, shared by every stream of a worker. */
    public BinanceAccountStream(AccountSource source, URI webSocketUrl, Settings settings, HttpClient http) {
        super(source, settings.poll());
        this.webSocketUrl = webSocketUrl;
        this.settings = settings;
        this.http = http;
    }

    /**
     * The client for the streams' WebSockets. One per worker, not one per stream: each client holds a selector
     * thread and buffers until it is collected, and the benchmark's 1,000 streams, restarted again and again while
     * their heartbeats were late, took the worker to 1.5 GiB RSS with a client each.
     */
    public static HttpClient webSocketClient(Settings settings) {
        return HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
    }

    @Override
    protected void followUntilStopped(Control control) {
        int failures = 0;
        while (control.keepRunning()) {
            try {
                follow(control);
                failures = 0; // it was connected: the next attempt starts from the shortest wait
            } catch (StreamFailure | RuntimeException e) {
                // A refused key (at the subscription or the catch-up read) revokes the connection; the stream goes on.
                Throwable failure = e instanceof StreamFailure ? e.getCause() : e;
                StreamPacing.keyRefusal(failure).ifPresent(message -> sink.keyRefused(connectionId, message));
                failures++;
                log.warn(
                        "Account stream of connection {} failed ({} in a row): {}",
                        connectionId,
                        failures,
                        e.toString());
            }
            markDisconnected();
            if (control.keepRunning()) {
                StreamPacing.backOff(control, failures, settings.minBackoff(), settings.maxBackoff(), settings.poll());
            }
        }
    }

    /** One connection: returns when it is lost or the control says stop. */
    private void follow(Control control) throws StreamFailure {
        BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
        ApiCredentials key = credentials.get();
        WebSocket socket = connect(inbox);
        try {
            subscribe(socket, inbox, key);
            long connected = connects.incrementAndGet();
            status.set(new Status(true, connected, connected - 1, status.get().lastEventAt()));
            log.info("Account stream of connection {} subscribed (key {}…)", connectionId, key.fingerprint());
            catchUp(key);
            // Events that arrived during the catch-up waited in the inbox; they come now, in order.
            while (control.keepRunning()) {
                Object message = inbox.poll(settings.poll().toMillis(), TimeUnit.MILLISECONDS);
                if (message == CLOSED) {
                    return;
                }
                if (message != null && !apply((String) message)) {
                    return;
                }
                if (inbox.isEmpty()) {
                    sink.upToDate(connectionId, clock.instant());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            socket.abort();
        }
    }

    /** Applies one message; false when the exchange ended the subscription. */
    private boolean apply(String message) {
        Optional<AccountEvent> event = BinanceUserDataParser.parse(message);
        if (event.isEmpty()) {
            return true;
        }
        Status now = status.get();
        status.set(new Status(now.connected(), now.connects(), now.reconnects(), clock.instant()));
        switch (event.get()) {
            case AccountEvent.Execution execution -> sink.execution(connectionId, execution);
            case AccountEvent.Balances balances -> sink.balances(connectionId, balances);
            case AccountEvent.Terminated terminated -> {
                log.info("Account stream of connection {} ended by the exchange ({})", connectionId, terminated);
                return false;
            }
        }
        return true;
    }

    /**
     * One batched read after a (re)connect, so that nothing that happened while the stream was away is missed: the
     * open orders and the trades since the last recorded one per symbol, then the balances (one call).
     */
    private void catchUp(ApiCredentials key) {
        Instant since = scope.tradesSince(connectionId);
        for (String symbol : scope.symbols(connectionId)) {
            sink.openOrders(connectionId, symbol, gateway.openOrders(key, symbol));
            Instant readAt = clock.instant();
            for (Fill fill : Fill.oldestFirst(gateway.fillsSince(key, symbol, since))) {
                sink.execution(connectionId, AccountEvent.Execution.readFrom(fill, readAt));
            }
        }
        Instant readAt = clock.instant(); // the balances last: read after the trades, they include them
        sink.caughtUp(connectionId, new AccountEvent.Balances(gateway.balances(key), readAt, readAt));
    }

    private WebSocket connect(BlockingQueue<Object> inbox) throws StreamFailure {
        try {
            return http.newWebSocketBuilder()
                    .connectTimeout(settings.connectTimeout())
                    .buildAsync(webSocketUrl, new Inbox(inbox))
                    .get(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new StreamFailure("could not connect to " + webSocketUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamFailure("interrupted while connecting", e);
        }
    }

    /** Sends {@code userDataStream.subscribe.signature} and waits for its answer. */
    private void subscribe(WebSocket socket, BlockingQueue<Object> inbox, ApiCredentials key)
            throws StreamFailure, InterruptedException {
        String id = UUID.randomUUID().toString();
        socket.sendText(subscribeRequest(id, key, clock.millis()), true);
        long deadline = System.nanoTime() + settings.connectTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            Object message = inbox.poll(settings.poll().toMillis(), TimeUnit.MILLISECONDS);
            if (message == CLOSED) {
                throw new StreamFailure("the connection closed before the subscription was answered", null);
            }
            if (message == null) {
                continue;
            }
            JsonNode answer = readTree((String) message);
            if (!id.equals(answer.path("id").asText())) {
                continue;
            }
            if (answer.path("status").asInt() != 200) {
                // The answer names the problem (e.g. -2015 invalid key); it never contains the key or the secret.
                JsonNode error = answer.path("error");
                throw new StreamFailure(
                        "the subscription was refused: " + error,
                        BinanceCalls.answerFailure(
                                gateway.exchange(),
                                answer.path("status").asInt(),
                                error.path("code").asText(null),
                                error.path("msg").asText(null)));
            }
            return;
        }
        throw new StreamFailure("no answer to the subscription within " + settings.connectTimeout(), null);
    }

    /** Signed as web-socket-api.md describes: HMAC-SHA256 of the params sorted by name, {@code k=v} joined by &. */
    static String subscribeRequest(String id, ApiCredentials key, long timestamp) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("apiKey", key.apiKey());
        params.put("recvWindow", RECV_WINDOW);
        params.put("timestamp", timestamp);
        String payload = "apiKey=" + key.apiKey() + "&recvWindow=" + RECV_WINDOW + "&timestamp=" + timestamp;
        params.put("signature", sha256Hex(key.secret(), payload));
        try {
            return JSON.writeValueAsString(
                    Map.of("id", id, "method", "userDataStream.subscribe.signature", "params", params));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A map of strings and numbers is always JSON", e);
        }
    }

    private static JsonNode readTree(String message) throws StreamFailure {
        try {
            return JSON.readTree(message);
        } catch (JsonProcessingException e) {
            throw new StreamFailure("not JSON from the exchange", e);
        }
    }

    /** Puts whole text messages, and the end of the connection, into the stream's inbox. */
    private static final class Inbox implements WebSocket.Listener {

        private final BlockingQueue<Object> inbox;
        private final StringBuilder partial = new StringBuilder();

        Inbox(BlockingQueue<Object> inbox) {
            this.inbox = inbox;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                inbox.add(partial.toString());
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            inbox.add(CLOSED);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            inbox.add(CLOSED);
        }
    }

    /** A connection that could not be made, subscribed or kept; the stream backs off and tries again. */
    static final class StreamFailure extends Exception {

        StreamFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
