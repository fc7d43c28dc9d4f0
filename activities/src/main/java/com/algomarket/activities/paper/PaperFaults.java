package com.algomarket.activities.paper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Faults injected into the paper venue's API, per endpoint ({@code "POST /api/v3/order"}, or {@code "*"} for all):
 * <ul>
 *   <li>LATENCY: the answer comes {@code delay} late;</li>
 *   <li>HTTP_429: refused as over the rate limit, with Retry-After;</li>
 *   <li>HTTP_5XX: an internal error; for an order it is not executed;</li>
 *   <li>TIMEOUT: the request is not executed and no answer comes before {@code delay};</li>
 *   <li>LOST_RESPONSE: the request IS executed, and the answer never arrives (the connection drops).</li>
 * </ul>
 * On the user-data stream ({@value #STREAM}: faults there strike events, and only faults that name it): LATENCY
 * delays an event (and those behind it), LOST_RESPONSE drops the connection and the event with it, DUPLICATE sends an
 * event twice.
 * Each fault strikes with probability {@code rate}, at most {@code count} times when given.
 */
public final class PaperFaults {

    public enum Kind {
        LATENCY,
        HTTP_429,
        HTTP_5XX,
        TIMEOUT,
        LOST_RESPONSE,
        /** The user-data stream sends the event twice; only on {@value PaperFaults#STREAM}. */
        DUPLICATE
    }

    /** The endpoint that names the user-data stream's events in a fault. */
    public static final String STREAM = "WS /ws-api/v3";

    public record Fault(String endpoint, Kind kind, double rate, Duration delay, Integer count) {

        public Fault {
            if (endpoint == null || endpoint.isBlank()) {
                throw new IllegalArgumentException("endpoint is required, e.g. \"POST /api/v3/order\" or \"*\"");
            }
            if (kind == null) {
                throw new IllegalArgumentException("kind is required");
            }
            if (!(rate > 0 && rate <= 1)) {
                throw new IllegalArgumentException("rate must be in (0, 1]");
            }
            if (count != null && count < 1) {
                throw new IllegalArgumentException("count must be at least 1");
            }
            endpoint = endpoint.strip().toUpperCase(Locale.ROOT).equals("*") ? "*" : normalise(endpoint);
            if (kind == Kind.DUPLICATE && !endpoint.equals(STREAM)) {
                throw new IllegalArgumentException("DUPLICATE strikes the user-data stream only: endpoint " + STREAM);
            }
            delay = delay != null
                    ? delay
                    : switch (kind) {
                        case LATENCY -> Duration.ofMillis(500);
                        case TIMEOUT -> Duration.ofSeconds(30);
                        default -> Duration.ZERO;
                    };
        }

        private static String normalise(String endpoint) {
            String[] parts = endpoint.strip().split("\\s+", 2);
            if (parts.length != 2 || !parts[1].startsWith("/")) {
                throw new IllegalArgumentException("endpoint must look like \"POST /api/v3/order\"");
            }
            return parts[0].toUpperCase(Locale.ROOT) + " " + parts[1];
        }

        boolean matches(String method, String path) {
            return endpoint.equals("*") || endpoint.equals(method + " " + path);
        }
    }

    private final Random random;
    private final List<Fault> faults = new ArrayList<>();
    private final List<Integer> remaining = new ArrayList<>();
    private final Map<Kind, Integer> injected = new EnumMap<>(Kind.class);

    public PaperFaults(long seed) {
        this.random = new Random(seed);
    }

    public synchronized void add(Fault fault) {
        faults.add(fault);
        remaining.add(fault.count());
    }

    public synchronized void clear() {
        faults.clear();
        remaining.clear();
    }

    /** How many of each kind struck so far. */
    public synchronized Map<Kind, Integer> injected() {
        return new EnumMap<>(injected);
    }

    public synchronized List<Fault> list() {
        return List.copyOf(faults);
    }

    /** The fault that strikes this request, if any; the first matching fault that fires wins. */
    public synchronized Optional<Fault> draw(String method, String path) {
        return draw(method, path, true);
    }

    /**
     * The fault that strikes this event of the user-data stream, if any: only faults that name {@link #STREAM}, so
     * that a {@code "*"} fault meant for the REST API neither strikes the stream nor is used up by it.
     */
    public synchronized Optional<Fault> drawOnStream() {
        String[] parts = STREAM.split(" ", 2);
        return draw(parts[0], parts[1], false);
    }

    private Optional<Fault> draw(String method, String path, boolean wildcard) {
        for (int i = 0; i < faults.size(); i++) {
            Fault fault = faults.get(i);
            Integer left = remaining.get(i);
            boolean applies =
                    wildcard ? fault.matches(method, path) : fault.endpoint().equals(method + " " + path);
            if (!applies || (left != null && left == 0)) {
                continue;
            }
            if (random.nextDouble() < fault.rate()) {
                if (left != null) {
                    remaining.set(i, left - 1);
                }
                injected.merge(fault.kind(), 1, Integer::sum);
                return Optional.of(fault);
            }
        }
        return Optional.empty();
    }
}
