package com.algomarket.activities.orders;

import com.algomarket.workflows.common.TaskQueues;
import com.algomarket.workflows.orders.OrderWorkflow;
import com.algomarket.workflows.orders.PlannedOrder;
import com.algomarket.workflows.orders.trailing.TrailingStopWorkflow;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

/**
 * Starts order workflows through the client, many at once. The order's workflow id rejects a duplicate, so a retried
 * batch starts only what is missing.
 */
@Component
@RequiredArgsConstructor
public class OrderStarter {

    /** Start calls in flight at once: enough to hide each call's round trip, few enough not to flood the server. */
    static final int PARALLEL_STARTS = 32;

    private final WorkflowClient client;

    /** Answers how many were started now; one that existed already is not counted. */
    public int start(List<PlannedOrder> orders) {
        Semaphore inFlight = new Semaphore(PARALLEL_STARTS);
        List<Future<Boolean>> starts = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (PlannedOrder order : orders) {
                starts.add(executor.submit(() -> {
                    inFlight.acquire();
                    try {
                        return start(order);
                    } finally {
                        inFlight.release();
                    }
                }));
            }
            int started = 0;
            for (Future<Boolean> start : starts) {
                started += start.get() ? 1 : 0;
            }
            return started;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting orders", e);
        } catch (ExecutionException e) {
            // Retried by Temporal: the orders started so far are not started twice.
            throw new IllegalStateException(
                    "could not start every order: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private boolean start(PlannedOrder order) {
        WorkflowOptions options = WorkflowOptions.newBuilder()
                .setWorkflowId(order.workflowId())
                .setTaskQueue(TaskQueues.ORDERS)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .setWorkflowRunTimeout(OrderWorkflow.RUN_TIMEOUT)
                .setTypedSearchAttributes(order.searchAttributes())
                .setMemo(order.memo())
                // Where this worker polls the orders queue, the server hands the first task back in the answer.
                .setDisableEagerExecution(false)
                .build();
        try {
            if (order.trailing() != null) {
                // A trailing stop under the order's id: it becomes the order's own workflow once crossed.
                TrailingStopWorkflow trailing = client.newWorkflowStub(TrailingStopWorkflow.class, options);
                WorkflowClient.start(trailing::run, order.trailing());
            } else {
                OrderWorkflow workflow = client.newWorkflowStub(OrderWorkflow.class, options);
                WorkflowClient.start(workflow::run, order.input());
            }
            return true;
        } catch (WorkflowExecutionAlreadyStarted exists) {
            return false;
        }
    }
}
