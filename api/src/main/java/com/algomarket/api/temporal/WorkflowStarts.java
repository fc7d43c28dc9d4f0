package com.algomarket.api.temporal;

import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import java.util.Map;
import java.util.UUID;

/** The options with which the API starts its workflows under their business ids. */
public final class WorkflowStarts {

    private WorkflowStarts() {}

    /** The workflow {@code workflowId} on {@code taskQueue}. */
    public static WorkflowOptions options(String workflowId, String taskQueue) {
        return WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(taskQueue)
                .build();
    }

    /**
     * The workflow {@code workflowId} on {@code taskQueue}, started once ever: Temporal refuses a second start of the
     * id, even after the first has closed. {@code ids} (such as the user's) are its search attributes, which operators
     * filter by in the Web UI. Answers the builder, for a caller that adds more (a memo).
     */
    public static WorkflowOptions.Builder once(
            String workflowId, String taskQueue, Map<SearchAttributeKey<String>, UUID> ids) {
        SearchAttributes.Builder attributes = SearchAttributes.newBuilder();
        ids.forEach((key, id) -> attributes.set(key, id.toString()));
        return WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(taskQueue)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .setTypedSearchAttributes(attributes.build());
    }
}
