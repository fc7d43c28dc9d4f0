package com.algomarket.api.developers;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per API key: {@code perMinute} signals, refilled evenly over the minute, so that a runaway strategy
 * cannot flood its subscribers' exchanges. Buckets live in this API node's memory: behind a load balancer each node
 * allows the rate (a key's limit is a brake on mistakes, not a quota that must hold across nodes).
 */
final class ApiKeyRateLimits {

    private final int perMinute;
    private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();

    ApiKeyRateLimits(int perMinute) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("an API key's rate limit must allow at least one request a minute");
        }
        this.perMinute = perMinute;
    }

    /** Takes one request from the key's bucket: empty when it may go ahead, else how long to wait. */
    Optional<Duration> tryTake(UUID keyId) {
        ConsumptionProbe probe =
                buckets.computeIfAbsent(keyId, id -> newBucket()).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .build();
    }

    /** Whole seconds for a Retry-After header, at least 1 (0 would invite an immediate retry that fails again). */
    static long retryAfterSeconds(Duration wait) {
        long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
