package com.algomarket.api.benchmark;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A line every ten seconds while the benchmark runs: the phase, the orders the venue holds so far, the time in the
 * phase and in the run, so that a long run shows it is moving (and a stopped one where it stood).
 */
final class BenchmarkProgress implements AutoCloseable {

    private static final Duration EVERY = Duration.ofSeconds(10);

    private final VenueProcess venue;
    private final long runStart = System.nanoTime();
    private final ScheduledExecutorService printer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("benchmark-progress").daemon().factory());
    private volatile String phase = "starting";
    private volatile long phaseStart = System.nanoTime();
    private volatile long workerPid = -1;

    BenchmarkProgress(VenueProcess venue) {
        this.venue = venue;
        printer.scheduleAtFixedRate(this::print, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The phase the next lines name; printed at once. */
    void phase(String name) {
        phase = name;
        phaseStart = System.nanoTime();
        SignalFanOutBenchmark.report("-- " + name);
    }

    /** The worker whose RSS the lines show; -1 for none. */
    void worker(long pid) {
        workerPid = pid;
    }

    private void print() {
        try {
            VenueProcess.Stats stats = venue.stats();
            long pid = workerPid;
            SignalFanOutBenchmark.report(String.format(
                    Locale.ROOT,
                    "[progress] %s: %d orders at the venue, %d venue requests, %d streams; %d s in phase, %d s in run%s",
                    phase,
                    stats.orders(),
                    stats.requests(),
                    stats.streams(),
                    seconds(phaseStart),
                    seconds(runStart),
                    pid < 0 ? "" : "; worker RSS " + (WorkerMemory.rssKiB(pid) >> 10) + " MiB"));
        } catch (RuntimeException e) {
            // A progress line is not worth failing the run for: the venue may be busy or restarting.
            SignalFanOutBenchmark.report("[progress] " + phase + ": " + e.getMessage());
        }
    }

    private static long seconds(long since) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since);
    }

    @Override
    public void close() {
        printer.shutdownNow();
    }
}
