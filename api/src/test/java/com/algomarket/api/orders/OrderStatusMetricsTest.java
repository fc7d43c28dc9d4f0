package com.algomarket.api.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.algomarket.db.orders.OrderQueries;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.support.SettableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/** Orders by status are counted once per refresh interval, however often they are read, and NaN while unknown. */
class OrderStatusMetricsTest {

    private final OrderQueries queries = mock(OrderQueries.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void givenManyScrapesWithinTheInterval_whenRead_thenOneQueryAndEveryStatusHasAGauge() {
        when(queries.countByStatus()).thenReturn(Map.of(OrderStatus.FILLED, 3, OrderStatus.PENDING, 1));
        new OrderStatusMetrics(queries, meters, clock, Duration.ofSeconds(15));

        for (int scrape = 0; scrape < 5; scrape++) {
            assertThat(gauge(OrderStatus.FILLED)).isEqualTo(3);
            assertThat(gauge(OrderStatus.PENDING)).isEqualTo(1);
            assertThat(gauge(OrderStatus.NEW)).isZero();
            clock.advance(Duration.ofSeconds(2));
        }

        verify(queries, times(1)).countByStatus();
        assertThat(meters.find(OrderStatusMetrics.NAME).gauges()).hasSize(OrderStatus.values().length);
    }

    @Test
    void givenTheIntervalPassed_whenRead_thenCountedAgain() {
        when(queries.countByStatus()).thenReturn(Map.of(OrderStatus.FILLED, 3), Map.of(OrderStatus.FILLED, 4));
        new OrderStatusMetrics(queries, meters, clock, Duration.ofSeconds(15));
        assertThat(gauge(OrderStatus.FILLED)).isEqualTo(3);

        clock.advance(Duration.ofSeconds(15));

        assertThat(gauge(OrderStatus.FILLED)).isEqualTo(4);
        verify(queries, times(2)).countByStatus();
    }

    @Test
    void givenTheDatabaseDown_whenRead_thenUnknownNotStale() {
        when(queries.countByStatus())
                .thenReturn(Map.of(OrderStatus.FILLED, 3))
                .thenThrow(new DataAccessResourceFailureException("connection refused"));
        new OrderStatusMetrics(queries, meters, clock, Duration.ofSeconds(15));
        assertThat(gauge(OrderStatus.FILLED)).isEqualTo(3);

        clock.advance(Duration.ofSeconds(15));

        assertThat(gauge(OrderStatus.FILLED)).isNaN();
        assertThat(gauge(OrderStatus.NEW)).isNaN();
        verify(queries, times(2)).countByStatus();
    }

    private double gauge(OrderStatus status) {
        return meters.get(OrderStatusMetrics.NAME)
                .tag("status", status.name())
                .gauge()
                .value();
    }
}
