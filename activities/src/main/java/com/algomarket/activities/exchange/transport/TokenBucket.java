package com.algomarket.activities.exchange.transport;

import java.time.Duration;
import java.util.function.LongSupplier;

/** A token bucket: holds up to {@code capacity} tokens and refills at a steady rate. Thread-safe. */
final class TokenBucket {

    private final double capacity;
    private final double tokensPerNano;
    private final LongSupplier nanoClock;
    private double tokens;
    private long lastRefill;

    TokenBucket(double capacity, Duration refillPeriod, LongSupplier nanoClock) {
        this.capacity = capacity;
        this.tokensPerNano = capacity / refillPeriod.toNanos();
        this.nanoClock = nanoClock;
        this.tokens = capacity;
        this.lastRefill = nanoClock.getAsLong();
    }

    /** Takes {@code permits} if there are enough and answers zero; otherwise takes nothing and answers the wait. */
    synchronized Duration tryTake(double permits) {
        refill();
        if (tokens >= permits) {
            tokens -= permits;
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil((permits - tokens) / tokensPerNano));
    }

    /** Gives back permits taken for a call that was not made. */
    synchronized void giveBack(double permits) {
        tokens = Math.min(capacity, tokens + permits);
    }

    /** Empties the bucket: the exchange said we are over its limit, whatever we counted. */
    synchronized void drain() {
        refill();
        tokens = 0;
    }

    synchronized double available() {
        refill();
        return tokens;
    }

    double capacity() {
        return capacity;
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(capacity, tokens + (now - lastRefill) * tokensPerNano);
        lastRefill = now;
    }
}
