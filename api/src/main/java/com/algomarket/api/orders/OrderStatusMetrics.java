package com.algomarket.api.orders;

import com.algomarket.db.orders.OrderQueries;
import com.algomarket.workflows.orders.OrderStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import lombok.extern.slf4j.Slf4j;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Orders by status, all portfolios together, as one gauge per status ({@code algomarket.orders{status=...}}). The
 * counts come from one grouped query that is repeated at most once per {@code algomarket.metrics.orders-refresh}
 * (15 s), however many scrapes (or Prometheus servers, or gauges of one scrape) ask meanwhile. While the database cannot
 * be read the gauges say NaN (unknown), not a stale count.
 */
@Component
@Slf4j
class OrderStatusMetrics {

    static final String NAME = "algomarket.orders";

    private final OrderQueries queries;
    private final Clock clock;
    private final Duration refresh;
    private Map<OrderStatus, Integer> counts;
    private Instant countedAt = Instant.MIN;

    OrderStatusMetrics(
            OrderQueries queries,
            MeterRegistry meters,
            Clock clock,
            @Value("${algomarket.metrics.orders-refresh:PT15S}") Duration refresh) {
        this.queries = queries;
        this.clock = clock;
        this.refresh = refresh;
        for (OrderStatus status : OrderStatus.values()) {
            Gauge.builder(NAME, this, metrics -> metrics.count(status))
                    .description("Orders of this status in the database, counted at most every " + refresh)
                    .tag("status", status.name())
                    .register(meters);
        }
    }

    private synchronized double count(OrderStatus status) {
        Instant now = clock.instant();
        if (!now.isBefore(countedAt.plus(refresh))) {
            countedAt = now;
            try {
                counts = queries.countByStatus();
            } catch (DataAccessException e) {
                log.debug("Orders by status not counted: {}", e.getMessage());
                counts = null;
            }
        }
        return counts == null ? Double.NaN : counts.getOrDefault(status, 0);
    }
}
