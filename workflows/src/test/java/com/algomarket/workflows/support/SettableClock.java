package com.algomarket.workflows.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock that a test moves ahead, for code that reads the time through a {@link Clock}: one that stands still
 * between moves, or ({@link #realTime}) one that runs with the system's time plus every move.
 */
public final class SettableClock extends Clock {

    /** Null: the clock runs with the system's time. */
    private final Instant start;

    private volatile Duration moved = Duration.ZERO;

    public SettableClock(Instant start) {
        this.start = start;
    }

    /** The system's time, moved ahead by each {@link #advance}. */
    public static SettableClock realTime() {
        return new SettableClock(null);
    }

    public synchronized void advance(Duration duration) {
        moved = moved.plus(duration);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return (start == null ? Instant.now() : start).plus(moved);
    }
}
