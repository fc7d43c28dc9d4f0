package com.algomarket.workflows.onboarding;

/**
 * Sends one verification email. The verification id comes from the workflow, so a retried activity finds the row
 * of its earlier attempt and sends that email at most once.
 */
public record SendVerificationEmailInput(String userId, String verificationId) {}
