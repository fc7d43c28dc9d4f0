/**
 * Onboarding is the workflow {@code onboarding-<userId>}: VERIFY_EMAIL, CONNECT_EXCHANGE, BUY_ALGORITHM,
 * CREATE_PORTFOLIO, DONE. The verification code (6 digits, 5 attempts, 24 h) or the emailed link, a stored
 * connection and a new portfolio advance it by updates with validators (repeating a step changes nothing, skipping
 * ahead is refused); an activated purchase advances it by signal. Its step is a query, the {@code OnboardingStep}
 * search attribute and {@code GET /me/onboarding}. A user who stalls gets reminder emails after 24 h and 72 h in a
 * step ({@code ONBOARDING_REMINDERS}).
 */
package com.algomarket.workflows.onboarding;
