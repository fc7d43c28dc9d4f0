package com.algomarket.api.benchmark;

import static com.algomarket.db.jooq.Tables.ORDERS;

import com.algomarket.api.benchmark.BenchmarkSubscribers.Subscriber;
import com.algomarket.api.benchmark.DesignFigures.Latency;
import com.algomarket.api.benchmark.DesignFigures.Resting;
import com.algomarket.api.security.MasterKeys;
import com.algomarket.api.streams.AccountStreamStarter;
import com.algomarket.api.support.ChildApp;
import com.algomarket.api.support.ChildAppEnvironment;
import com.algomarket.api.support.Http;
import com.algomarket.api.support.PaperSubscribers;
import com.algomarket.api.support.RealServers;
import com.algomarket.api.support.ServerEnvironment;
import com.algomarket.api.support.TemporalLeftovers;
import com.algomarket.api.support.TestUsers;
import com.algomarket.db.connections.ConnectionRepository;
import com.algomarket.db.portfolios.PortfolioRepository;
import com.algomarket.db.purchases.PurchaseRepository;
import com.algomarket.db.users.UserRepository;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.exchange.ClientOrderIds;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.support.Await;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Signal to orders, measured for both ways of following an order in one run: {@code polling} (account streams off,
 * each open order asks the exchange with backoff up to 30 s, the design before issue 14) and {@code streamed} (one
 * account stream per connection; orders wait for its execution signals, with one safety lookup in six hours). For each: one
 * signal to N = 1 (many signals), 100 and 1,000 portfolios, then resting limit orders and what they cost the worker
 * (RSS, heap after a full GC) and the venue (requests per resting order per hour).
 *
 * <p>Three processes, as deployed: this JVM is an API node that writes the subscribers and counts; the worker (the
 * app with its REST API and workers, {@code api,worker}, one per design) is a child JVM from the app's jar and is the
 * process measured; the paper venue is a third JVM ({@link VenueProcess}). Signals are posted to the worker's REST API,
 * as a client would. The run prints a progress line every ten seconds and writes {@code target/benchmark/results.md}
 * and charts beside it; it asserts only that every order arrived (a benchmark of lost orders measures nothing).
 *
 * <p>Settings (system properties): {@code benchmark.designs} (polling,streamed), {@code benchmark.single.signals}
 * (200, after {@code benchmark.warm-up.signals}, 10), {@code benchmark.sizes} (100,1000), {@code benchmark.resting} (10000; 0 skips it), {@code
 * benchmark.resting.per-account} (10), {@code benchmark.settle} (PT60S: polls reach their 30 s backoff), {@code
 * benchmark.window} (PT120S), {@code benchmark.worker.jvm} (options of the worker JVM, space separated; none).
 */
@RealServers(
        properties = {
            // An API node only: the child worker runs every workflow, and this JVM must not take any of its tasks.
            "algomarket.roles=api",
            // Lets this node start the resting accounts' streams (AccountStreamStarter); it plans no order.
            "algomarket.streams.enabled=true",
            "algomarket.stripe.secret-key=",
            "algomarket.stripe.webhook-secret="
        })
class SignalFanOutBenchmark {

    static final Path OUTPUT = Path.of("target", "benchmark");

    private static final List<String> DESIGNS = list("benchmark.designs", "polling,streamed");
    private static final int SINGLE_SIGNALS = Integer.getInteger("benchmark.single.signals", 200);
    /** Signals sent to N = 1 before the measured ones, so that the figures are not the worker's first (JIT, pools). */
    private static final int WARM_UP_SIGNALS = Integer.getInteger("benchmark.warm-up.signals", 10);

    private static final List<Integer> SIZES =
            list("benchmark.sizes", "100,1000").stream().map(Integer::valueOf).toList();
    private static final int RESTING = Integer.getInteger("benchmark.resting", 10_000);
    private static final int RESTING_PER_ACCOUNT = Integer.getInteger("benchmark.resting.per-account", 10);
    private static final Duration SETTLE = Duration.parse(System.getProperty("benchmark.settle", "PT60S"));
    private static final Duration WINDOW = Duration.parse(System.getProperty("benchmark.window", "PT120S"));
    /** Split at spaces only: a JVM option may hold commas (-XX:StartFlightRecording=...,filename=...). */
    private static final List<String> WORKER_JVM = Arrays.stream(
                    System.getProperty("benchmark.worker.jvm", "").split("\\s+"))
            .filter(option -> !option.isBlank())
            .toList();
    /** The app's defaults (application.yml), passed on explicitly so the figures below can count with them. */
    private static final Duration SAFETY_LOOKUP = Duration.ofHours(6);

