package com.algomarket.workflows.orders;

import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import io.temporal.workflow.Workflow;

/**
 * Runs {@link OrderWorkflowImpl} as if one of its version gates (by default {@code local-risk-and-intent}) had been
 * deleted: the
 * {@code Workflow.getVersion} call answers one fixed version without recording (or reading) a version marker. With
 * {@link #alwaysLocal()} it is the code a developer gets by "simply" switching to local activities; with
 * {@link #neverLocal()} the code from before the change (a rollback). Every other line is the real workflow's: a copy
 * of it would drift.
 */
final class WithoutVersionGate extends WorkerInterceptorBase {

    private final String changeId;
    private final int version;

    private WithoutVersionGate(String changeId, int version) {
        this.changeId = changeId;
        this.version = version;
    }

    static WithoutVersionGate alwaysLocal() {
        return new WithoutVersionGate(OrderWorkflowImpl.LOCAL_RISK_AND_INTENT, 1);
    }

    /** Version 2 without its gate: the risk check and the intent as one local activity, whatever the history says. */
    static WithoutVersionGate oneStep() {
        return new WithoutVersionGate(
                OrderWorkflowImpl.LOCAL_RISK_AND_INTENT, OrderWorkflowImpl.ONE_RISK_AND_INTENT_STEP);
    }

    static WithoutVersionGate neverLocal() {
        return new WithoutVersionGate(OrderWorkflowImpl.LOCAL_RISK_AND_INTENT, Workflow.DEFAULT_VERSION);
    }

    /** As if the {@code cancel-when-killed} gate had been left out: every followed order asks the database. */
    static WithoutVersionGate alwaysCheckingTheKill() {
        return new WithoutVersionGate(OrderWorkflowImpl.CANCEL_WHEN_KILLED, 1);
    }

    /** The code from before the {@code cancel-when-killed} change: no followed order asks the database. */
    static WithoutVersionGate neverCheckingTheKill() {
        return new WithoutVersionGate(OrderWorkflowImpl.CANCEL_WHEN_KILLED, Workflow.DEFAULT_VERSION);
    }

    /** As if the {@code notify-owner} gate had been left out: every order tells its owner how it ended. */
    static WithoutVersionGate alwaysNotifying() {
        return new WithoutVersionGate(OrderWorkflowImpl.NOTIFY_OWNER, 1);
    }

    /** The code from before the {@code notify-owner} change: no order tells its owner anything. */
    static WithoutVersionGate neverNotifying() {
        return new WithoutVersionGate(OrderWorkflowImpl.NOTIFY_OWNER, Workflow.DEFAULT_VERSION);
    }

    /** The code from before the {@code wait-for-executions} change: every order polls, whatever its input says. */
    static WithoutVersionGate neverWaitingForExecutions() {
        return new WithoutVersionGate(OrderWorkflowImpl.WAIT_FOR_EXECUTIONS, Workflow.DEFAULT_VERSION);
    }

    @Override
    public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
        return new WorkflowInboundCallsInterceptorBase(next) {
            @Override
            public void init(WorkflowOutboundCallsInterceptor outbound) {
                super.init(new WorkflowOutboundCallsInterceptorBase(outbound) {
                    @Override
                    public int getVersion(String changeId, int minSupported, int maxSupported) {
                        return WithoutVersionGate.this.changeId.equals(changeId)
                                ? version
                                : super.getVersion(changeId, minSupported, maxSupported);
                    }
                });
            }
        };
    }
}
