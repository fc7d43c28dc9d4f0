package com.algomarket.activities.streams;

import java.time.Duration;

/**
 * When a stream's heartbeat is sent: every half heartbeat timeout, which leaves the other half for the call itself on
 * a loaded machine. The stream's own thread sends it, so that a thousand streams heartbeat on a thousand virtual
 * threads: the SDK's throttled heartbeats go out from a pool of four threads per worker, which sent about 250 of the
 * 1,000 heartbeats a 5 s timeout needs (the benchmark held 250-280 streams; the rest timed out locally). The streams
 * worker therefore throttles only briefly (WorkerTuning), and this decides the pace instead.
 */
final class HeartbeatCadence {

    /** Without a heartbeat timeout nothing times the stream out; it heartbeats now and then to learn of a cancel. */
    static final Duration WITHOUT_TIMEOUT = Duration.ofSeconds(10);

    private final long everyNanos;
    private long lastSentNanos;
    private boolean sentOnce;

    HeartbeatCadence(Duration heartbeatTimeout) {
        this.everyNanos = (heartbeatTimeout.isZero() ? WITHOUT_TIMEOUT : heartbeatTimeout.dividedBy(2)).toNanos();
    }

    /** Whether a heartbeat is due at {@code nowNanos} ({@link System#nanoTime()}); if so, counts it as sent then. */
    synchronized boolean due(long nowNanos) {
        if (sentOnce && nowNanos - lastSentNanos < everyNanos) {
            return false;
        }
        sentOnce = true;
        lastSentNanos = nowNanos;
        return true;
    }
}
