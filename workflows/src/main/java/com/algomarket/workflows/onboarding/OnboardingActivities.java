package com.algomarket.workflows.onboarding;

import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface OnboardingActivities {

    /**
     * Creates a verification (6-digit code and link, both expiring) for the user and emails it. Fails with
     * {@link OnboardingFailure#USER_NOT_FOUND} when the user does not exist.
     */
    void sendVerificationEmail(SendVerificationEmailInput input);

    /**
     * Emails a reminder of the step the user has stalled in. At least once: an email that left before a crash may go
     * out again on the retry, which for a reminder is harmless.
     */
    void sendReminder(SendReminderInput input);
}
