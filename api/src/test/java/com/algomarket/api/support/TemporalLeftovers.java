package com.algomarket.api.support;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.TerminateWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.List;
import lombok.extern.slf4j.Slf4j;

/**
 * Ends the workflows an earlier test class left running on the shared Temporal server. The ITs share its task queues,
 * so a reconciliation, stream or order workflow left open by one class would run in the next class's worker, against
 * that class's paper venue, and spend its rate limit: a CI run saw ConnectionsIT refused with RATE_LIMITED by the
 * local limiter after OrderCrashSafetyIT had left 200 orders open. Each class starts from a server with nothing running.
 */
@Slf4j
public final class TemporalLeftovers {

    private static final String NAMESPACE = "default";

    private TemporalLeftovers() {}

    /** Terminates every running workflow of the namespace; returns how many there were. */
    public static int terminateAll(String temporalAddress, String reason) {
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(temporalAddress)
                .build());
        try {
            WorkflowClient client = WorkflowClient.newInstance(
                    service,
                    WorkflowClientOptions.newBuilder().setNamespace(NAMESPACE).build());
            List<WorkflowExecution> running = client.listExecutions("ExecutionStatus = 'Running'")
                    .map(WorkflowExecutionMetadata::getExecution)
                    .toList();
            for (WorkflowExecution execution : running) {
                terminate(service, execution, reason);
            }
            if (!running.isEmpty()) {
                log.info("Terminated {} workflows left running: {}", running.size(), reason);
            }
            return running.size();
        } finally {
            service.shutdownNow();
        }
    }

    private static void terminate(WorkflowServiceStubs service, WorkflowExecution execution, String reason) {
        try {
            service.blockingStub()
                    .terminateWorkflowExecution(TerminateWorkflowExecutionRequest.newBuilder()
                            .setNamespace(NAMESPACE)
                            .setWorkflowExecution(execution)
                            .setReason(reason)
                            .build());
        } catch (StatusRuntimeException e) {
            // Closed meanwhile (visibility lags the workflow's own state): nothing left to end.
            if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
                throw e;
            }
        }
    }
}
