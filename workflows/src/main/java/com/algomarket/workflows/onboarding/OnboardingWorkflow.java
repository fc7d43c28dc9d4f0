package com.algomarket.workflows.onboarding;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Leads a registered user from email verification to a first portfolio. One per user: {@link #workflowId}. */
@WorkflowInterface
public interface OnboardingWorkflow {

    static String workflowId(String userId) {
        return "onboarding-" + userId;
    }

    @WorkflowMethod
    OnboardingOutcome onboard(OnboardingInput input);

    @QueryMethod
    OnboardingStep currentStep();
}
