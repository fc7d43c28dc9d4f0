package com.algomarket.workflows.onboarding;

/** Starts the onboarding of a user who has just registered. */
public record OnboardingInput(String userId) {
}
