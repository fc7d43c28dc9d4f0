package com.algomarket.api.portfolios;

import com.algomarket.api.Roles;
import com.algomarket.workflows.common.TaskQueues;
import com.algomarket.workflows.valuation.DailyValuationInput;
import com.algomarket.workflows.valuation.DailyValuationWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the one daily valuation workflow running: a worker that starts, starts it unless it runs already (then it is
 * left alone: a restart values nothing twice).
 */
@Component
class DailyValuationStarter {

    private static final Logger log = LoggerFactory.getLogger(DailyValuationStarter.class);

    private final WorkflowClient client;
    private final boolean worker;

    DailyValuationStarter(
            WorkflowClient client,
            @Value("${" + Roles.WORKER_PROPERTY + ":false}") boolean worker,
            @Value("${algomarket.valuation.on-worker-start:true}") boolean onWorkerStart) {
        this.client = client;
        this.worker = worker && onWorkerStart;
    }

    @EventListener(ApplicationReadyEvent.class)
    void keepRunning() {
        if (!worker) {
            return;
        }
        DailyValuationWorkflow workflow = client.newWorkflowStub(
                DailyValuationWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(DailyValuationWorkflow.WORKFLOW_ID)
                        .setTaskQueue(TaskQueues.ORDERS)
                        .build());
        try {
            WorkflowClient.start(workflow::run, new DailyValuationInput(null));
            log.info("Daily valuation started");
        } catch (WorkflowExecutionAlreadyStarted running) {
            log.debug("Daily valuation runs already");
        } catch (RuntimeException e) {
            // Temporal unreachable: the next worker start tries again; the performance endpoint still answers.
            log.warn("Could not start the daily valuation: {}", e.getMessage());
        }
    }
}
