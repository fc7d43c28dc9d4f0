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
 * characters: enough to tell accounts apart, not to use one. Besides, for tests only (not part of the stats' answer),
 * the subscriptions of each account: how many are open now and the most that were ever open at once, which shows
 * whether two workers ever followed the same account together.
 */
public final class PaperStats {

    static final int KEY_PREFIX = 8;

    public record RequestCount(String endpoint, String key, long count) {}

    public record Snapshot(List<RequestCount> requests, int streams, int orders) {}

    /** An account's user-data stream subscriptions: open now, and the most open at any one moment so far. */
    public record AccountStreams(int open, int peak) {}

    private record Counted(String endpoint, String key) {}

    private final Map<Counted, LongAdder> requests = new ConcurrentHashMap<>();
    private final AtomicInteger streams = new AtomicInteger();
    private final Map<String, AccountStreams> byAccount = new ConcurrentHashMap<>();

    void request(String endpoint, String apiKey) {
        requests.computeIfAbsent(new Counted(endpoint, keyPrefix(apiKey)), counted -> new LongAdder())
                .increment();
    }

    void streamOpened(String account) {
        streams.incrementAndGet();
        byAccount.merge(
                account,
                new AccountStreams(1, 1),
                (was, one) -> new AccountStreams(was.open() + 1, Math.max(was.peak(), was.open() + 1)));
    }

    void streamClosed(String account) {
        streams.decrementAndGet();
        byAccount.computeIfPresent(account, (name, was) -> new AccountStreams(was.open() - 1, was.peak()));
    }

    /** The user-data stream subscriptions of the account whose key this is ({@link PaperExchange.ApiKey#account()}). */
    public AccountStreams streamsOf(String account) {
        return byAccount.getOrDefault(account, new AccountStreams(0, 0));
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
