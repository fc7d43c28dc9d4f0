package com.algomarket.activities.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.algomarket.workflows.exchange.Exchange;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Orders wait for the stream only where streams are on and one exists for their exchange; else they poll (zero). */
class StreamedOrdersTest {

    private final AccountStreams streams = mock(AccountStreams.class);

    @Test
    void givenStreamsOnAndOneForTheExchange_whenPlanned_thenTheOrderWaitsWithTheSafetyInterval() {
        when(streams.supports(Exchange.PAPER)).thenReturn(true);

        assertThat(new StreamedOrders(true, Duration.ofHours(1), streams).safetyLookupSeconds(Exchange.PAPER))
                .isEqualTo(3600);
    }

    @Test
    void givenStreamsOff_whenPlanned_thenTheOrderPolls() {
        when(streams.supports(Exchange.PAPER)).thenReturn(true);

        assertThat(new StreamedOrders(false, Duration.ofHours(1), streams).safetyLookupSeconds(Exchange.PAPER))
                .isZero();
    }

    @Test
    void givenNoStreamForTheExchange_whenPlanned_thenTheOrderPolls() {
        when(streams.supports(Exchange.KRAKEN)).thenReturn(false);

        assertThat(new StreamedOrders(true, Duration.ofHours(1), streams).safetyLookupSeconds(Exchange.KRAKEN))
                .isZero();
    }

    @Test
    void givenASafetyIntervalUnderASecond_whenConfigured_thenRefused() {
        assertThatThrownBy(() -> new StreamedOrders(true, Duration.ofMillis(500), streams))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