    private static final Duration RECONCILIATION_INTERVAL = Duration.ofMinutes(5);
    /** Reconciliation's interval while the connection's account stream is connected. */
    private static final Duration RECONCILIATION_STREAMED_INTERVAL = Duration.ofHours(1);
    /** Venue reads of one reconciliation: open orders and fills of each symbol; the benchmark trades only BTC/EUR. */
    private static final int RECONCILIATION_READS = 2;

    private static final Duration STREAM_PERIOD = Duration.ofHours(1);
    /** The venue's and the client's rate limits, lifted: 1,000 orders at once exceed Binance's 6,000 weight a minute. */
    private static final int WEIGHT_PER_MINUTE = 100_000_000;

    @Autowired
    TestUsers testUsers;

    @Autowired
    DSLContext dsl;

    @Autowired
    WorkflowClient workflowClient;

    @Autowired
    AccountStreamStarter streams;

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

    private BenchmarkSubscribers subscribers;
    private String developerEmail;

    @Test
    void signalToOrders() throws Exception {
        Files.createDirectories(OUTPUT);
        subscribers = new BenchmarkSubscribers(users, connections, purchases, portfolios, keys);
        report("\n===== Signal fan-out benchmark: " + DESIGNS + "; worker and paper venue in their own JVMs =====");
        List<DesignFigures> figures = new ArrayList<>();
        try (VenueProcess venue = VenueProcess.start(OUTPUT.resolve("venue.log"), WEIGHT_PER_MINUTE);
                BenchmarkProgress progress = new BenchmarkProgress(venue)) {
            for (String design : DESIGNS) {
                figures.add(measure(design, venue, progress));
                new BenchmarkReport(figures, settings()).write(OUTPUT);
            }
        }
        report(new BenchmarkReport(figures, settings()).markdown());
        report("Written: " + OUTPUT.toAbsolutePath()
                + "/{results.md,latency.png,venue-requests.png,worker-memory.png}");
    }

