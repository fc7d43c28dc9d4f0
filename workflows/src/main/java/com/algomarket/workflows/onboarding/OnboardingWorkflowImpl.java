package com.algomarket.workflows.onboarding;

import static com.algomarket.workflows.common.ActivityStubOptions.attempts;
import static com.algomarket.workflows.common.ActivityStubOptions.retryWithBackoff;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;

import com.algomarket.workflows.common.SearchAttributeKeys;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.List;

public class OnboardingWorkflowImpl implements OnboardingWorkflow {

    /**
     * Version 1 added the steps after verification and the reminders. Histories recorded before it (the workflow
     * waited in VERIFY_EMAIL without a timer and completed once verified) still replay through the default branch.
     */
    static final String STEPS_AND_REMINDERS = "steps-and-reminders";

    private static final List<OnboardingStep> WAITING_STEPS = List.of(
            OnboardingStep.VERIFY_EMAIL,
            OnboardingStep.CONNECT_EXCHANGE,
            OnboardingStep.BUY_ALGORITHM,
            OnboardingStep.CREATE_PORTFOLIO);

    // Sending an email is worth retrying for as long as the mail server is down: the user is waiting for it, and a
    // late email is better than none. Only a missing user is final.
    private final OnboardingActivities activities = Workflow.newActivityStub(
            OnboardingActivities.class,
            attempts(
                    ofSeconds(30),
                    retryWithBackoff(ofSeconds(1), 2.0, ofMinutes(5), OnboardingFailure.USER_NOT_FOUND.name())));

    // Set before the workflow method runs: an update delivered with the first workflow task is validated before it.
    private OnboardingStep step = OnboardingStep.VERIFY_EMAIL;
    private String userId;

    @Override
    public OnboardingOutcome onboard(OnboardingInput input) {
        userId = input.userId();
        moveTo(step); // VERIFY_EMAIL, unless an early update has moved it on already

        try {
            activities.sendVerificationEmail(
                    new SendVerificationEmailInput(userId, Workflow.randomUUID().toString()));
        } catch (ActivityFailure failure) {
            if (failure.getCause() instanceof ApplicationFailure cause
                    && OnboardingFailure.USER_NOT_FOUND.name().equals(cause.getType())) {
                return OnboardingOutcome.USER_NOT_FOUND;
            }
            throw failure;
        }
        if (Workflow.getVersion(STEPS_AND_REMINDERS, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
            Workflow.await(() -> step != OnboardingStep.VERIFY_EMAIL);
            return OnboardingOutcome.COMPLETED;
        }
        for (OnboardingStep waitingIn : WAITING_STEPS) {
            awaitNextStep(waitingIn, input.reminders());
        }
        return OnboardingOutcome.COMPLETED;
    }

    /** Waits until the user leaves {@code waitingIn}, reminding them at each delay (counted from entering it). */
    private void awaitNextStep(OnboardingStep waitingIn, List<Long> reminderAfterSeconds) {
        long waitedSeconds = 0;
        int number = 0;
        for (long reminderAt : reminderAfterSeconds) {
            boolean moved = Workflow.await(ofSeconds(Math.max(0, reminderAt - waitedSeconds)), () -> step != waitingIn);
            if (moved) {
                return;
            }
            waitedSeconds = Math.max(waitedSeconds, reminderAt);
            activities.sendReminder(new SendReminderInput(userId, waitingIn, ++number));
        }
        Workflow.await(() -> step != waitingIn);
    }

    @Override
    public OnboardingStep currentStep() {
        return step;
    }

    @Override
    public OnboardingStep emailVerified() {
        return advancePast(OnboardingStep.VERIFY_EMAIL);
    }

    @Override
    public void validateEmailVerified() {
        requireReached(OnboardingStep.VERIFY_EMAIL);
    }

    @Override
    public OnboardingStep exchangeConnected(String connectionId) {
        return advancePast(OnboardingStep.CONNECT_EXCHANGE);
    }

    @Override
    public void validateExchangeConnected(String connectionId) {
        requireReached(OnboardingStep.CONNECT_EXCHANGE);
    }

    @Override
    public void purchaseActivated(String purchaseId) {
        advancePast(OnboardingStep.BUY_ALGORITHM);
    }

    @Override
    public OnboardingStep portfolioCreated(String portfolioId) {
        return advancePast(OnboardingStep.CREATE_PORTFOLIO);
    }

    @Override
    public void validatePortfolioCreated(String portfolioId) {
        requireReached(OnboardingStep.CREATE_PORTFOLIO);
    }

    @Override
    public void resendVerification() {
        activities.sendVerificationEmail(
                new SendVerificationEmailInput(userId, Workflow.randomUUID().toString()));
    }

    @Override
    public void validateResendVerification() {
        if (step != OnboardingStep.VERIFY_EMAIL) {
            throw new IllegalStateException("the email is verified already");
        }
    }

    /** Moves to the step after {@code completed}; a step passed already stays passed (the update is idempotent). */
    private OnboardingStep advancePast(OnboardingStep completed) {
        if (step == completed) {
            moveTo(OnboardingStep.values()[completed.ordinal() + 1]);
        }
        return step;
    }

    /** Rejects completing a step the user has not reached yet, e.g. connecting an exchange before verifying. */
    private void requireReached(OnboardingStep required) {
        if (step == null || step.ordinal() < required.ordinal()) {
            throw new IllegalStateException("onboarding is at " + step + "; " + required + " comes later");
        }
    }

    private void moveTo(OnboardingStep next) {
        step = next;
        Workflow.upsertTypedSearchAttributes(SearchAttributeKeys.ONBOARDING_STEP.valueSet(next.name()));
    }
}
