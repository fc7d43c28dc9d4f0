package com.algomarket.workflows.onboarding;

import java.util.List;

/**
 * Starts the onboarding of a user who has just registered. {@code reminderAfterSeconds}: after how long in a step the
 * user is reminded, measured from entering the step (null: {@link #DEFAULT_REMINDERS}, 24 h and 72 h).
 */
public record OnboardingInput(String userId, List<Long> reminderAfterSeconds) {

    public static final List<Long> DEFAULT_REMINDERS = List.of(24 * 3600L, 72 * 3600L);

    public OnboardingInput(String userId) {
        this(userId, null);
    }

    public List<Long> reminders() {
        return reminderAfterSeconds == null ? DEFAULT_REMINDERS : reminderAfterSeconds;
    }
}
