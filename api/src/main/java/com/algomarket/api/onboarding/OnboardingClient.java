package com.algomarket.api.onboarding;

import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.onboarding.OnboardingStep;
import com.algomarket.workflows.onboarding.OnboardingWorkflow;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import java.util.UUID;
import java.util.function.Function;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.stereotype.Component;

/** The REST side's handle on a user's onboarding workflow: its step, and the updates that advance it. */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
@Slf4j
public class OnboardingClient {

    private final WorkflowClient client;
    private final OnboardingStarter starter;

    public String workflowId(UUID userId) {
        return WorkflowIds.onboarding(userId.toString());
    }

    /** The current step; DONE once the workflow has completed. */
    public OnboardingStep currentStep(UUID userId) {
        WorkflowStub stub = client.newUntypedWorkflowStub(workflowId(userId));
        if (stub.describe().getWorkflowExecutionInfo().getStatus()
                == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
            return OnboardingStep.DONE;
        }
        return workflow(userId).currentStep();
    }

    /**
     * Sends an update that advances onboarding and returns the step it answers. Throws when Temporal cannot be
     * reached; a rejected update (the user has not reached that step) also throws.
     */
    public OnboardingStep advance(UUID userId, Function<OnboardingWorkflow, OnboardingStep> update) {
        return update.apply(workflow(userId));
    }

    /**
     * Advances onboarding where the REST call itself has already succeeded (a connection stored, a portfolio
     * created): a failure to tell the workflow is logged, not answered, because the user's action stands.
     */
    public void advanceQuietly(UUID userId, String what, Function<OnboardingWorkflow, OnboardingStep> update) {
        try {
            if (currentStep(userId) != OnboardingStep.DONE) {
                update.apply(workflow(userId));
            }
        } catch (WorkflowUpdateException rejected) {
            log.info("Onboarding of user {} did not take {}: {}", userId, what, rejected.getMessage());
        } catch (RuntimeException e) {
            log.warn("Could not tell the onboarding of user {} about {}", userId, what, e);
        }
    }

    /**
     * Asks the workflow for a new email; a pending user without a workflow (registration stored them, then neither
     * started the workflow nor could remove them again) gets it started now, and its start sends the first email.
     */
    public void resendVerification(UUID userId) {
        try {
            workflow(userId).resendVerification();
        } catch (WorkflowNotFoundException missing) {
            log.warn("User {} had no onboarding workflow; starting it", userId);
            starter.start(userId);
        }
    }

    private OnboardingWorkflow workflow(UUID userId) {
        return client.newWorkflowStub(OnboardingWorkflow.class, workflowId(userId));
    }
}
