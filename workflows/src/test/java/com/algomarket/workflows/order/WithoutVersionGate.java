package com.algomarket.workflows.order;

import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;

/**
 * Runs {@link OrderWorkflowImpl} as if its {@code local-risk-and-intent} gate had been deleted: the
 * {@code Workflow.getVersion} call answers the newest version without recording (or reading) a version marker, so the
 * risk check and the intent always run as local activities. This is the code a developer would get by "simply"
 * switching to local activities, with every other line the same as the real workflow's; a copy of the workflow would
 * drift from it.
 */
final class WithoutVersionGate extends WorkerInterceptorBase {

    @Override
    public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
        return new WorkflowInboundCallsInterceptorBase(next) {
            @Override
            public void init(WorkflowOutboundCallsInterceptor outbound) {
                super.init(new WorkflowOutboundCallsInterceptorBase(outbound) {
                    @Override
                    public int getVersion(String changeId, int minSupported, int maxSupported) {
                        return OrderWorkflowImpl.LOCAL_RISK_AND_INTENT.equals(changeId)
                                ? maxSupported : super.getVersion(changeId, minSupported, maxSupported);
                    }
                });
            }
        };
    }
}
