package com.algomarket.workflows.onboarding;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Leads a registered user from email verification to a first portfolio. One per user: {@code onboarding-<userId>}.
 *
 * <p>Each step is advanced by an update, so the REST call that completed the step learns synchronously where the
 * user stands. The updates are idempotent: advancing a step the user has already passed changes nothing and answers
 * the current step; only skipping ahead (connecting an exchange before verifying) is rejected by the validator.
 */
@WorkflowInterface
public interface OnboardingWorkflow {

    @WorkflowMethod
    OnboardingOutcome onboard(OnboardingInput input);

    @QueryMethod
    OnboardingStep currentStep();

    @UpdateMethod
    OnboardingStep emailVerified();

    @UpdateValidatorMethod(updateName = "emailVerified")
    void validateEmailVerified();

    @UpdateMethod
    OnboardingStep exchangeConnected(String connectionId);

    @UpdateValidatorMethod(updateName = "exchangeConnected")
    void validateExchangeConnected(String connectionId);

    /**
     * A purchase became active. A signal rather than an update: the purchase workflow sends it, and a workflow can
     * signal another but not update it. Ignored unless the user is at BUY_ALGORITHM.
     */
    @SignalMethod
    void purchaseActivated(String purchaseId);

    @UpdateMethod
    OnboardingStep portfolioCreated(String portfolioId);

    @UpdateValidatorMethod(updateName = "portfolioCreated")
    void validatePortfolioCreated(String portfolioId);

    /** Emails a new code and link (the old ones stay valid until they expire); only while verifying. */
    @UpdateMethod
    void resendVerification();

    @UpdateValidatorMethod(updateName = "resendVerification")
    void validateResendVerification();
}
