package com.algomarket.api.benchmark;

import static com.algomarket.db.jooq.Tables.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.paper.PaperExchange;
import com.algomarket.activities.paper.PaperExchange.Permission;
import com.algomarket.activities.paper.PaperOrder;
import com.algomarket.api.security.MasterKeys;
import com.algomarket.api.support.Http;
import com.algomarket.api.support.PaperSubscribers;
import com.algomarket.api.support.PaperVenue;
import com.algomarket.api.support.RealServers;
import com.algomarket.api.support.TestUsers;
import com.algomarket.db.connections.Connection;
import com.algomarket.db.connections.ConnectionRepository;
import com.algomarket.db.portfolios.Portfolio;
import com.algomarket.db.portfolios.PortfolioRepository;
import com.algomarket.db.purchases.Purchase;
import com.algomarket.db.purchases.PurchaseRepository;
import com.algomarket.db.users.NewUser;
import com.algomarket.db.users.UserRepository;
import com.algomarket.workflows.connections.ConnectionStatus;
import com.algomarket.workflows.exchange.ClientOrderIds;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderWorkflow;
import com.algomarket.workflows.portfolios.PortfolioStatus;
import com.algomarket.workflows.purchases.PurchaseStatus;
import com.algomarket.workflows.support.Await;
import com.algomarket.workflows.users.UserRole;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Signal to orders, measured: one signal to N = 1, 100 and 1,000 portfolios on the PAPER venue (in this JVM) through
 * the real dev server and PostgreSQL; then 10,000 resting orders and the worker's heap and RSS. Prints figures; it
 * asserts only that every order arrived (a benchmark of lost orders measures nothing).
 *
 * <p>Run: the README's benchmark command. The worker, the REST API and the venue share this JVM, so RSS is an upper
 * bound for the worker. Portfolios are written straight to the database (registering 1,000 users through REST would
 * measure Argon2, not orders); the venue's and the client's rate limits are lifted (a real Binance IP allows 6,000
 * weight per minute, which 1,000 orders exceed many times over).
 *
 * <p>Figures on the 2-core build machine (dev server with SQLite in WAL mode, PostgreSQL 15; worker, API and venue in
 * this JVM): N = 1 (50 signals) p50 432 ms, p99 1,597 ms; N = 100 p50 6.2 s, p99 8.0 s, last at the venue 8.0 s, 8.9
 * lifecycles/s; N = 1,000 p50 33.5 s, p99 51.6 s, last at the venue 52.0 s, 8.5 lifecycles/s (45.9 s / 123.2 s with
 * other builds running). 10,000 resting limit orders: all resting after 974 s; 45 s later and after a GC, heap used
 * 780 MiB and RSS 2.4 GiB (1.15 GiB at 343 resting orders: the workflow cache of 10,000 holds every open order).
 *
 * <p>Where N = 1 spends its time (one signal's history): signal stored to fan-out started 10 ms (eager start),
 * sizing and starting the order 90 ms (local activities, one ticker read), risk check and intent 214 ms (six queries,
 * a balance read at the venue, the intent and its audit row), submit 84 ms. At N = 1,000 the dev server's SQLite and
 * the two cores are the limit: each order lifecycle is about 15 persisted history transactions. What was tried: child
 * workflows for the fan-out started about 3 orders a second; starting them from an activity through the client, 32 at
 * a time, made the fan-out 5x faster; the SDK's default 600 workflow threads stalled 1,000 open orders, virtual
 * workflow threads and a cache of 10,000 removed that stall at the memory cost above
 * ({@code algomarket.temporal.workflow-cache-size} trades it back for replays).
 */
@RealServers(
        properties = {
            "algomarket.stripe.secret-key=", "algomarket.stripe.webhook-secret=",
            "algomarket.paper.weight-per-minute=100000000", "algomarket.risk.max-orders-per-minute=100000",
            "algomarket.reconciliation.on-worker-start=false"
        })
@PaperVenue(seed = 5, weightPerMinute = 100_000_000)
class SignalFanOutBenchmark {

    @Autowired
    TestUsers testUsers;

    @Autowired
    PaperVenue.Venue venue;

    private static final int SINGLE_PORTFOLIO_SIGNALS = Integer.getInteger("benchmark.single.signals", 50);
    private static final int RESTING_SIGNALS = Integer.getInteger("benchmark.resting.signals", 10);
    /** The fan-out sizes after N = 1; the resting orders go to the portfolios of the last. */
    private static final List<Integer> SIZES = java.util.Arrays.stream(
                    System.getProperty("benchmark.sizes", "100,1000").split(","))
            .map(String::strip)
            .map(Integer::valueOf)
            .toList();

    @Autowired
    DSLContext dsl;

    @Autowired
    UserRepository users;

    @Autowired
    ConnectionRepository connections;

    @Autowired
    PurchaseRepository purchases;

    @Autowired
    PortfolioRepository portfolios;

    @Autowired
    MasterKeys keys;

    private Http developer;

    private record Subscriber(UUID portfolioId, String apiKey) {}

    @Test
    void signalToOrders() throws Exception {
        developer = testUsers.verified("DEVELOPER").http();
        System.out.println("\n===== Signal fan-out benchmark (dev server, PostgreSQL, PAPER venue in-JVM) =====");

        // N = 1, repeated: the latency of one signal to one order, and its spread.
        String single = PaperSubscribers.algorithm(developer);
        Subscriber one = subscribers(single, 1).get(0);
        List<Long> singleLatencies = new ArrayList<>();
        for (int i = 0; i < SINGLE_PORTFOLIO_SIGNALS; i++) {
            long start = System.currentTimeMillis();
            String signalId = post(single, "BUY", "MARKET", null, null);
            PaperOrder order = awaitAtVenue(one, signalId, Duration.ofSeconds(30));
            singleLatencies.add(order.time() - start);
        }
        if (!singleLatencies.isEmpty()) {
            report(String.format(
                    Locale.ROOT,
                    "N=1     signals=%d  signal->venue p50=%d ms p99=%d ms max=%d ms",
                    SINGLE_PORTFOLIO_SIGNALS,
                    percentile(singleLatencies, 50),
                    percentile(singleLatencies, 99),
                    Collections.max(singleLatencies)));
        }

        for (int n : SIZES) {
            String algorithm = PaperSubscribers.algorithm(developer);
            List<Subscriber> subscribers = subscribers(algorithm, n);
            long start = System.currentTimeMillis();
            String signalId = post(algorithm, "BUY", "MARKET", null, null);
            List<Long> latencies = new ArrayList<>();
            for (Subscriber subscriber : subscribers) {
                latencies.add(awaitAtVenue(subscriber, signalId, Duration.ofMinutes(5))
                                .time()
                        - start);
            }
            long lastAtVenue = Collections.max(latencies);
            Await.until(
                    Duration.ofMinutes(10),
                    () -> dsl.fetchCount(
                            ORDERS,
                            ORDERS.SIGNAL_ID.eq(UUID.fromString(signalId)).and(ORDERS.STATUS.eq(OrderStatus.FILLED))),
                    filled -> filled == n);
            long allFilled = System.currentTimeMillis() - start;
            report(String.format(
                    Locale.ROOT,
                    "N=%-5d signal->venue p50=%d ms p99=%d ms; last order at venue "
                            + "after %d ms; all %d lifecycles FILLED after %d ms = %.1f lifecycles/s",
                    n,
                    percentile(latencies, 50),
                    percentile(latencies, 99),
                    lastAtVenue,
                    n,
                    allFilled,
                    n * 1000.0 / allFilled));
            if (n == SIZES.getLast() && RESTING_SIGNALS > 0) {
                report(restingOrders(algorithm, subscribers));
            }
        }
        report("==================================================================================");
    }

    /** Printed at once: a run that is stopped half-way still leaves its figures. */
    private static void report(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** RESTING_SIGNALS limit orders far below the market to every subscriber: they rest, their workflows poll. */
    private String restingOrders(String algorithm, List<Subscriber> subscribers) throws Exception {
        List<String> signals = new ArrayList<>();
        for (int i = 0; i < RESTING_SIGNALS; i++) {
            signals.add(post(algorithm, "BUY", "LIMIT", "30000", 3_600));
        }
        int expected = signals.size() * subscribers.size();
        long start = System.currentTimeMillis();
        long[] lastMinute = {0};
        // Progress once a minute (resting orders, heap, RSS), so that a run stopped early still leaves figures.
        Await.until(
                Duration.ofMinutes(40),
                () -> {
                    int pending = dsl.fetchCount(
                            ORDERS,
                            ORDERS.SIGNAL_ID
                                    .in(signals.stream().map(UUID::fromString).toList())
                                    .and(ORDERS.STATUS.eq(OrderStatus.PENDING)));
                    long now = System.currentTimeMillis();
                    if (pending < expected && (now - start) / 60_000 > lastMinute[0]) {
                        lastMinute[0] = (now - start) / 60_000;
                        report(String.format(
                                Locale.ROOT,
                                "resting: %d of %d after %d s; %s",
                                pending,
                                expected,
                                (now - start) / 1000,
                                memory()));
                    }
                    return pending;
                },
                pending -> pending == expected);
        long allResting = System.currentTimeMillis() - start;
        // Let the polling settle into its 30 s backoff before measuring what the open workflows cost.
        Thread.sleep(Duration.ofSeconds(45));
        System.gc();
        return String.format(
                Locale.ROOT,
                "resting: %d orders resting after %d ms; %s (worker + API + venue in one " + "JVM)",
                expected,
                allResting,
                memory());
    }

    private static String memory() {
        long heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        try {
            String rss = Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("VmRSS"))
                    .findFirst()
                    .orElse("VmRSS: ?")
                    .replaceAll("\\s+", " ");
            return "heap used " + (heapUsed >> 20) + " MiB; " + rss;
        } catch (java.io.IOException e) {
            return "heap used " + (heapUsed >> 20) + " MiB; RSS unreadable";
        }
    }

    private String post(String algorithm, String side, String type, String limitPrice, Integer timeoutSeconds) {
        String body = """
                {"symbol":"BTC/EUR","side":"%s","type":"%s","sizing":{"quantity":"0.001"}%s%s}""".formatted(
                        side,
                        type,
                        limitPrice == null ? "" : ",\"limitPrice\":\"" + limitPrice + "\"",
                        timeoutSeconds == null ? "" : ",\"timeoutSeconds\":" + timeoutSeconds);
        Http.Response accepted = developer.postJson(
                "/api/v1/algorithms/" + algorithm + "/signals",
                body,
                "Idempotency-Key",
                UUID.randomUUID().toString());
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
        return accepted.body().get("signalId").asString();
    }

    private PaperOrder awaitAtVenue(Subscriber subscriber, String signalId, Duration deadline) {
        String clientOrderId = ClientOrderIds.forBusinessKey(
                OrderWorkflow.workflowId(subscriber.portfolioId().toString(), signalId));
        return Await.until(
                deadline,
                () -> venue.exchange().allOrders(subscriber.apiKey()).stream()
                        .filter(order -> clientOrderId.equals(order.clientOrderId()))
                        .findFirst()
                        .orElse(null),
                order -> order != null);
    }

    /** Users with a PAPER key each, an active purchase and a portfolio of 100,000 EUR, written to the database. */
    private List<Subscriber> subscribers(String algorithmId, int count) {
        List<Subscriber> subscribers = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now();
        for (int i = 0; i < count; i++) {
            UUID userId = UUID.randomUUID();
            users.insert(new NewUser(
                    userId,
                    "bench-" + userId + "@example.com",
                    "b" + userId.toString().substring(0, 8) + i,
                    "{noop}benchmark",
                    UserRole.USER,
                    "{}",
                    now));
            PaperExchange.ApiKey key = venue.exchange()
                    .createKey(
                            EnumSet.of(Permission.READ, Permission.TRADE),
                            new HashMap<>(Map.of("EUR", new BigDecimal("1000000"))));
            UUID connectionId = UUID.randomUUID();
            connections.insert(
                    new Connection(
                            connectionId,
                            userId,
                            Exchange.PAPER,
                            "paper",
                            true,
                            true,
                            false,
                            ConnectionStatus.ACTIVE,
                            null,
                            now),
                    keys.seal(connectionId, Exchange.PAPER, key.apiKey(), key.secret(), null),
                    keys.fingerprint(Exchange.PAPER, key.apiKey()));
            UUID purchaseId = UUID.randomUUID();
            purchases.insert(new Purchase(
                    purchaseId,
                    userId,
                    UUID.fromString(algorithmId),
                    null,
                    1,
                    BigDecimal.ZERO,
                    "EUR",
                    PurchaseStatus.ACTIVE,
                    null,
                    null,
                    null,
                    "purchase-" + purchaseId,
                    null,
                    null));
            UUID portfolioId = UUID.randomUUID();
            portfolios.insert(new Portfolio(
                    portfolioId,
                    userId,
                    purchaseId,
                    connectionId,
                    UUID.fromString(algorithmId),
                    new BigDecimal("100000"),
                    "EUR",
                    PortfolioStatus.ACTIVE,
                    null,
                    true,
                    now));
            subscribers.add(new Subscriber(portfolioId, key.apiKey()));
        }
        return subscribers;
    }

    private static long percentile(List<Long> values, int percentile) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
