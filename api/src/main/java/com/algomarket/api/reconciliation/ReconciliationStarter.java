package com.algomarket.api.reconciliation;

import com.algomarket.api.Roles;
import com.algomarket.api.connections.EveryConnection;
import com.algomarket.api.temporal.WorkflowStarts;
import com.algomarket.db.connections.ConnectionRepository;
import com.algomarket.workflows.common.TaskQueues;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.reconciliation.ReconciliationInput;
import com.algomarket.workflows.reconciliation.ReconciliationWorkflow;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.UUID;
import lombok.extern.slf4j.Slf4j;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps one reconciliation workflow per connection running, and makes each compare once when a worker starts (a
 * worker that starts may be one that crashed: what happened meanwhile is found at once, not minutes later).
 */
@Component
@Slf4j
public class ReconciliationStarter {

    private final WorkflowClient client;
    private final ConnectionRepository connections;
    private final Duration interval;
    private final Duration streamedInterval;
    private final boolean worker;

    ReconciliationStarter(
            WorkflowClient client,
            ConnectionRepository connections,
            @Value("${algomarket.reconciliation.interval:PT5M}") Duration interval,
            @Value("${algomarket.reconciliation.streamed-interval:PT1H}") Duration streamedInterval,
            @Value("${" + Roles.WORKER_PROPERTY + ":false}") boolean worker,
            @Value("${algomarket.reconciliation.on-worker-start:true}") boolean onWorkerStart) {
        this.client = client;
        this.worker = worker && onWorkerStart;
        this.connections = connections;
        this.interval = interval;
        this.streamedInterval = streamedInterval;
    }

    @EventListener(ApplicationReadyEvent.class)
    void reconcileEveryConnection() {
        if (!worker) {
            return;
        }
        int started = EveryConnection.forEach(connections, this::startOrRunNow, log, "reach the reconciliation");
        log.info("Reconciliation asked to run now for {} connections", started);
    }

    /** Starts the connection's reconciliation, or, when it runs already, makes it compare now. */
    public void startOrRunNow(UUID connectionId) {
        ReconciliationWorkflow workflow = client.newWorkflowStub(
                ReconciliationWorkflow.class,
                WorkflowStarts.options(WorkflowIds.reconciliation(connectionId.toString()), TaskQueues.ORDERS));
        BatchRequest request = client.newSignalWithStartRequest();
        request.add(
                workflow::run,
                new ReconciliationInput(
                        connectionId.toString(), interval.toSeconds(), streamedInterval.toSeconds(), null));
        request.add(workflow::runNow);
        client.signalWithStart(request);
    }
}
