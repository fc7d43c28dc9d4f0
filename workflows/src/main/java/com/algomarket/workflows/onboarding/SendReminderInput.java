package com.algomarket.workflows.onboarding;

/** The {@code number}-th reminder (1, 2, ...) to a user who has been waiting in {@code step}. */
public record SendReminderInput(String userId, OnboardingStep step, int number) {}
