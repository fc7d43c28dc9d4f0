package com.algomarket.activities.exchange.transport;

import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.exchange.ExchangeFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import lombok.extern.slf4j.Slf4j;

/**
 * Keeps our calls under each exchange's published limits: one bucket per exchange for the limits exchanges count per
 * IP, kept by this process for every worker thread in it (each process has its own address), and one budget per key
 * for the limits they count per account, which {@link KeyBudgets} keeps (shared by all processes in the application).
 * When the exchange still answers 429 or bans us (Binance 418), {@link #backOff} stops every call to that exchange
 * (or with that key) until the time it names.
 *
 * <p>A call that would wait longer than {@code maxWait} is not made: it fails as RATE_LIMITED with the wait as
 * Retry-After, and Temporal retries it then, without holding a worker thread meanwhile.
 */
@Slf4j
public class ExchangeRateLimiter {

    private final Map<Exchange, TokenBucket> exchangeBuckets = new EnumMap<>(Exchange.class);
    private final Map<Exchange, RateLimit> keyLimits;
    private final KeyBudgets keyBudgets;
    private final Map<String, Long> bannedUntilNanos = new ConcurrentHashMap<>();
    private final Duration maxWait;
    private final LongSupplier nanoClock;
    private final Map<Exchange, Counter> throttled = new EnumMap<>(Exchange.class);
    private final Map<Exchange, Counter> refused = new EnumMap<>(Exchange.class);

    public ExchangeRateLimiter(
            Map<Exchange, RateLimit> exchangeLimits,
            Map<Exchange, RateLimit> keyLimits,
            Duration maxWait,
            MeterRegistry meters,
            LongSupplier nanoClock,
            KeyBudgets keyBudgets) {
        this.keyLimits = Map.copyOf(keyLimits);
        this.keyBudgets = keyBudgets;
        this.maxWait = maxWait;
        this.nanoClock = nanoClock;
        exchangeLimits.forEach((exchange, limit) -> {
            TokenBucket bucket = new TokenBucket(limit.weight(), limit.period(), nanoClock);
            exchangeBuckets.put(exchange, bucket);
            String name = exchange.name();
            Gauge.builder("algomarket.exchange.ratelimit.available", bucket, TokenBucket::available)
                    .description("Request weight still available in the current window, per exchange")
                    .tag("exchange", name)
                    .register(meters);
            Gauge.builder("algomarket.exchange.ratelimit.capacity", bucket, TokenBucket::capacity)
                    .tag("exchange", name)
                    .register(meters);
            Gauge.builder("algomarket.exchange.ratelimit.banned", this, limiter -> limiter.isBanned(exchange) ? 1 : 0)
                    .description("1 while the exchange has told us to stop calling it")
                    .tag("exchange", name)
                    .register(meters);
            throttled.put(
                    exchange,
                    Counter.builder("algomarket.exchange.ratelimit.throttled")
                            .description("Calls that waited for the limiter")
                            .tag("exchange", name)
                            .register(meters));
            refused.put(
                    exchange,
                    Counter.builder("algomarket.exchange.ratelimit.refused")
                            .description("Calls not made because the wait was too long or a ban was on")
                            .tag("exchange", name)
                            .register(meters));
        });
    }

    /** A limiter whose key budgets are this process's own: for one process alone, and for tests. */
    public ExchangeRateLimiter(
            Map<Exchange, RateLimit> exchangeLimits,
            Map<Exchange, RateLimit> keyLimits,
            Duration maxWait,
            MeterRegistry meters,
            LongSupplier nanoClock) {
        this(exchangeLimits, keyLimits, maxWait, meters, nanoClock, new LocalKeyBudgets(nanoClock));
    }

    public ExchangeRateLimiter(
            Map<Exchange, RateLimit> exchangeLimits,
            Map<Exchange, RateLimit> keyLimits,
            Duration maxWait,
            MeterRegistry meters) {
        this(exchangeLimits, keyLimits, maxWait, meters, System::nanoTime);
    }

