package com.algomarket.activities.exchange.transport;

import java.time.Duration;

/** A published limit: {@code weight} units per {@code period}, counted per IP (the exchange) or per key. */
public record RateLimit(double weight, Duration period) {

    public static RateLimit perSecond(double weight) {
        return new RateLimit(weight, Duration.ofSeconds(1));
    }

    public static RateLimit perMinute(double weight) {
        return new RateLimit(weight, Duration.ofMinutes(1));
    }
}
