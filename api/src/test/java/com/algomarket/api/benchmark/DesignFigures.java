package com.algomarket.api.benchmark;

import java.util.List;
import java.util.Map;

/**
 * What one design (orders that poll, or orders that wait for the account stream) measured in a run; {@code load} is the
 * machine's load average while it ran (other builds share its cores), at the start and the end.
 */
record DesignFigures(String design, String load, Latency single, List<Latency> fanOuts, Resting resting) {

    /**
     * One signal to {@code n} portfolios (or, for N = 1, the spread over many signals): signal to order at the venue,
     * p50 and p99 and the last; how long until every order was FILLED, and lifecycles per second from that; -1 where
     * not measured.
     */
    record Latency(
            int n,
            int signals,
            long p50,
            long p99,
            long lastAtVenue,
            long allFilledMillis,
            double lifecyclesPerSecond) {}

    /**
     * {@code orders} limit orders resting on {@code connections} accounts: how long until all rested; the venue
     * requests over a window of {@code windowSeconds} once they had, by endpoint, and per order per hour; what the
     * design asks on a schedule longer than the window (safety lookups, stream renewals, reconciliation at the app's
     * default intervals) per order per hour; the
     * worker's memory after a full GC.
     */
    record Resting(
            int orders,
            int connections,
            long allRestingMillis,
            long windowSeconds,
            Map<String, Long> requestsByEndpoint,
            double requestsPerOrderHour,
            double scheduledPerOrderHour,
            WorkerMemory.Figures memory) {

        long requests() {
            return requestsByEndpoint.values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        }
    }
}
