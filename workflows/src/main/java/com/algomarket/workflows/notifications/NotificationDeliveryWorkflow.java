package com.algomarket.workflows.notifications;

import com.algomarket.workflows.common.SearchAttributeKeys;
import com.algomarket.workflows.common.TaskQueues;
import com.algomarket.workflows.common.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * One delivery of one event over one channel (an email, or a post to one webhook), retried with exponential backoff
 * until it succeeds or {@link #GIVE_UP_AFTER} has passed. The delivery's id is derived from the event and the endpoint,
 * and the workflow id from it, started with duplicates rejected: an event reaches an endpoint once, however often its
 * emitter runs.
 */
@WorkflowInterface
public interface NotificationDeliveryWorkflow {

    /** How long a delivery is tried before it is FAILED. */
    Duration GIVE_UP_AFTER = Duration.ofHours(24);

    /** Answers DELIVERED or FAILED. */
    @WorkflowMethod
    DeliveryStatus deliver(String deliveryId);

    /**
     * Starts the workflow of each delivery that has none yet (a started one is left alone), tagged with the user for
     * operators. Used by every emitter, on the API node and on workers.
     */
    static void startAll(WorkflowClient client, UUID userId, List<UUID> deliveryIds) {
        for (UUID deliveryId : deliveryIds) {
            NotificationDeliveryWorkflow workflow = client.newWorkflowStub(
                    NotificationDeliveryWorkflow.class,
                    WorkflowOptions.newBuilder()
                            .setWorkflowId(WorkflowIds.notificationDelivery(deliveryId.toString()))
                            .setTaskQueue(TaskQueues.NOTIFICATIONS)
                            .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                            .setTypedSearchAttributes(SearchAttributes.newBuilder()
                                    .set(SearchAttributeKeys.USER_ID, userId.toString())
                                    .build())
                            .build());
            try {
                WorkflowClient.start(workflow::deliver, deliveryId.toString());
            } catch (WorkflowExecutionAlreadyStarted delivered) {
                // This event reached this endpoint's workflow before: nothing more to start.
            }
        }
    }
}
