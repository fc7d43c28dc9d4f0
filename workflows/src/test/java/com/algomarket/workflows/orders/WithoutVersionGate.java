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
 * {@code Workflow.getVersion} call answers one fixed version without recording (or reading) a version marker. Pinned
 * ({@link #pinned}) at a version the change brought, it is the code a developer gets by "simply" leaving the gate out;
 * pinned at the default version ({@link #beforeTheChange}), the code from before the change (a rollback). Every other
 * line is the real workflow's: a copy of it would drift.
 */
final class WithoutVersionGate {

    private WithoutVersionGate() {}

    /** The code from before the change {@code changeId}: its gate answers the default version, whatever the history. */
    static WorkerInterceptor beforeTheChange(String changeId) {
        return pinned(changeId, Workflow.DEFAULT_VERSION);
    }

    /** A worker interceptor under which the gate {@code pinnedChangeId} answers {@code version}, every other as is. */
    static WorkerInterceptor pinned(String pinnedChangeId, int version) {
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
