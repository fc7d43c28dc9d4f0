package com.algomarket.activities.exchange.transport;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;

/** The key budgets of one process, in memory: right only while one process sends all of an account's calls. */
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
final class LocalKeyBudgets implements KeyBudgets {

    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    @Override
    public Duration tryTake(String scope, RateLimit limit) {
        return bucket(scope, limit).tryTake(1);
    }

    /** Empties the bucket; the limiter's own ban keeps the key waiting until {@code retryAfter} has passed. */
    @Override
    public void exhaustFor(String scope, RateLimit limit, Duration retryAfter) {
        bucket(scope, limit).drain();
    }

    private TokenBucket bucket(String scope, RateLimit limit) {
        return buckets.computeIfAbsent(scope, unused -> new TokenBucket(limit.weight(), limit.period(), nanoClock));
    }
}
