package com.algomarket.workflows.trackrecord;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Brings every algorithm's track record up to date, one workflow for all of them (like the daily valuation), on its
 * own hourly timer rather than after each daily valuation: a run is incremental and cheap, so an hourly one shows a
 * day's trades (win rate, trade count) within the hour instead of at the next midnight, and picks up a valuation
 * that was retried late or asked for by {@code valueNow} without the two workflows having to know of each other.
 */
@WorkflowInterface
public interface TrackRecordWorkflow {

    @WorkflowMethod
    void run(TrackRecordInput input);

    /** Computes now instead of at the next hour: an operator, a test after a valuation. */
    @SignalMethod
    void computeNow();

    /** The last run's tally; null before the first. */
    @QueryMethod
    TrackRecordTally lastRun();
}
