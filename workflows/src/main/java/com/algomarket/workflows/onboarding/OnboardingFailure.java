package com.algomarket.workflows.onboarding;

/** Failure types of the onboarding activities that no retry can fix. */
public enum OnboardingFailure {
    USER_NOT_FOUND
}
