package com.algomarket.api.support;

import com.algomarket.workflows.common.SearchAttributeKeys;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.reconciliation.ReconciliationResult;
import com.algomarket.workflows.reconciliation.ReconciliationWorkflow;
import com.algomarket.workflows.support.Await;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.Objects;
import lombok.RequiredArgsConstructor;

/** A connection's reconciliation workflow, asked from a test: its first comparison, and one more on demand. */
@RequiredArgsConstructor
public final class Reconciliations {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final WorkflowClient workflowClient;

    /**
     * Waits for the comparison the connection's reconciliation made when the connection was made: a test that changes
     * the database or the venue afterwards knows that the next comparison sees the change.
     */
    public ReconciliationResult first(String connectionId) {
        return Await.until(DEADLINE, () -> workflow(connectionId).lastResult(), Objects::nonNull);
    }

    /** Asks the connection's reconciliation to compare now and answers the comparison that follows. */
    public ReconciliationResult now(String connectionId) {
        ReconciliationWorkflow workflow = workflow(connectionId);
        ReconciliationResult before = workflow.lastResult();
        String previousRun = before == null ? null : before.runId();
        workflow.runNow();
        return Await.until(
                DEADLINE,
                workflow::lastResult,
                result -> result != null && !result.runId().equals(previousRun));
    }

    /** The workflow's Reconciliation search attribute: OK, MISMATCH or FAILED (null before the first comparison). */
    public String searchAttribute(String connectionId) {
        return workflowClient
                .newUntypedWorkflowStub(WorkflowIds.reconciliation(connectionId))
                .describe()
                .getTypedSearchAttributes()
                .get(SearchAttributeKeys.RECONCILIATION);
    }

    private ReconciliationWorkflow workflow(String connectionId) {
        return workflowClient.newWorkflowStub(ReconciliationWorkflow.class, WorkflowIds.reconciliation(connectionId));
    }
}
