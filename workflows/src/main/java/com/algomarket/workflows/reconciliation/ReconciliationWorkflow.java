package com.algomarket.workflows.reconciliation;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Compares one exchange connection's orders and fills at the exchange with the database, every few minutes (hourly
 * while its account stream is connected), for as long as the connection exists: a durable timer and continue-as-new, not a Temporal Schedule, so that it runs on
 * the in-process server too (it has no Schedules).
 */
@WorkflowInterface
public interface ReconciliationWorkflow {

    @WorkflowMethod
    void run(ReconciliationInput input);

    /** Runs a comparison now instead of at the next interval (worker start, an operator). */
    @SignalMethod
    void runNow();

    @QueryMethod
    ReconciliationResult lastResult();
}