    private static String settings() {
        return String.format(
                Locale.ROOT,
                "Run %s on %d cores: Temporal dev server (SQLite), PostgreSQL 15; worker = the app's jar (api,worker) "
                        + "in its own JVM (options %s), paper venue in a third JVM. N=1: %d signals after %d to warm up; resting: %d "
                        + "per account, settle %s, window %s; safety lookup %s, stream period %s, reconciliation %s "
                        + "(%s while streamed).",
                java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES),
                Runtime.getRuntime().availableProcessors(),
                WORKER_JVM.isEmpty() ? "JVM defaults" : String.join(" ", WORKER_JVM),
                SINGLE_SIGNALS,
                WARM_UP_SIGNALS,
                RESTING_PER_ACCOUNT,
                SETTLE,
                WINDOW,
                SAFETY_LOOKUP,
                STREAM_PERIOD,
                RECONCILIATION_INTERVAL,
                RECONCILIATION_STREAMED_INTERVAL);
    }

    /** The machine's load average over the last minute, from /proc/loadavg. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** Printed at once: a run that is stopped half-way still leaves its figures. */
    static void report(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private DesignFigures measure(String design, VenueProcess venue, BenchmarkProgress progress) throws Exception {
        boolean streamed = switch (design) {
            case "polling" -> false;
            case "streamed" -> true;
            default -> throw new IllegalArgumentException("benchmark.designs: polling or streamed, not " + design);
        };
        try (ChildApp worker = new ChildApp(
                workerEnvironment(venue, streamed, OUTPUT.resolve(design + "-data")),
                OUTPUT.resolve(design + "-worker.log"),
                WORKER_JVM)) {
            String loadAtStart = loadAverage();
            progress.phase(design + ": starting the worker");
            // Longer than a crash test allows: on a machine shared with other builds a start took over 3 minutes.
            worker.start(Duration.ofMinutes(10));
            progress.worker(worker.pid());
            if (developerEmail == null) {
                developerEmail = testUsers.verified("DEVELOPER").email();
            }
            // Logged in once per design: a full run outlasts a token's hour.
            Http developer = new Http(worker.port()).withBearer(testUsers.login(developerEmail));
            Latency single = single(design, developer, venue, progress);
            List<Latency> fanOuts = new ArrayList<>();
            for (int n : SIZES) {
                fanOuts.add(fanOut(design, n, developer, venue, progress));
            }
            Resting resting = RESTING > 0 ? resting(design, streamed, developer, venue, worker, progress) : null;
            progress.worker(-1);
            return new DesignFigures(design, loadAtStart + " / " + loadAverage(), single, fanOuts, resting);
        } finally {
            progress.phase(design + ": ending the workflows it left open");
            TemporalLeftovers.terminateAll(ServerEnvironment.temporalAddress(), "benchmark: " + design + " measured");
        }
    }

    /**
     * The worker's environment: production mode as deployed, this run's venue, emails to the outbox table (which this
     * JVM reads for the developer's verification), and nothing started for connections this run did not make.
     */
    private static Map<String, String> workerEnvironment(VenueProcess venue, boolean streamed, Path dataDirectory) {
        Map<String, String> environment = new HashMap<>(
                ChildAppEnvironment.of(ServerEnvironment.temporalAddress(), venue.restUrl(), 0, dataDirectory));
        environment.remove("MAIL_HOST");
        environment.remove("MAIL_PORT");
        environment.put("EMAIL", "none");
        environment.put("PAPER_WEBSOCKET_URL", venue.webSocketUrl());
        environment.put("PAPER_WEIGHT_PER_MINUTE", Integer.toString(WEIGHT_PER_MINUTE));
        environment.put("RISK_MAX_ORDERS_PER_MINUTE", "100000");
        environment.put("ACCOUNT_STREAMS", Boolean.toString(streamed));
        environment.put("STREAM_SAFETY_LOOKUP", SAFETY_LOOKUP.toString());
        environment.put("RECONCILIATION_INTERVAL", RECONCILIATION_INTERVAL.toString());
        environment.put("RECONCILIATION_STREAMED_INTERVAL", RECONCILIATION_STREAMED_INTERVAL.toString());
        environment.put("ALGOMARKET_STREAMS_PERIOD", STREAM_PERIOD.toString());
        // The benchmark starts the streams of its resting accounts itself (ChildAppEnvironment already keeps the
        // periodic valuation and track records from pricing every portfolio of the database at the venue).
        environment.put("ALGOMARKET_STREAMS_ONWORKERSTART", "false");
        return environment;
    }

    /** N = 1, repeated: the latency of one signal to one order, and its spread. */
    private Latency single(String design, Http developer, VenueProcess venue, BenchmarkProgress progress)
            throws Exception {
        String algorithm = PaperSubscribers.algorithm(developer);
        Subscriber one = subscribers.create(venue, algorithm, 1).getFirst();
        if (design.equals("streamed")) {
            // As a connection made through the API: its stream is open before its first order (until 2026-11-30 the
            // streamed N = 1 ran without one, so each order read balances and looked itself up at the venue).
            startStreams(List.of(one), venue, progress);
        }
        progress.phase(design + ": N=1, " + SINGLE_SIGNALS + " signals");
        List<Long> latencies = new ArrayList<>();
        String signalId = null;
        long posted = 0;
        for (int i = 0; i < WARM_UP_SIGNALS + SINGLE_SIGNALS; i++) {
            posted = System.currentTimeMillis();
            signalId = post(developer, algorithm, "MARKET", null);
            long latency = arrivals(venue, List.of(one), signalId, Duration.ofSeconds(30))
                            .getFirst()
                    - posted;
            if (i >= WARM_UP_SIGNALS) {
                latencies.add(latency);
            }
        }
        if (signalId != null) {
            // The last signal's path, once its order is FILLED: the fan-out, then the order's own steps.
            UUID last = UUID.fromString(signalId);
            Await.until(
                    Duration.ofMinutes(2),
                    () -> dsl.fetchCount(ORDERS, ORDERS.SIGNAL_ID.eq(last).and(ORDERS.STATUS.eq(OrderStatus.FILLED))),
                    filled -> filled == 1);
            HistoryTimeline.write(
                    workflowClient,
                    List.of(
                            "signal-" + signalId,
                            WorkflowIds.order(one.portfolioId().toString(), signalId)),
                    posted,
                    OUTPUT.resolve(design + "-n1-history.txt"));
        }
        Latency single = new Latency(
                1,
                SINGLE_SIGNALS,
                percentile(latencies, 50),
                percentile(latencies, 99),
                Collections.max(latencies),
                -1,
                -1);
        report(String.format(
                Locale.ROOT,
                "%s N=1     signals=%d  signal->venue p50=%d ms p99=%d ms max=%d ms",
                design,
                SINGLE_SIGNALS,
                single.p50(),
                single.p99(),
                single.lastAtVenue()));
        return single;
    }

    /** One signal to n portfolios: every order's latency, the last one's, and lifecycles per second until FILLED. */
    private Latency fanOut(String design, int n, Http developer, VenueProcess venue, BenchmarkProgress progress) {
        progress.phase(design + ": N=" + n + ", writing subscribers");
        String algorithm = PaperSubscribers.algorithm(developer);
        List<Subscriber> subscribed = subscribers.create(venue, algorithm, n);
        progress.phase(design + ": N=" + n);
        long start = System.currentTimeMillis();
        String signalId = post(developer, algorithm, "MARKET", null);
        List<Long> latencies = arrivals(venue, subscribed, signalId, Duration.ofMinutes(5)).stream()
                .map(arrived -> arrived - start)
                .toList();
        Await.until(
                Duration.ofMinutes(10),
                () -> dsl.fetchCount(
                        ORDERS,
                        ORDERS.SIGNAL_ID.eq(UUID.fromString(signalId)).and(ORDERS.STATUS.eq(OrderStatus.FILLED))),
                filled -> filled == n);
        long allFilled = System.currentTimeMillis() - start;
        Latency latency = new Latency(
                n,
                1,
                percentile(latencies, 50),
                percentile(latencies, 99),
                Collections.max(latencies),
                allFilled,
                n * 1000.0 / allFilled);
        report(String.format(
                Locale.ROOT,
                "%s N=%-5d signal->venue p50=%d ms p99=%d ms; last order at venue after %d ms; all %d lifecycles "
                        + "FILLED after %d ms = %.1f lifecycles/s",
                design,
                n,
                latency.p50(),
                latency.p99(),
                latency.lastAtVenue(),
                n,
                allFilled,
                latency.lifecyclesPerSecond()));
        return latency;
    }

    /**
     * RESTING limit orders far below the market on RESTING / RESTING_PER_ACCOUNT accounts: how long until all rest,
     * then, once they settled, the venue's requests over the window and the worker's memory.
     */
    private Resting resting(
            String design,
            boolean streamed,
            Http developer,
            VenueProcess venue,
            ChildApp worker,
            BenchmarkProgress progress)
            throws Exception {
        int accounts = Math.ceilDiv(RESTING, RESTING_PER_ACCOUNT);
        progress.phase(design + ": resting, writing " + accounts + " accounts");
        String algorithm = PaperSubscribers.algorithm(developer);
        List<Subscriber> subscribed = subscribers.create(venue, algorithm, accounts);
        double catchUpPerAccount = streamed ? startStreams(subscribed, venue, progress) : 0;
        progress.phase(design + ": resting, placing " + accounts * RESTING_PER_ACCOUNT + " orders");
        List<UUID> signals = new ArrayList<>();
        long start = System.currentTimeMillis();
        for (int i = 0; i < RESTING_PER_ACCOUNT; i++) {
            signals.add(UUID.fromString(post(developer, algorithm, "LIMIT", "30000")));
        }
        int orders = signals.size() * accounts;
        Await.until(
                Duration.ofHours(1),
                () -> dsl.fetchCount(ORDERS, ORDERS.SIGNAL_ID.in(signals).and(ORDERS.STATUS.eq(OrderStatus.PENDING))),
                pending -> pending == orders);
        long allResting = System.currentTimeMillis() - start;
        report(String.format(Locale.ROOT, "%s resting: %d orders resting after %d ms", design, orders, allResting));

        progress.phase(design + ": resting, settling for " + SETTLE.toSeconds() + " s");
        Thread.sleep(SETTLE);
        progress.phase(design + ": resting, counting venue requests for " + WINDOW.toSeconds() + " s");
        VenueProcess.Stats before = venue.stats();
        // The measurement is what the venue is asked over this window of wall-clock time: nothing to wait for but it.
        Thread.sleep(WINDOW);
        Map<String, Long> requests = venue.stats().since(before);
        long made = requests.values().stream().mapToLong(Long::longValue).sum();
        double perOrderHour = made * 3600.0 / orders / WINDOW.toSeconds();
        // What falls due less often than the window: each waiting order's safety lookup, each stream's renewal
        // (a reconnect and its catch-up read, measured when the streams started), and each account's reconciliation
        // (hourly while its stream is connected, else every five minutes), counted from the intervals: the benchmark's
        // accounts are written to the database directly, so no reconciliation runs for them.
        double reconciliation = RECONCILIATION_READS
                * (3600.0 / (streamed ? RECONCILIATION_STREAMED_INTERVAL : RECONCILIATION_INTERVAL).toSeconds())
                / RESTING_PER_ACCOUNT;
        double scheduled = reconciliation
                + (streamed
                        ? 3600.0 / SAFETY_LOOKUP.toSeconds()
                                + catchUpPerAccount * (3600.0 / STREAM_PERIOD.toSeconds()) / RESTING_PER_ACCOUNT
                        : 0);
        progress.phase(design + ": resting, measuring the worker's memory");
        WorkerMemory.Figures memory =
                WorkerMemory.measure(worker.pid(), OUTPUT.resolve(design + "-worker-heap-histogram.txt"));
        Resting resting = new Resting(
                orders, accounts, allResting, WINDOW.toSeconds(), requests, perOrderHour, scheduled, memory);
        report(String.format(
                Locale.ROOT,
                "%s resting: %d venue requests in %d s = %.2f per resting order per hour (+%.2f due later); %s; "
                        + "worker RSS %d MiB, heap after full GC %d MiB of %d MiB committed",
                design,
                made,
                WINDOW.toSeconds(),
                perOrderHour,
                scheduled,
                requests,
                memory.rssMiB(),
                memory.heapUsedMiB(),
                memory.heapCommittedMiB()));
        return resting;
    }

    /** Starts each account's stream and waits until all are open; answers the venue requests one start cost. */
    private double startStreams(List<Subscriber> accounts, VenueProcess venue, BenchmarkProgress progress) {
        progress.phase("streamed: opening " + accounts.size() + " account streams");
        VenueProcess.Stats before = venue.stats();
        accounts.forEach(account -> streams.start(account.connectionId()));
        Await.until(
                Duration.ofMinutes(10), venue::stats, stats -> stats.streams() >= before.streams() + accounts.size());
        // The catch-up reads follow the subscriptions: wait until the counts stop moving.
        long[] last = {-1};
        long requests = Await.until(
                Duration.ofMinutes(5),
                () -> {
                    long now = venue.stats().requests();
                    boolean settled = now == last[0];
                    last[0] = now;
                    return settled ? now : -1;
                },
                settled -> settled >= 0);
        double perAccount = (requests - before.requests()) / (double) accounts.size();
        report(String.format(
                Locale.ROOT,
                "streamed: %d streams open; %.2f venue requests per stream start (subscribe and catch-up)",
                accounts.size(),
                perAccount));
        return perAccount;
    }

    private static String post(Http developer, String algorithm, String type, String limitPrice) {
        String body = """
                {"symbol":"BTC/EUR","side":"BUY","type":"%s","sizing":{"quantity":"0.001"}%s}""".formatted(
                type, limitPrice == null ? "" : ",\"limitPrice\":\"" + limitPrice + "\",\"timeoutSeconds\":86400");
        // At 1,000 open streams the dev server once took longer than the 10 s a start may take: a 503, retried.
        return PaperSubscribers.signalUntilAccepted(developer, algorithm, body, Duration.ofMinutes(2));
    }

    /** When each subscriber's order of the signal arrived at the venue (venue clock), in the subscribers' order. */
    private static List<Long> arrivals(
            VenueProcess venue, List<Subscriber> subscribed, String signalId, Duration deadline) {
        Map<String, String> clientOrderIdByKey = subscribed.stream()
                .collect(Collectors.toMap(
                        Subscriber::apiKey,
                        subscriber -> ClientOrderIds.forBusinessKey(
                                WorkflowIds.order(subscriber.portfolioId().toString(), signalId))));
        Map<String, Long> arrived = new HashMap<>();
        Await.until(
                deadline,
                () -> {
                    // Only the keys still waiting are asked about: the venue answers under its one lock.
                    List<String> waiting = clientOrderIdByKey.keySet().stream()
                            .filter(key -> !arrived.containsKey(key))
                            .toList();
                    Map<String, Long> times = venue.arrivals(waiting);
                    for (String key : waiting) {
                        Long time = times.get(clientOrderIdByKey.get(key));
                        if (time != null) {
                            arrived.put(key, time);
                        }
                    }
                    return arrived.size();
                },
                count -> count == subscribed.size());
        return subscribed.stream()
                .map(subscriber -> arrived.get(subscriber.apiKey()))
                .toList();
    }

    private static long percentile(List<Long> values, int percentile) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static List<String> list(String property, String defaults) {
        return Arrays.stream(System.getProperty(property, defaults).split("[,\\s]+"))
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .toList();
    }
}
