package com.algomarket.activities.streams;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The state of the account streams this worker follows, per connection: whether it is connected, how long ago its
 * last event arrived, and how often it reconnected. The only tag is the connection id (a random UUID that names no
 * user and opens nothing; workflow ids such as {@code stream-<connectionId>} carry it in clear already), so there are
 * as many series as streams this worker holds.
 *
 * <p>The meters live as long as the stream's activity on this worker: when it ends (its period is over, it was
 * stopped, or another worker took the connection over) they are removed, so that a worker never reports a stream it no
 * longer holds. The next period registers them again: the reconnect counter then starts from zero, which Prometheus's
 * {@code increase()} and {@code rate()} read as a counter reset.
 */
@Component
public class AccountStreamMetrics {

    static final String CONNECTED = "algomarket.stream.connected";
    static final String LAG = "algomarket.stream.lag";
    static final String RECONNECTS = "algomarket.stream.reconnects";

    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<UUID, Tracked> tracked = new ConcurrentHashMap<>();

    public AccountStreamMetrics(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * Reports the stream whose status {@code status} reads until the answer is closed. A second call for the same
     * connection (the same worker took the connection up again before the first one ended) replaces the first.
     */
    public Tracked track(UUID connectionId, Supplier<AccountStream.Status> status) {
        Tracked next = new Tracked(connectionId, status, clock.instant());
        Tracked previous = tracked.put(connectionId, next);
        if (previous != null) {
            previous.removeMeters();
        }
        next.register();
        return next;
    }

    /** One stream's meters; closing it removes them unless a later {@link #track} replaced them already. */
    public final class Tracked implements AutoCloseable {

        private final UUID connectionId;
        private final Supplier<AccountStream.Status> status;
        private final Instant since;
        private List<Meter> registered = List.of();

        private Tracked(UUID connectionId, Supplier<AccountStream.Status> status, Instant since) {
            this.connectionId = connectionId;
            this.status = status;
            this.since = since;
        }

        private synchronized void register() {
            Tags tags = Tags.of("connection", connectionId.toString());
            registered = List.of(
                    Gauge.builder(
                                    CONNECTED,
                                    this,
                                    tracked -> tracked.status.get().connected() ? 1 : 0)
                            .description("1 while the connection's account stream is subscribed, else 0")
                            .tags(tags)
                            .strongReference(true)
                            .register(meters),
                    Gauge.builder(LAG, this, Tracked::secondsSinceLastEvent)
                            .description("Seconds since the stream's last event (or, before the first one, since it"
                                    + " started on this worker)")
                            .baseUnit("seconds")
                            .tags(tags)
                            .strongReference(true)
                            .register(meters),
                    FunctionCounter.builder(
                                    RECONNECTS,
                                    this,
                                    tracked -> tracked.status.get().reconnects())
                            .description("Reconnects of the stream since it started on this worker")
                            .tags(tags)
                            .register(meters));
        }

        private double secondsSinceLastEvent() {
            Instant last = status.get().lastEventAt();
            return Duration.between(last != null ? last : since, clock.instant())
                            .toMillis()
                    / 1000.0;
        }

        private synchronized void removeMeters() {
            registered.forEach(meters::remove);
            registered = List.of();
        }

        @Override
        public void close() {
            // Only the current one removes the connection's meters; a replaced one's are gone already.
            if (tracked.remove(connectionId, this)) {
                removeMeters();
            }
        }
    }
}
