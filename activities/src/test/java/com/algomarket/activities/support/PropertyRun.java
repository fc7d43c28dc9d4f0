package com.algomarket.activities.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;

/**
 * One run of a property IT over generated operation sequences: how many sequences and operations it tried, timed
 * from its container's start against the budget that issue 13 sets for all of them, and reported when it ends.
 */
@RequiredArgsConstructor(access = AccessLevel.PRIVATE)
public final class PropertyRun {

    /** Issue 13: at least 200 sequences, within 5 minutes. */
    public static final int SEQUENCES = 200;

    public static final Duration BUDGET = Duration.ofMinutes(5);

    private final String name;
    private final long startedNanos = System.nanoTime();
    private final AtomicInteger sequences = new AtomicInteger();
    private final AtomicInteger operations = new AtomicInteger();

    /** Starts the clock of the property test {@code name}. */
    public static PropertyRun start(String name) {
        return new PropertyRun(name);
    }

    /** Counts one sequence of {@code operations} operations tried. */
    public void tried(int operations) {
        sequences.incrementAndGet();
        this.operations.addAndGet(operations);
    }

    /**
     * Prints what the run tried, {@code details} after its counts of sequences and operations, and fails it when it
     * took longer than its budget.
     */
    public void report(String details) {
        Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
        System.out.printf(
                "%s: %d sequences, %d operations %s, in %.1f s%n",
                name, sequences.get(), operations.get(), details, took.toMillis() / 1000.0);
        assertThat(took).as("the properties' time budget").isLessThan(BUDGET);
    }
}
