package com.algomarket.activities.streams;

import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.workflows.exchange.ExchangeFailure;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** The waits every account stream shares: waits that end on stop, backoff; and what a failure says of the key. */
final class StreamPacing {

    private StreamPacing() {}

    /** Waits min * 2^(failures-1), at most max, with jitter; returns early on stop. */
    static void backOff(AccountStream.Control control, int failures, Duration min, Duration max, Duration poll) {
        long ceiling = Math.min(max.toMillis(), min.toMillis() << Math.min(Math.max(failures - 1, 0), 20));
        long wait = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        waitWhileRunning(control, Duration.ofMillis(wait), poll);
    }

    /** Waits {@code wait}, looking every {@code poll} whether the control says stop, and returns early if so. */
    static void waitWhileRunning(AccountStream.Control control, Duration wait, Duration poll) {
        long until = System.nanoTime() + wait.toNanos();
        while (control.keepRunning()) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                Thread.sleep(Math.min(poll.toMillis(), TimeUnit.NANOSECONDS.toMillis(left) + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The exchange's message where {@code failure} says it refused the connection's key (revoked, no permission). */
    static Optional<String> keyRefusal(Throwable failure) {
        return failure instanceof ExchangeCallException call && call.failure() == ExchangeFailure.AUTH
                ? Optional.of(call.getMessage())
                : Optional.empty();
    }
}
