package com.algomarket.api.support;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;

/** What the Temporal server tells of a workflow's latest run: its status, memo, search attributes, pending work. */
public final class WorkflowDescriptions {

    private WorkflowDescriptions() {}

    public static DescribeWorkflowExecutionResponse describe(WorkflowClient client, String workflowId) {
        return client.getWorkflowServiceStubs()
                .blockingStub()
                .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                        .setNamespace(client.getOptions().getNamespace())
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                        .build());
    }
}
