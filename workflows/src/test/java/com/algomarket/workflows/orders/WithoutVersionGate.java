package com.algomarket.workflows.orders;

import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import io.temporal.workflow.Workflow;

/**
 * Runs {@link OrderWorkflowImpl} as if one of its version gates had been deleted: the gate's
 * {@code Workflow.getVersion} call answers one fixed version without recording (or reading) a version marker. With
 * {@link #alwaysLocal()} it is the code a developer gets by "simply" switching to local activities; with
 * {@link #neverLocal()} the code from before the change (a rollback). Every other line is the real workflow's: a copy
 * of it would drift.
 */
final class WithoutVersionGate {

    private WithoutVersionGate() {}

    static WorkerInterceptor alwaysLocal() {
        return pinned(OrderWorkflowImpl.LOCAL_RISK_AND_INTENT, 1);
    }

    /** Version 2 without its gate: the risk check and the intent as one local activity, whatever the history says. */
    static WorkerInterceptor oneStep() {
        return pinned(OrderWorkflowImpl.LOCAL_RISK_AND_INTENT, OrderWorkflowImpl.ONE_RISK_AND_INTENT_STEP);
    }

    static WorkerInterceptor neverLocal() {
        return pinned(OrderWorkflowImpl.LOCAL_RISK_AND_INTENT, Workflow.DEFAULT_VERSION);
    }

    /** As if the {@code cancel-when-killed} gate had been left out: every followed order asks the database. */
    static WorkerInterceptor alwaysCheckingTheKill() {
        return pinned(OrderWorkflowImpl.CANCEL_WHEN_KILLED, 1);
    }

    /** The code from before the {@code cancel-when-killed} change: no followed order asks the database. */
    static WorkerInterceptor neverCheckingTheKill() {
        return pinned(OrderWorkflowImpl.CANCEL_WHEN_KILLED, Workflow.DEFAULT_VERSION);
    }

    /** As if the {@code notify-owner} gate had been left out: every order tells its owner how it ended. */
    static WorkerInterceptor alwaysNotifying() {
        return pinned(OrderWorkflowImpl.NOTIFY_OWNER, 1);
    }

    /** The code from before the {@code notify-owner} change: no order tells its owner anything. */
    static WorkerInterceptor neverNotifying() {
        return pinned(OrderWorkflowImpl.NOTIFY_OWNER, Workflow.DEFAULT_VERSION);
    }

    /** The code from before the {@code wait-for-executions} change: every order polls, whatever its input says. */
    static WorkerInterceptor neverWaitingForExecutions() {
        return pinned(OrderWorkflowImpl.WAIT_FOR_EXECUTIONS, Workflow.DEFAULT_VERSION);
    }

    /** A worker interceptor under which the gate {@code pinnedChangeId} answers {@code version}, every other as is. */
    private static WorkerInterceptor pinned(String pinnedChangeId, int version) {
        return new WorkerInterceptorBase() {
            @Override
            public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
                return new WorkflowInboundCallsInterceptorBase(next) {
                    @Override
                    public void init(WorkflowOutboundCallsInterceptor outbound) {
                        super.init(new WorkflowOutboundCallsInterceptorBase(outbound) {
                            @Override
                            public int getVersion(String changeId, int minSupported, int maxSupported) {
                                return pinnedChangeId.equals(changeId)
                                        ? version
                                        : super.getVersion(changeId, minSupported, maxSupported);
                            }
                        });
                    }
                };
            }
        };
    }
}