    /**
     * Waits until a call of this weight fits under the limits, or throws RATE_LIMITED. {@code keyId} identifies the
     * key without revealing it (a hash); null for a call the exchange does not count per key.
     */
    public void acquire(Exchange exchange, String keyId, double weight) {
        rejectWhileBanned(exchange, exchange.name());
        if (keyId != null) {
            rejectWhileBanned(exchange, keyScope(exchange, keyId));
        }
        TokenBucket exchangeBucket = exchangeBuckets.get(exchange);
        RateLimit keyLimit = keyId == null ? null : keyLimits.get(exchange);
        String keyScope = keyId == null ? null : keyScope(exchange, keyId);
        long deadline = nanoClock.getAsLong() + maxWait.toNanos();
        boolean waited = false;
        while (true) {
            Duration wait = take(exchangeBucket, weight, keyScope, keyLimit);
            if (wait.isZero()) {
                if (waited) {
                    throttled.get(exchange).increment();
                }
                return;
            }
            if (nanoClock.getAsLong() + wait.toNanos() > deadline) {
                refused.get(exchange).increment();
                throw new ExchangeCallException(
                        ExchangeFailure.RATE_LIMITED,
                        exchange + ": local rate limit reached; call not made",
                        null,
                        wait,
                        null);
            }
            waited = true;
            sleep(wait);
        }
    }

    /**
     * The exchange answered 429 or banned us: no call to it (or, with {@code keyId}, with that key) until
     * {@code retryAfter} has passed.
     */
    public void backOff(Exchange exchange, String keyId, Duration retryAfter) {
        String scope = keyId == null ? exchange.name() : keyScope(exchange, keyId);
        long until = nanoClock.getAsLong() + retryAfter.toNanos();
        bannedUntilNanos.merge(scope, until, Math::max);
        RateLimit keyLimit = keyLimits.get(exchange);
        if (keyId == null) {
            TokenBucket bucket = exchangeBuckets.get(exchange);
            if (bucket != null) {
                bucket.drain();
            }
        } else if (keyLimit != null) {
            try {
                keyBudgets.exhaustFor(scope, keyLimit, retryAfter);
            } catch (RuntimeException e) {
                // This process waits anyway (the ban above); the others learn it from the exchange's own answer.
                log.warn(
                        "Could not spend the budget of a {} key after the exchange stopped us: {}",
                        exchange,
                        e.toString());
            }
        }
    }

    boolean isBanned(Exchange exchange) {
        Long until = bannedUntilNanos.get(exchange.name());
        return until != null && until > nanoClock.getAsLong();
    }

    private Duration take(TokenBucket exchangeBucket, double weight, String keyScope, RateLimit keyLimit) {
        Duration exchangeWait = exchangeBucket == null ? Duration.ZERO : exchangeBucket.tryTake(weight);
        if (!exchangeWait.isZero() || keyLimit == null) {
            return exchangeWait;
        }
        Duration keyWait;
        try {
            keyWait = keyBudgets.tryTake(keyScope, keyLimit);
        } catch (RuntimeException e) {
            giveBack(exchangeBucket, weight);
            // Fail closed: a call we cannot count could be the one over the account's limit. Retried by Temporal.
            throw new ExchangeCallException(
                    ExchangeFailure.UNAVAILABLE,
                    "the key's rate budget could not be read; call not made",
                    null,
                    null,
                    e);
        }
        if (!keyWait.isZero()) {
            giveBack(exchangeBucket, weight);
        }
        return keyWait;
    }

    private static void giveBack(TokenBucket exchangeBucket, double weight) {
        if (exchangeBucket != null) {
            exchangeBucket.giveBack(weight);
        }
    }

    private void rejectWhileBanned(Exchange exchange, String scope) {
        Long until = bannedUntilNanos.get(scope);
        if (until == null) {
            return;
        }
        long remaining = until - nanoClock.getAsLong();
        if (remaining <= 0) {
            bannedUntilNanos.remove(scope, until);
            return;
        }
        refused.get(exchange).increment();
        throw new ExchangeCallException(
                ExchangeFailure.RATE_LIMITED,
                exchange + " told us to stop calling; call not made",
                null,
                Duration.ofNanos(remaining),
                null);
    }

    private static String keyScope(Exchange exchange, String keyId) {
        return exchange.name() + "/" + keyId;
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExchangeCallException(ExchangeFailure.UNAVAILABLE, "interrupted while rate limited");
        }
    }
}
