package com.algomarket.activities.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.algomarket.db.connections.Connection;
import com.algomarket.db.streams.StoredAccountReads;
import com.algomarket.db.streams.StoredAccountReads.Source;
import com.algomarket.db.streams.StoredAccountReads.StoredBalances;
import com.algomarket.db.streams.StoredReadFreshness;
import com.algomarket.db.support.ActiveConnections;
import com.algomarket.workflows.exchange.Exchange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Whether reconciliation may wait its streamed interval: only while the database shows a WebSocket stream connected. */
class ConnectedStreamsTest {

    private static final Instant NOW = Instant.parse("2026-11-30T14:00:00Z");

    private final StoredAccountReads storedReads = mock(StoredAccountReads.class);
    private final Connection paper = ActiveConnections.paper(UUID.randomUUID(), UUID.randomUUID(), "paper");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void givenTheStreamConfirmedItsBalancesJustNow_whenAsked_thenConnected() {
        stored(Source.STREAM, Duration.ofSeconds(5));

        assertThat(streams(Set.of(Exchange.KRAKEN)).connectedNow(paper)).isTrue();
    }

    @Test
    void givenTheStreamStoppedConfirming_whenAsked_thenNotConnected() {
        stored(Source.STREAM, StoredReadFreshness.STREAM_TOLERANCE.plusSeconds(1));

        assertThat(streams(Set.of()).connectedNow(paper)).isFalse();
    }

    @Test
    void givenBalancesTheApiRead_whenAsked_thenNotConnected() {
        stored(Source.READ, Duration.ZERO);

        assertThat(streams(Set.of()).connectedNow(paper)).isFalse();
    }

    @Test
    void givenNothingStored_whenAsked_thenNotConnected() {
        when(storedReads.balances(paper.id())).thenReturn(Optional.empty());

        assertThat(streams(Set.of()).connectedNow(paper)).isFalse();
    }

    @Test
    void givenAPolledExchangeWhoseReadsVouchForItsBalances_whenAsked_thenNotConnected() {
        stored(Source.STREAM, Duration.ZERO);

        assertThat(streams(Set.of(Exchange.PAPER)).connectedNow(paper)).isFalse();
    }

    private ConnectedStreams streams(Set<Exchange> polled) {
        return new ConnectedStreams(storedReads, polled, clock);
    }

    private void stored(Source source, Duration age) {
        when(storedReads.balances(paper.id()))
                .thenReturn(Optional.of(new StoredBalances(
                        List.of(), source, OffsetDateTime.ofInstant(NOW.minus(age), ZoneOffset.UTC))));
    }
}
