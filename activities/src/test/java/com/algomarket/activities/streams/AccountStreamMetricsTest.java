package com.algomarket.activities.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.workflows.support.SettableClock;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A followed stream reports connected, lag and reconnects under its connection id for as long as its activity holds
 * it on this worker, and nothing after.
 */
class AccountStreamMetricsTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final UUID connectionId = UUID.randomUUID();
    private final AtomicReference<BinanceAccountStream.Status> status =
            new AtomicReference<>(new BinanceAccountStream.Status(false, 0, 0, null));
    private final SettableClock clock = new SettableClock(START);
    private final AccountStreamMetrics metrics = new AccountStreamMetrics(meters, clock);

    @Test
    void givenAFollowedStream_whenItConnectsReceivesAndReconnects_thenTheMetersFollowItsStatus() {
        try (AccountStreamMetrics.Tracked tracked = metrics.track(connectionId, status::get)) {
            clock.advance(Duration.ofSeconds(3));
            assertThat(value(AccountStreamMetrics.CONNECTED)).isZero();
            assertThat(value(AccountStreamMetrics.LAG))
                    .as("no event yet: since it started")
                    .isEqualTo(3.0);

            status.set(new BinanceAccountStream.Status(true, 1, 0, START.plusSeconds(4)));
            clock.advance(Duration.ofSeconds(7));
            assertThat(value(AccountStreamMetrics.CONNECTED)).isEqualTo(1);
            assertThat(value(AccountStreamMetrics.LAG)).isEqualTo(6.0);

            status.set(new BinanceAccountStream.Status(true, 3, 2, START.plusSeconds(9)));
            assertThat(meters.get(AccountStreamMetrics.RECONNECTS)
                            .tag("connection", connectionId.toString())
                            .functionCounter()
                            .count())
                    .isEqualTo(2);
            assertThat(value(AccountStreamMetrics.LAG)).isEqualTo(1.0);
        }

        assertThat(connectionMeters().meters())
                .as("removed when the activity ends")
                .isEmpty();
    }

    @Test
    void givenTheSameConnectionTakenUpAgain_whenTheOlderActivityEnds_thenTheNewerOnesMetersStay() {
        AccountStreamMetrics.Tracked older = metrics.track(connectionId, status::get);
        AtomicReference<BinanceAccountStream.Status> newer =
                new AtomicReference<>(new BinanceAccountStream.Status(true, 1, 0, null));
        AccountStreamMetrics.Tracked newerTracked = metrics.track(connectionId, newer::get);

        older.close();

        assertThat(value(AccountStreamMetrics.CONNECTED)).isEqualTo(1);
        assertThat(connectionMeters().meters()).hasSize(3);
        newerTracked.close();
        assertThat(connectionMeters().meters()).isEmpty();
    }

    private double value(String name) {
        return meters.get(name)
                .tag("connection", connectionId.toString())
                .gauge()
                .value();
    }

    private Search connectionMeters() {
        return Search.in(meters).tag("connection", connectionId.toString());
    }
}
