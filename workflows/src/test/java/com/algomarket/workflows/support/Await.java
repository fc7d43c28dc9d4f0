package com.algomarket.workflows.support;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for a condition with a deadline, instead of sleeping and hoping: for what a workflow does after an activity
 * returned (a query's answer, an upserted search attribute), which no mock can be verified for. The one such helper
 * of the project: the other modules' tests use it through the workflows module's test jar.
 */
public final class Await {

    private Await() {}

    /** Polls {@code probe} until {@code done} accepts its value; fails with the last value after {@code timeout}. */
    public static <T> T until(Duration timeout, Supplier<T> probe, Predicate<T> done) {
        Instant deadline = Instant.now().plus(timeout);
        T last = null;
        RuntimeException lastError = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                last = probe.get();
                if (done.test(last)) {
                    return last;
                }
                lastError = null;
            } catch (RuntimeException e) {
                lastError = e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("Condition not met within " + timeout + "; last value: " + last, lastError);
    }
}
