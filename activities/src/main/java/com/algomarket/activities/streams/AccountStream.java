package com.algomarket.activities.streams;

import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * One connection's account stream, whatever carries it: Binance's WebSocket user-data stream ({@link
 * BinanceAccountStream}) or, for exchanges followed without one, a batched read of the whole account per interval
 * ({@link AccountPoller}). Both report to an {@link AccountEventSink}; {@link #run} blocks until the control says stop
 * and is meant to run as one long-running, heartbeating activity per connection, so that each connection has exactly
 * one.
 */
public interface AccountStream {

    /** Follows the account until {@code control} says stop, reconnecting (or reading again) with backoff on failure. */
    void run(Control control);

    /** The stream's state now, for heartbeats and metrics. */
    Status status();

    /**
     * Asked between events and while backing off whether to go on; told the stream's status every poll interval, from
     * a thread of its own (so implementations must be thread-safe), to heartbeat with.
     */
    interface Control {

        boolean keepRunning();

        void heartbeat(Status status);

        /** Runs while {@code keepRunning} says so, with no one to heartbeat to (a test, a plain thread). */
        static Control whileTrue(BooleanSupplier keepRunning) {
            return new Control() {
                @Override
                public boolean keepRunning() {
                    return keepRunning.getAsBoolean();
                }

                @Override
                public void heartbeat(Status status) {}
            };
        }
    }

    /**
     * The stream's state, for heartbeats and metrics: whether it is connected (a poller: whether its last read
     * answered), how often it connected and reconnected, and when it last had news.
     */
    record Status(boolean connected, long connects, long reconnects, Instant lastEventAt) {}
}
