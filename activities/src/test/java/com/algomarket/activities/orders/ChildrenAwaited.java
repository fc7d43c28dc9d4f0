package com.algomarket.activities.orders;

import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import io.temporal.workflow.Promise;
import java.util.ArrayList;
import java.util.List;

/**
 * Every workflow on the test's worker waits, once its method has returned (or thrown), until the children it started
 * have ended, and only then closes. The flatten starts its sell orders as abandoned children and closes before they
 * end; on Temporal's time-skipping test server (temporal-test-server 1.38.0,
 * {@code TestWorkflowMutableStateImpl.processCompleteWorkflowExecution}) a child that ends after its parent takes a
 * time-skipping lock that only the parent would release ("unlocked by the parent"), and a closed parent never does:
 * from the first flatten that sold anything on, the server never skipped time again and every later sequence ran in
 * real time (200 sequences: 25 minutes instead of about 2). The real server has no such lock, so this changes only how
 * long the flatten's own workflow stays open in the test, never which orders it starts or what they do.
 */
final class ChildrenAwaited extends WorkerInterceptorBase {

    @Override
    public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
        List<Promise<Void>> children = new ArrayList<>();
        return new WorkflowInboundCallsInterceptorBase(next) {
            @Override
            public void init(WorkflowOutboundCallsInterceptor outboundCalls) {
                super.init(new WorkflowOutboundCallsInterceptorBase(outboundCalls) {
                    @Override
                    public <R> ChildWorkflowOutput<R> executeChildWorkflow(ChildWorkflowInput<R> input) {
                        ChildWorkflowOutput<R> output = super.executeChildWorkflow(input);
                        // However the child ends (or fails to start): only its end matters here.
                        children.add(output.getResult().handle((result, failure) -> null));
                        return output;
                    }
                });
            }

            @Override
            public WorkflowOutput execute(WorkflowInput input) {
                try {
                    return super.execute(input);
                } finally {
                    Promise.allOf(children).get();
                }
            }
        };
    }
}
