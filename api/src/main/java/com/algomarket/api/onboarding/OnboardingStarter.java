package com.algomarket.api.onboarding;

import com.algomarket.api.temporal.WorkflowStarts;
import com.algomarket.workflows.common.SearchAttributeKeys;
import com.algomarket.workflows.common.TaskQueues;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.onboarding.OnboardingInput;
import com.algomarket.workflows.onboarding.OnboardingWorkflow;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Starts a user's onboarding workflow; one per user, ever: the workflow id is the business key. */
@Component
public class OnboardingStarter {

    private final WorkflowClient client;
    private final List<Long> reminderAfterSeconds;

    OnboardingStarter(
            WorkflowClient client, @Value("${algomarket.onboarding.reminders:PT24H,PT72H}") List<Duration> reminders) {
        this.client = client;
        this.reminderAfterSeconds = reminders.stream().map(Duration::toSeconds).toList();
    }

    /** Returns the workflow id. Throws if the server is unreachable or the workflow exists already. */
    public String start(UUID userId) {
        String workflowId = WorkflowIds.onboarding(userId.toString());
        OnboardingWorkflow workflow = client.newWorkflowStub(
                OnboardingWorkflow.class,
                WorkflowStarts.once(workflowId, TaskQueues.ONBOARDING, Map.of(SearchAttributeKeys.USER_ID, userId))
                        .build());
        WorkflowClient.start(workflow::onboard, new OnboardingInput(userId.toString(), reminderAfterSeconds));
        return workflowId;
    }
}
