package com.algomarket.api.benchmark;

import com.algomarket.activities.paper.PaperOrder;
import com.algomarket.activities.paper.PaperVenue;
import com.algomarket.api.support.ChildApp;
import com.algomarket.workflows.support.Await;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The paper venue as a process of its own, so that the worker measured beside it holds only what a worker holds. The
 * child runs {@link #main}: the app's own {@link PaperVenue} (Binance's REST API, the user-data stream, the portal with
 * keys and request counts) without price moves, plus one page for the benchmark on a port of its own, which the
 * venue's request counts do not see: when each order of the given keys arrived, by the venue's clock.
 */
@RequiredArgsConstructor(access = AccessLevel.PRIVATE)
final class VenueProcess implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration START_DEADLINE = Duration.ofSeconds(60);

    /** An API key of the venue, as its portal shows it once. */
    record Key(String apiKey, String secret) {}

    /** What the venue has been asked so far: requests by endpoint (all keys), open streams, orders it holds. */
    record Stats(Map<String, Long> requestsByEndpoint, int streams, int orders) {

        long requests() {
            return requestsByEndpoint.values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        }

        /** The requests made since {@code earlier}, by endpoint. */
        Map<String, Long> since(Stats earlier) {
            Map<String, Long> delta = new TreeMap<>();
            requestsByEndpoint.forEach((endpoint, count) -> {
                long made = count - earlier.requestsByEndpoint.getOrDefault(endpoint, 0L);
                if (made > 0) {
                    delta.put(endpoint, made);
                }
            });
            return delta;
        }
    }

    private final Process process;
    private final String restUrl;
    private final String webSocketUrl;
    private final String ordersUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    /** Starts the venue in a JVM of its own, its output in {@code log}; answers once it listens. */
    static VenueProcess start(Path log, int weightPerMinute) throws IOException {
        Path addresses = Files.createTempFile("paper-venue", ".txt");
        Files.delete(addresses);
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process process = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-Xmx512m",
                        "-cp",
                        classpath,
                        VenueProcess.class.getName(),
                        Integer.toString(weightPerMinute),
                        addresses.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        List<String> lines = Await.until(
                START_DEADLINE,
                () -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the paper venue exited; see " + log);
                    }
                    try {
                        return Files.exists(addresses) ? Files.readAllLines(addresses) : List.<String>of();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                read -> read.size() == 3);
        return new VenueProcess(process, lines.get(0), lines.get(1), lines.get(2));
    }

    String restUrl() {
        return restUrl;
    }

    String webSocketUrl() {
        return webSocketUrl;
    }

    long pid() {
        return process.pid();
    }

    /** A key that may read and trade, on an account holding {@code euros} EUR, made through the venue's portal. */
    Key createKey(long euros) {
        JsonNode created = JSON.readTree(send(HttpRequest.newBuilder(URI.create(restUrl + "/portal/keys"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"permissions\":[\"READ\",\"TRADE\"],\"balances\":{\"EUR\":" + euros + "}}"))));
        return new Key(
                created.get("apiKey").asString(), created.get("apiSecret").asString());
    }

    Stats stats() {
        JsonNode stats = JSON.readTree(send(
                HttpRequest.newBuilder(URI.create(restUrl + "/portal/stats")).GET()));
        Map<String, Long> byEndpoint = new TreeMap<>();
        for (JsonNode request : stats.get("requests")) {
            byEndpoint.merge(
                    request.get("endpoint").asString(), request.get("count").asLong(), Long::sum);
        }
        return new Stats(
                byEndpoint, stats.get("streams").asInt(), stats.get("orders").asInt());
    }

    /** When each order of these keys arrived at the venue (epoch milliseconds), by client order id. */
    Map<String, Long> arrivals(Collection<String> apiKeys) {
        String answer = send(HttpRequest.newBuilder(URI.create(ordersUrl))
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", apiKeys))));
        Map<String, Long> arrivals = new HashMap<>();
        answer.lines().filter(line -> !line.isBlank()).forEach(line -> {
            String[] parts = line.split(" ");
            arrivals.put(parts[0], Long.parseLong(parts[1]));
        });
        return arrivals;
    }

    private String send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                        "the paper venue answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        ChildApp.stop(process);
    }

    /**
     * The child: {@code <weight per minute> <file>}. Writes the venue's REST and WebSocket addresses and its orders
     * page to the file once all listen, then serves until killed.
     */
    public static void main(String[] args) throws IOException {
        PaperVenue venue = new PaperVenue(Clock.systemUTC(), 0, Integer.parseInt(args[0]), 0, Duration.ofSeconds(1));
        HttpServer orders = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        orders.createContext("/orders", exchange -> {
            try (exchange) {
                String keys = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                StringBuilder answer = new StringBuilder();
                keys.lines().filter(key -> !key.isBlank()).forEach(key -> {
                    for (PaperOrder order : venue.exchange().allOrders(key)) {
                        answer.append(order.clientOrderId())
                                .append(' ')
                                .append(order.time())
                                .append('\n');
                    }
                });
                byte[] body = answer.toString().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
                exchange.getResponseBody().write(body);
            }
        });
        orders.start();
        Path file = Path.of(args[1]);
        Path written = Files.write(
                file.resolveSibling(file.getFileName() + ".tmp"),
                List.of(
                        venue.baseUrl(),
                        venue.webSocketUrl(),
                        "http://127.0.0.1:" + orders.getAddress().getPort() + "/orders"));
        // Renamed into place, so that the parent never reads half a file.
        Files.move(written, file);
    }
}
