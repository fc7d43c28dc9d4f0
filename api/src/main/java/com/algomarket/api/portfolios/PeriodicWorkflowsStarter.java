package com.algomarket.api.portfolios;

import com.algomarket.api.Roles;
import com.algomarket.api.temporal.WorkflowStarts;
import com.algomarket.workflows.common.TaskQueues;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.trackrecord.TrackRecordInput;
import com.algomarket.workflows.trackrecord.TrackRecordWorkflow;
import com.algomarket.workflows.valuation.DailyValuationInput;
import com.algomarket.workflows.valuation.DailyValuationWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import java.util.function.Function;
import lombok.extern.slf4j.Slf4j;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the one-of-a-kind periodic workflows running (the daily valuation, the track records): a worker that starts
 * starts each unless it runs already (then it is left alone: a restart computes nothing twice).
 */
@Component
@Slf4j
class PeriodicWorkflowsStarter {

    private final WorkflowClient client;
    private final boolean worker;

    PeriodicWorkflowsStarter(
            WorkflowClient client,
            @Value("${" + Roles.WORKER_PROPERTY + ":false}") boolean worker,
            @Value("${algomarket.periodic-workflows.on-worker-start:true}") boolean onWorkerStart) {
        this.client = client;
        this.worker = worker && onWorkerStart;
    }

    @EventListener(ApplicationReadyEvent.class)
    void keepRunning() {
        if (!worker) {
            return;
        }
        keepRunning(
                DailyValuationWorkflow.class,
                WorkflowIds.DAILY_VALUATION,
                workflow -> WorkflowClient.start(workflow::run, new DailyValuationInput(null)));
        keepRunning(
                TrackRecordWorkflow.class,
                WorkflowIds.TRACK_RECORDS,
                workflow -> WorkflowClient.start(workflow::run, new TrackRecordInput(null)));
    }

    private <W> void keepRunning(Class<W> type, String workflowId, Function<W, ?> start) {
        W workflow = client.newWorkflowStub(type, WorkflowStarts.options(workflowId, TaskQueues.ORDERS));
        try {
            start.apply(workflow);
            log.info("Workflow {} started", workflowId);
        } catch (WorkflowExecutionAlreadyStarted running) {
            log.debug("Workflow {} runs already", workflowId);
        } catch (RuntimeException e) {
            // Temporal unreachable: the next worker start tries again; the endpoints answer what was stored.
            log.warn("Could not start workflow {}: {}", workflowId, e.getMessage());
        }
    }
}
