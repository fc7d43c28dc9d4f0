package com.algomarket.workflows.onboarding;

import com.algomarket.workflows.common.SearchAttributeKeys;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class OnboardingWorkflowImpl implements OnboardingWorkflow {

    // Sending an email is worth retrying for as long as the mail server is down: the user is waiting for it, and a
    // late email is better than none. Only a missing user is final.
    private final OnboardingActivities activities = Workflow.newActivityStub(
            OnboardingActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(RetryOptions.newBuilder()
                            .setInitialInterval(Duration.ofSeconds(1))
                            .setBackoffCoefficient(2.0)
                            .setMaximumInterval(Duration.ofMinutes(5))
                            .setDoNotRetry(OnboardingFailure.USER_NOT_FOUND.name())
                            .build())
                    .build());

    private OnboardingStep step;

    @Override
    public OnboardingOutcome onboard(OnboardingInput input) {
        moveTo(OnboardingStep.VERIFY_EMAIL);
        String verificationId = Workflow.randomUUID().toString();
        try {
            activities.sendVerificationEmail(new SendVerificationEmailInput(input.userId(), verificationId));
        } catch (ActivityFailure failure) {
            if (failure.getCause() instanceof ApplicationFailure cause
                    && OnboardingFailure.USER_NOT_FOUND.name().equals(cause.getType())) {
                return OnboardingOutcome.USER_NOT_FOUND;
            }
            throw failure;
        }
        // The verification and the later steps are advanced by updates (issue "Onboarding"); until then the
        // workflow waits in VERIFY_EMAIL.
        Workflow.await(() -> step != OnboardingStep.VERIFY_EMAIL);
        return OnboardingOutcome.COMPLETED;
    }

    @Override
    public OnboardingStep currentStep() {
        return step;
    }

    private void moveTo(OnboardingStep next) {
        step = next;
        Workflow.upsertTypedSearchAttributes(SearchAttributeKeys.ONBOARDING_STEP.valueSet(next.name()));
    }
}
