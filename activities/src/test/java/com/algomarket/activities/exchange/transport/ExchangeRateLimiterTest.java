package com.algomarket.activities.exchange.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.exchange.ExchangeFailure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ExchangeRateLimiterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    // 10 weight per second per exchange, 3 calls per second per key; never wait: refuse at once.
    private final ExchangeRateLimiter limiter = new ExchangeRateLimiter(
            Map.of(Exchange.BINANCE, RateLimit.perSecond(10), Exchange.KRAKEN, RateLimit.perSecond(10)),
            Map.of(Exchange.BINANCE, RateLimit.perSecond(3)),
            Duration.ZERO,
            meters,
            nanos::get);

    @Test
    void givenKeyLimit_whenExceeded_thenRefusedWithTheWaitAndOtherKeysUnaffected() {
        limiter.acquire(Exchange.BINANCE, "key-a", 1);
        limiter.acquire(Exchange.BINANCE, "key-a", 1);
        limiter.acquire(Exchange.BINANCE, "key-a", 1);

        assertThatThrownBy(() -> limiter.acquire(Exchange.BINANCE, "key-a", 1))
                .isInstanceOfSatisfying(ExchangeCallException.class, e -> {
                    assertThat(e.failure()).isEqualTo(ExchangeFailure.RATE_LIMITED);
                    assertThat(e.retryAfter()).isBetween(Duration.ofMillis(300), Duration.ofMillis(340));
                });
        limiter.acquire(Exchange.BINANCE, "key-b", 1);

        nanos.addAndGet(Duration.ofMillis(334).toNanos());
        limiter.acquire(Exchange.BINANCE, "key-a", 1);
    }

    @Test
    void givenExchangeWeightLimit_whenExceededAcrossKeys_thenRefusedAndGaugeShowsIt() {
        limiter.acquire(Exchange.BINANCE, "key-a", 5);
        limiter.acquire(Exchange.BINANCE, "key-b", 5);

        assertThatThrownBy(() -> limiter.acquire(Exchange.BINANCE, "key-c", 1))
                .isInstanceOf(ExchangeCallException.class);
        assertThat(meters.get("algomarket.exchange.ratelimit.available")
                        .tag("exchange", "BINANCE")
                        .gauge()
                        .value())
                .isLessThan(1);
        assertThat(meters.get("algomarket.exchange.ratelimit.refused")
                        .tag("exchange", "BINANCE")
                        .counter()
                        .count())
                .isEqualTo(1);
        limiter.acquire(Exchange.KRAKEN, "key-a", 10);
    }

    @Test
    void givenBan_whenCalling_thenEveryCallRefusedUntilItEnds() {
        limiter.backOff(Exchange.BINANCE, null, Duration.ofSeconds(120));

        assertThatThrownBy(() -> limiter.acquire(Exchange.BINANCE, "key-a", 1))
                .isInstanceOfSatisfying(
                        ExchangeCallException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120)));
        assertThat(meters.get("algomarket.exchange.ratelimit.banned")
                        .tag("exchange", "BINANCE")
                        .gauge()
                        .value())
                .isEqualTo(1);

        nanos.addAndGet(Duration.ofSeconds(120).toNanos());
        limiter.acquire(Exchange.BINANCE, "key-a", 1);
        assertThat(meters.get("algomarket.exchange.ratelimit.banned")
                        .tag("exchange", "BINANCE")
                        .gauge()
                        .value())
                .isZero();
    }

    @Test
    void givenKeyBackOff_whenCalling_thenOnlyThatKeyWaits() {
        limiter.backOff(Exchange.BINANCE, "key-a", Duration.ofSeconds(5));

        assertThatThrownBy(() -> limiter.acquire(Exchange.BINANCE, "key-a", 1))
                .isInstanceOf(ExchangeCallException.class);
        limiter.acquire(Exchange.BINANCE, "key-b", 1);
    }

    @Test
    void givenShortWait_whenAllowedToWait_thenWaitsInsteadOfFailing() {
        ExchangeRateLimiter patient = new ExchangeRateLimiter(
                Map.of(Exchange.BITVAVO, RateLimit.perSecond(20)), Map.of(), Duration.ofSeconds(1), meters);
        for (int i = 0; i < 20; i++) {
            patient.acquire(Exchange.BITVAVO, "k", 1);
        }
        long start = System.nanoTime();
        patient.acquire(Exchange.BITVAVO, "k", 1);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(40));
        assertThat(meters.get("algomarket.exchange.ratelimit.throttled")
                        .tag("exchange", "BITVAVO")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    /** A key budget that cannot be read (the database is down) refuses the call: it could be the one over the limit. */
    @Test
    void givenKeyBudgetsUnreadable_whenCalling_thenNotMadeAndTheExchangeWeightGivenBack() {
        KeyBudgets unreadable = new KeyBudgets() {
            @Override
            public Duration tryTake(String scope, RateLimit limit) {
                throw new IllegalStateException("connection refused");
            }

            @Override
            public void exhaustFor(String scope, RateLimit limit, Duration retryAfter) {
                throw new IllegalStateException("connection refused");
            }
        };
        ExchangeRateLimiter failing = new ExchangeRateLimiter(
                Map.of(Exchange.BINANCE, RateLimit.perSecond(10)),
                Map.of(Exchange.BINANCE, RateLimit.perSecond(3)),
                Duration.ZERO,
                meters,
                nanos::get,
                unreadable);

        assertThatThrownBy(() -> failing.acquire(Exchange.BINANCE, "key-a", 4))
                .isInstanceOfSatisfying(
                        ExchangeCallException.class,
                        e -> assertThat(e.failure()).isEqualTo(ExchangeFailure.UNAVAILABLE));
        failing.backOff(Exchange.BINANCE, "key-a", Duration.ofSeconds(1));
        failing.acquire(Exchange.BINANCE, null, 10);
    }
}
