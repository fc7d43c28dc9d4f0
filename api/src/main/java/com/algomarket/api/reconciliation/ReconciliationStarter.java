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
import java.util.UUID;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps one reconciliation workflow per connection running, and makes each compare once when a worker starts (a
 * worker that starts may be one that crashed: what happened meanwhile is found at once, not minutes later).
 */
@Component
@EnableConfigurationProperties(ReconciliationProperties.class)
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
@Slf4j
public class ReconciliationStarter {

    private final WorkflowClient client;
    private final ConnectionRepository connections;
    private final ReconciliationProperties properties;

    @Value("${" + Roles.WORKER_PROPERTY + ":false}")
    private final boolean worker;

    @EventListener(ApplicationReadyEvent.class)
    void reconcileEveryConnection() {
        if (!worker || !properties.onWorkerStart()) {
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
                        connectionId.toString(),
                        properties.interval().toSeconds(),
                        properties.streamedInterval().toSeconds(),
                        null));
        request.add(workflow::runNow);
        client.signalWithStart(request);
    }
}
