package com.algomarket.workflows.orders;

import com.algomarket.workflows.common.TaskQueues;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts order workflows as children of the calling workflow (a kill switch's flatten: a few orders). The
 * children are abandoned, not awaited: each order lives its own life, and the parent only waits until the server has
 * started every one, so that a crash after this point can lose none of them. The order's workflow id rejects a
 * duplicate, so a child that exists already (a reset parent, a retried start) is left as it is. A signal's fan-out
 * to many portfolios starts its orders from an activity instead: one parent takes child starts one after another.
 */
public final class OrderFanOut {

    private OrderFanOut() {}

    /** Starts every order and answers how many were started now (those that existed already are not counted). */
    public static int start(List<PlannedOrder> orders) {
        List<Promise<io.temporal.api.common.v1.WorkflowExecution>> started = new ArrayList<>();
        for (PlannedOrder order : orders) {
            OrderWorkflow child = Workflow.newChildWorkflowStub(
                    OrderWorkflow.class,
                    ChildWorkflowOptions.newBuilder()
                            .setWorkflowId(order.workflowId())
                            .setTaskQueue(TaskQueues.ORDERS)
                            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                            .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                            .setWorkflowRunTimeout(OrderWorkflow.RUN_TIMEOUT)
                            .setTypedSearchAttributes(order.searchAttributes())
                            .setMemo(order.memo())
                            .build());
            Async.function(child::run, order.input());
            started.add(Workflow.getWorkflowExecution(child));
        }
        int count = 0;
        for (Promise<io.temporal.api.common.v1.WorkflowExecution> execution : started) {
            try {
                execution.get();
                count++;
            } catch (ChildWorkflowFailure alreadyStarted) {
                // The order exists: this fan-out (or an earlier run of it) started it before.
            }
        }
        return count;
    }
}
