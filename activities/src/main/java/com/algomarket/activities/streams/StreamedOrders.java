package com.algomarket.activities.streams;

import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.orders.OrderInput;
import java.time.Duration;

/**
 * Decides, when an order is planned, whether its workflow waits for the account stream's signals or polls the
 * exchange: it waits only where account streams are on ({@code algomarket.streams.enabled}) and this worker has a
 * stream for the order's exchange. The answer goes into the order's input ({@link OrderInput#safetyLookupSeconds()}),
 * so the workflow needs no step of its own to find out and its history shows which way it went.
 */
public final class StreamedOrders {

    private final boolean enabled;
    private final Duration safetyLookup;
    private final AccountStreams streams;

    /**
     * {@code safetyLookup}: how long a waiting order goes without any news before it asks the exchange once. Long,
     * since the stream and its catch-up reads report every fill, and the connection's reconciliation (hourly while the
     * stream is connected) tells the order to look up at once when it finds the order final at the exchange; six hours
     * (the default) adds a sixth of a request per resting order and hour.
     */
    public StreamedOrders(boolean enabled, Duration safetyLookup, AccountStreams streams) {
        if (safetyLookup.isNegative() || safetyLookup.toSeconds() < 1) {
            throw new IllegalArgumentException("the safety lookup must be at least one second, not " + safetyLookup);
        }
        this.enabled = enabled;
        this.safetyLookup = safetyLookup;
        this.streams = streams;
    }

    /**
     * The safety interval of an order on {@code exchange} ({@link OrderInput#safetyLookupSeconds()}): zero where it
     * is to poll the exchange, because streams are off or none exists for that exchange.
     */
    public long safetyLookupSeconds(Exchange exchange) {
        return enabled && streams.supports(exchange) ? safetyLookup.toSeconds() : 0;
    }
}
