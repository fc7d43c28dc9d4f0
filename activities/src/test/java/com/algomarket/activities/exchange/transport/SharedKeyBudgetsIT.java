package com.algomarket.activities.exchange.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.db.support.TestSchema;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.exchange.ExchangeFailure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two workers' rate limiters on one real database: an account's order budget (here 6 a minute, one back every 10 s) is
 * spent once, whichever worker spends it, and a stop the exchange gives one worker holds the other too.
 */
class SharedKeyBudgetsIT {

    private static final RateLimit ORDERS = new RateLimit(6, Duration.ofMinutes(1));

    private static TestSchema schema;

    @BeforeAll
    static void migrate() throws Exception {
        schema = TestSchema.migrate("shared_key_budgets_it");
    }

    @AfterAll
    static void drop() throws Exception {
        schema.close();
    }

    @Test
    void givenTwoWorkers_whenBothPlaceOrdersWithOneKey_thenTogetherTheyStayWithinTheAccountsBudget() {
        ExchangeRateLimiter first = sharingWorker();
        ExchangeRateLimiter second = sharingWorker();
        String key = newKey();

        for (int order = 0; order < 6; order++) {
            (order % 2 == 0 ? first : second).acquire(Exchange.BINANCE, key, 1);
        }

        for (ExchangeRateLimiter worker : List.of(first, second)) {
            assertThatThrownBy(() -> worker.acquire(Exchange.BINANCE, key, 1))
                    .isInstanceOfSatisfying(ExchangeCallException.class, refused -> {
                        assertThat(refused.failure()).isEqualTo(ExchangeFailure.RATE_LIMITED);
                        assertThat(refused.retryAfter()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(10));
                    });
        }
        first.acquire(Exchange.BINANCE, newKey(), 1);
        second.acquire(Exchange.BINANCE, newKey(), 1);
    }

    /** What the shared budget prevents: with a budget per process, two workers let twice the account's orders through. */
    @Test
    void givenTwoWorkersWithBudgetsOfTheirOwn_whenBothPlaceOrders_thenTwiceTheBudgetGetsThrough() {
        ExchangeRateLimiter first = worker(new LocalKeyBudgets(System::nanoTime));
        ExchangeRateLimiter second = worker(new LocalKeyBudgets(System::nanoTime));
        String key = newKey();

        for (int order = 0; order < 12; order++) {
            (order % 2 == 0 ? first : second).acquire(Exchange.BINANCE, key, 1);
        }
    }

    @Test
    void givenTwoWorkersRacingOnFourThreads_whenEachTriesTenOrders_thenOnlyTheBudgetGetsThrough() throws Exception {
        List<ExchangeRateLimiter> workers = List.of(sharingWorker(), sharingWorker());
        String key = newKey();
        List<Callable<Integer>> threads = new ArrayList<>();
        for (int thread = 0; thread < 4; thread++) {
            ExchangeRateLimiter worker = workers.get(thread % 2);
            threads.add(() -> placed(worker, key, 10));
        }

        long started = System.nanoTime();
        int placed = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (Future<Integer> thread : pool.invokeAll(threads)) {
                placed += thread.get();
            }
        }
        long refilled = Duration.ofNanos(System.nanoTime() - started).toSeconds() / 10;

        assertThat(placed).as("40 tries of a 6-order budget").isBetween(6, 6 + (int) refilled);
    }

    @Test
    void givenTheExchangeStopsOneWorker_whenTheOtherUsesTheSameKey_thenItWaitsToo() {
        ExchangeRateLimiter told = sharingWorker();
        ExchangeRateLimiter other = sharingWorker();
        String key = newKey();
        other.acquire(Exchange.BINANCE, key, 1);

        told.backOff(Exchange.BINANCE, key, Duration.ofSeconds(60));

        assertThatThrownBy(() -> other.acquire(Exchange.BINANCE, key, 1))
                .isInstanceOfSatisfying(
                        ExchangeCallException.class,
                        refused -> assertThat(refused.retryAfter()).isGreaterThan(Duration.ofSeconds(50)));
        other.acquire(Exchange.BINANCE, newKey(), 1);
    }

    /** A worker's limiter whose key budgets are the shared ones, on a connection of its own. */
    private static ExchangeRateLimiter sharingWorker() {
        return worker(new SharedKeyBudgets(schema.connections().dataSource()));
    }

    /** A worker's limiter that never waits: a call over the budget is refused at once, with the wait. */
    private static ExchangeRateLimiter worker(KeyBudgets budgets) {
        return new ExchangeRateLimiter(
                Map.of(Exchange.BINANCE, RateLimit.perMinute(100_000)),
                Map.of(Exchange.BINANCE, ORDERS),
                Duration.ZERO,
                new SimpleMeterRegistry(),
                System::nanoTime,
                budgets);
    }

    private static int placed(ExchangeRateLimiter worker, String key, int tries) {
        int placed = 0;
        for (int attempt = 0; attempt < tries; attempt++) {
            try {
                worker.acquire(Exchange.BINANCE, key, 1);
                placed++;
            } catch (ExchangeCallException refused) {
                assertThat(refused.failure()).isEqualTo(ExchangeFailure.RATE_LIMITED);
            }
        }
        return placed;
    }

    private static String newKey() {
        return "key-" + UUID.randomUUID();
    }
}
