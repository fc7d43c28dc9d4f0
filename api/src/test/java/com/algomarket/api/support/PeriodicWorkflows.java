package com.algomarket.api.support;

import com.algomarket.api.temporal.WorkflowStarts;
import com.algomarket.workflows.common.TaskQueues;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.trackrecord.TrackRecordInput;
import com.algomarket.workflows.trackrecord.TrackRecordWorkflow;
import com.algomarket.workflows.valuation.DailyValuationInput;
import com.algomarket.workflows.valuation.DailyValuationWorkflow;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.workflow.Functions;
import java.util.function.Function;

/**
 * The one-of-a-kind periodic workflows asked from a test to run now instead of at their hour, each started when the
 * worker has not started it yet.
 */
public final class PeriodicWorkflows {

    private PeriodicWorkflows() {}

    /** Asks the daily valuation to value every portfolio now. */
    public static void valueNow(WorkflowClient client) {
        runNow(
                client,
                DailyValuationWorkflow.class,
                WorkflowIds.DAILY_VALUATION,
                workflow -> workflow::run,
                new DailyValuationInput(null),
                workflow -> workflow::valueNow);
    }

    /** Asks the track records to be computed now. */
    public static void computeTrackRecordsNow(WorkflowClient client) {
        runNow(
                client,
                TrackRecordWorkflow.class,
                WorkflowIds.TRACK_RECORDS,
                workflow -> workflow::run,
                new TrackRecordInput(null),
                workflow -> workflow::computeNow);
    }

    /** Signals {@code now} with start: a stub signals with start once, so every call makes a new one. */
    private static <W, I> void runNow(
            WorkflowClient client,
            Class<W> type,
            String workflowId,
            Function<W, Functions.Proc1<I>> run,
            I input,
            Function<W, Functions.Proc> now) {
        W workflow = client.newWorkflowStub(type, WorkflowStarts.options(workflowId, TaskQueues.ORDERS));
        BatchRequest request = client.newSignalWithStartRequest();
        request.add(run.apply(workflow), input);
        request.add(now.apply(workflow));
        client.signalWithStart(request);
    }
}
