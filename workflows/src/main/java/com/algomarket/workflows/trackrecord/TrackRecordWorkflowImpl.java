package com.algomarket.workflows.trackrecord;

import static com.algomarket.workflows.common.ActivityStubOptions.attemptsUntil;
import static com.algomarket.workflows.common.ActivityStubOptions.retryBetween;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;

import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class TrackRecordWorkflowImpl implements TrackRecordWorkflow {

    static final Duration EVERY = ofHours(1);

    /** Runs before continue-as-new: a day of hourly runs keeps each run's history short. */
    static final int RUNS_BEFORE_CONTINUE_AS_NEW = 24;

    // A page reads fills and points and writes the records: a database restart is retried with backoff, for at most
    // half the period, so that the next run is never held up.
    private final TrackRecordActivities activities = Workflow.newActivityStub(
            TrackRecordActivities.class,
            attemptsUntil(ofMinutes(5), ofMinutes(30), retryBetween(ofSeconds(5), ofMinutes(5))));

    private TrackRecordTally lastRun;
    private boolean computeNow;

    @Override
    public void run(TrackRecordInput input) {
        lastRun = input == null ? null : input.lastRun();
        for (int runs = 0; runs < RUNS_BEFORE_CONTINUE_AS_NEW; runs++) {
            if (lastRun != null) {
                long due = lastRun.startedAtMillis() + EVERY.toMillis() - Workflow.currentTimeMillis();
                Workflow.await(ofMillis(Math.max(due, 1)), () -> computeNow);
            }
            computeNow = false;
            lastRun = updateAll();
        }
        // The new run starts with the last tally: it waits out the rest of the hour (or a computeNow) first.
        Workflow.continueAsNew(new TrackRecordInput(lastRun));
    }

    /** Every page of algorithms; a page that fails past its retries ends this run where it stopped. */
    private TrackRecordTally updateAll() {
        long startedAt = Workflow.currentTimeMillis();
        int updated = 0;
        int failed = 0;
        String after = null;
        try {
            TrackRecordPage page;
            do {
                page = activities.updatePage(after);
                updated += page.updated();
                failed += page.failed();
                after = page.lastAlgorithmId();
            } while (!page.last());
        } catch (ActivityFailure stopped) {
            Workflow.getLogger(TrackRecordWorkflowImpl.class)
                    .warn("Track records stopped after algorithm {}: {}", after, stopped.getMessage());
        }
        return new TrackRecordTally(startedAt, updated, failed);
    }

    @Override
    public void computeNow() {
        computeNow = true;
    }

    @Override
    public TrackRecordTally lastRun() {
        return lastRun;
    }
}
