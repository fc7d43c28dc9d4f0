package com.algomarket.activities.orders;

import com.algomarket.db.signals.Signal;
import com.algomarket.db.signals.SignalRepository;
import com.algomarket.workflows.exchange.Exchange;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * How long a signal takes to become an order at the venue: from the moment the API stored the signal ({@code
 * signals.created_at}) to the venue's acknowledgement of the order's submit, per exchange, as a histogram (so
 * Prometheus can aggregate p50 and p99 over any number of workers).
 *
 * <p>The signal is read after the acknowledgement, so that the extra read is not part of what is measured. A submit
 * retried after a lost answer is measured when its retry is acknowledged: the time the workflow had to wait. Orders
 * without a signal (a kill's flatten) are not measured.
 */
@Component
public class SignalToVenueLatency {

    static final String NAME = "algomarket.signal.to.venue";

    private final SignalRepository signals;
    private final Clock clock;
    private final Map<Exchange, Timer> timers = new EnumMap<>(Exchange.class);

    public SignalToVenueLatency(SignalRepository signals, Clock clock, MeterRegistry meters) {
        this.signals = signals;
        this.clock = clock;
        for (Exchange exchange : Exchange.values()) {
            timers.put(
                    exchange,
                    Timer.builder(NAME)
                            .description("From a signal's arrival to the venue's acknowledgement of its order")
                            .tag("exchange", exchange.name())
                            .publishPercentileHistogram()
                            // Buckets from 5 ms to 2 min: the target is 100 ms, a fan-out to 1,000 takes seconds.
                            .minimumExpectedValue(Duration.ofMillis(5))
                            .maximumExpectedValue(Duration.ofMinutes(2))
                            .register(meters));
        }
    }

    /** Records that the venue acknowledged the order of {@code signalId} (null: no signal, nothing to record). */
    public void acknowledged(Exchange exchange, UUID signalId) {
        if (signalId == null) {
            return;
        }
        Instant acknowledgedAt = clock.instant();
        signals.find(signalId)
                .map(Signal::createdAt)
                .ifPresent(received ->
                        timers.get(exchange).record(Duration.between(received.toInstant(), acknowledgedAt)));
    }
}
