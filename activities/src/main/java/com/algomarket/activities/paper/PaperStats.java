package com.algomarket.activities.paper;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the paper venue has been asked, so that tests and benchmarks can count exchange calls ({@code GET
 * /paper/stats}): requests per endpoint ({@code "GET /api/v3/order"}, {@code "WS userDataStream.subscribe.signature"})
 * and key, and the user-data stream subscriptions open now. A key is shown by its first {@value #KEY_PREFIX}
 * characters: enough to tell accounts apart, not to use one.
 */
public final class PaperStats {

    static final int KEY_PREFIX = 8;

    public record RequestCount(String endpoint, String key, long count) {}

    public record Snapshot(List<RequestCount> requests, int streams, int orders) {}

    private record Counted(String endpoint, String key) {}

    private final Map<Counted, LongAdder> requests = new ConcurrentHashMap<>();
    private final AtomicInteger streams = new AtomicInteger();

    void request(String endpoint, String apiKey) {
        requests.computeIfAbsent(new Counted(endpoint, keyPrefix(apiKey)), counted -> new LongAdder())
                .increment();
    }

    void streamOpened() {
        streams.incrementAndGet();
    }

    void streamClosed() {
        streams.decrementAndGet();
    }

    /** The counts so far, by endpoint and key; {@code orders} is how many orders {@code exchange} holds. */
    public Snapshot snapshot(PaperExchange exchange) {
        List<RequestCount> counts = requests.entrySet().stream()
                .map(entry -> new RequestCount(
                        entry.getKey().endpoint(),
                        entry.getKey().key(),
                        entry.getValue().sum()))
                .sorted(Comparator.comparing(RequestCount::endpoint)
                        .thenComparing(count -> String.valueOf(count.key())))
                .toList();
        return new Snapshot(counts, streams.get(), exchange.orderCount());
    }

    static String keyPrefix(String apiKey) {
        return apiKey == null || apiKey.isEmpty() ? null : apiKey.substring(0, Math.min(KEY_PREFIX, apiKey.length()));
    }
}
