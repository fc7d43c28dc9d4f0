package com.algomarket.workflows.onboarding;

/** How an onboarding ended. */
public enum OnboardingOutcome {
    COMPLETED,
    /** The user row was gone when the workflow looked it up: a registration whose transaction never committed. */
    USER_NOT_FOUND
}
