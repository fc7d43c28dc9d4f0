package com.algomarket.workflows.reconciliation;

import static com.algomarket.workflows.common.ActivityStubOptions.attemptsUntil;
import static com.algomarket.workflows.common.ActivityStubOptions.retryBetween;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;

import com.algomarket.workflows.common.SearchAttributeKeys;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class ReconciliationWorkflowImpl implements ReconciliationWorkflow {

    /** Comparisons per run before continue-as-new: keeps each run's history short (about 10 events per comparison). */
    static final int RUNS_BEFORE_CONTINUE_AS_NEW = 100;

    /**
     * Version 1 waits the input's streamed interval (an hour) instead of its interval (five minutes) after a comparison
     * that found the connection's account stream connected: the stream reports executions at once, and the
     * comparison's reads are only a backstop. Histories recorded before it always wait the interval; a run that never
     * sees a connected stream takes no version marker.
     */
    static final String STREAMED_INTERVAL = "streamed-interval";

    // A comparison reads the exchange: failures (an exchange down, rate limits) are retried with backoff, bounded so
    // that the next interval starts fresh rather than a comparison piling up behind a long outage.
    private final ReconciliationActivities activities = Workflow.newActivityStub(
            ReconciliationActivities.class,
            attemptsUntil(ofMinutes(2), ofMinutes(4), retryBetween(ofSeconds(2), ofSeconds(30))));

    private ReconciliationResult lastResult;
    private boolean runNow;
    private String shownOutcome;

    @Override
    public void run(ReconciliationInput input) {
        lastResult = input.lastResult();
        for (int i = 0; i < RUNS_BEFORE_CONTINUE_AS_NEW; i++) {
            runNow = false;
            String outcome;
            boolean streamConnected = false;
            try {
                lastResult = activities.compareWithExchange(input.connectionId());
                if (lastResult.connectionGone()) {
                    return;
                }
                outcome = lastResult.mismatches().isEmpty() ? "OK" : "MISMATCH";
                streamConnected = lastResult.streamConnected();
            } catch (ActivityFailure failed) {
                // Not a mismatch: the exchange could not be read. The next interval tries again.
                Workflow.getLogger(ReconciliationWorkflowImpl.class)
                        .warn("Reconciliation of {} failed: {}", input.connectionId(), failed.getMessage());
                outcome = "FAILED";
            }
            if (!outcome.equals(shownOutcome)) {
                Workflow.upsertTypedSearchAttributes(SearchAttributeKeys.RECONCILIATION.valueSet(outcome));
                shownOutcome = outcome;
            }
            Workflow.await(untilNextComparison(input, streamConnected), () -> runNow);
        }
        Workflow.continueAsNew(new ReconciliationInput(
                input.connectionId(), input.intervalSeconds(), input.streamedIntervalSeconds(), lastResult));
    }

    /**
     * The streamed interval after a comparison that found the account stream connected, else the interval: a failed
     * comparison, a polled exchange or a stream that is down are compared again soon.
     */
    private static Duration untilNextComparison(ReconciliationInput input, boolean streamConnected) {
        if (streamConnected
                && input.streamedIntervalSeconds() > 0
                && Workflow.getVersion(STREAMED_INTERVAL, Workflow.DEFAULT_VERSION, 1) != Workflow.DEFAULT_VERSION) {
            return ofSeconds(input.streamedIntervalSeconds());
        }
        return ofSeconds(input.intervalSeconds());
    }

    @Override
    public void runNow() {
        runNow = true;
    }

    @Override
    public ReconciliationResult lastResult() {
        return lastResult;
    }
}
