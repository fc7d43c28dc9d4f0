package com.algomarket.api.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.paper.PaperFaults;
import com.algomarket.activities.paper.PaperFaults.Kind;
import com.algomarket.api.support.ChildApp;
import com.algomarket.api.support.ServerEnvironment;
import com.algomarket.api.support.TemporalLeftovers;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.support.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * At least 200 orders (a signal to 20 portfolios per round, at least 10 rounds) through the real dev server and a
 * paper venue that loses answers, rate limits and fails (each kind once for certain, then 5-10 % each), while the app
 * (REST API and workers, a child JVM) is killed with SIGKILL a random moment after each signal and started again,
 * until at least 10 kills have landed while orders were open (not yet final in the database). The run must not pass
 * vacuously: every order FILLS (every fault is transient), each fault kind struck, and no database order claims fills
 * its venue order lacks. Besides, the venue holds one order per client order id and none the database does not
 * know, the database's fills are the venue's trades, and each portfolio's position is its BTC balance at the venue. Prints the counts, the faults, and how long orders took to move again
 * after each restart. {@code -Dcrash.seed=} replays a run's random choices.
 *
 * <p>Measured on the 2-core build machine with the rounds (seed 1796013719467): 200/200 FILLED, 0 database orders
 * claiming fills the venue lacks, 200 venue orders, 200 trades = 200 fills, 20/20 positions = balances; 10 kills, all
 * 10 while orders were open; faults that struck: 66 x 429, 62 x 5xx, 8 lost answers; wall time 756 s.
 *
 * <p>Measured on the 2-core build machine before the rounds and the assertions against a vacuous pass (seed
 * 1795426675816): 200/200 orders FILLED, 200 venue orders for 200
 * client order ids, 200 venue trades = 200 database fills, 20/20 positions equal to the venue balances; 10 kills, 11
 * starts; faults that struck: 34 x 429, 22 x 5xx, 5 lost answers; orders moved again 1.1 s to 8.3 s after each
 * restart (the app itself takes 20-45 s to start there); wall time 653 s. Before the fixes this test found 4 orders
 * placed twice (a submit retried after its worker died mid-call, now looked up first), 100 orders rejected by a
 * sizing that gave up inside one rate-limit ban, and one order rejected by a 0 s next-retry delay.
 */
class OrderCrashSafetyIT {

    private static final long SEED = Long.getLong("crash.seed", System.currentTimeMillis());
    private static final int PORTFOLIOS = 20;
    private static final int SIGNALS = 10;
    private static final int MIN_KILLS = 10;
    /** Where the rounds stop even if too few kills landed on open orders; the run then fails. */
    private static final int MAX_KILLS = 20;

    private static final Duration RECOVERY_DEADLINE = Duration.ofMinutes(3);

    @RegisterExtension
    static final CrashParts PARTS = new CrashParts(SEED);

    private static final PaperFaults FAULTS = PARTS.venue().faults();

    @BeforeAll
    static void startFromNothingRunning() {
        TemporalLeftovers.terminateAll(ServerEnvironment.temporalAddress(), "left over before OrderCrashSafetyIT");
    }

    @Test
    void givenTheWorkerKilledTenTimes_whenTwoHundredOrdersRun_thenEachIsPlacedOnceAndAccountedExactly()
            throws Exception {
        long began = System.nanoTime();
        Random random = new Random(SEED);
        Path directory = Files.createDirectories(Path.of("target", "crash", "worker-kills-" + SEED));
        try (ChildApp app = PARTS.app(ServerEnvironment.temporalAddress(), directory);
                CrashRun run = PARTS.run(app.port())) {
            app.start();
            run.subscribe(PORTFOLIOS);
            PARTS.addTransientFaults(random, 0.05);

            // Each round posts a signal (on its own thread, so that the kill may land before it is answered and the
            // client retries it through the outage) and kills the app a random moment later. A kill that lands when
            // every order is final proves nothing: the rounds go on until MIN_KILLS have landed on open orders.
            List<Long> recoveryMillis = new ArrayList<>();
            int kills = 0;
            int killsWhileOpen = 0;
            while ((killsWhileOpen < MIN_KILLS || kills < SIGNALS) && kills < MAX_KILLS) {
                CompletableFuture<String> posting = CompletableFuture.supplyAsync(run::postBuy);
                sleep(Duration.ofMillis(500 + random.nextInt(2_500)));
                app.kill();
                kills++;
                // Counted once the app is dead: nothing changes the orders in the database until it starts again.
                if (run.openOrders() > 0) {
                    killsWhileOpen++;
                }
                app.start();
                awaitPosted(posting, app, directory);
                recoveryMillis.add(millisUntilOrdersMove(run));
            }
            assertThat(killsWhileOpen)
                    .as("kills that landed while orders were open, of " + kills)
                    .isGreaterThanOrEqualTo(MIN_KILLS);
            Map<Kind, Integer> struck = PARTS.assertEachFaultStruck();
            FAULTS.clear();

            String report =
                    run.verify(run.expectedOrders()) + "\n" + run.stickyTimeouts(ServerEnvironment.temporalAddress());
            Collections.sort(recoveryMillis);
            System.out.printf(
                    Locale.ROOT,
                    "%n===== Crash safety (seed %d) =====%n%s%nkills %d, starts %d (%d of them replacing a start that hung silently); faults "
                            + "injected %s; kills while orders were open %d; orders moving again after a restart in %s ms (sorted; -1: none open); "
                            + "wall time %d s%n=================================%n",
                    SEED,
                    report,
                    kills,
                    app.starts(),
                    app.silentStarts(),
                    struck,
                    killsWhileOpen,
                    recoveryMillis,
                    (System.nanoTime() - began) / 1_000_000_000);
        }
    }

    /** Waits for the round's signal post; one that never got its 202 says what the app was doing meanwhile. */
    private static void awaitPosted(CompletableFuture<String> posting, ChildApp app, Path directory) throws Exception {
        try {
            posting.get(CrashRun.FINAL_DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(
                    "A signal post got no 202 (seed " + SEED + ", -Dcrash.seed= repeats the run; "
                            + e.getCause().getMessage() + "); the app meanwhile: "
                            + app.hungReport(directory.resolve("threads-" + app.starts() + ".txt"))
                            + "\nits log:\n" + app.tail(),
                    e);
        }
    }

    /**
     * After a restart: how long until an open order of the run changes in the database (the new worker has picked up
     * the workflows), or -1 when nothing was open. The deadline is what the order workflow itself may take without
     * anything being wrong: an attempt that died with the old worker times out after 30 s, the next retry of an
     * exchange call may wait up to 1 minute (a rate-limit ban, the backoff's ceiling) and a resting order is polled
     * every 30 s at most. A CI run gave up here after 60 s, before its orders were checked.
     */
    private static long millisUntilOrdersMove(CrashRun run) {
        if (run.expectedOrders() == 0
                || run.ordersByStatus().keySet().stream()
                        .noneMatch(status -> status == OrderStatus.NEW || status == OrderStatus.PENDING)) {
            return -1;
        }
        OffsetDateTime before = run.lastOrderChange();
        long start = System.nanoTime();
        Await.until(
                RECOVERY_DEADLINE,
                run::lastOrderChange,
                last -> last != null && (before == null || last.isAfter(before)));
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
