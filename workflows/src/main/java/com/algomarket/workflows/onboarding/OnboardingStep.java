package com.algomarket.workflows.onboarding;

/** The steps of onboarding, in order; the names are part of the REST contract and of the OnboardingStep attribute. */
public enum OnboardingStep {
    VERIFY_EMAIL,
    CONNECT_EXCHANGE,
    BUY_ALGORITHM,
    CREATE_PORTFOLIO,
    DONE
}
