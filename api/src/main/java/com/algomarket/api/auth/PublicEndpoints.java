package com.algomarket.api.auth;

import java.util.List;

/**
 * The endpoints anyone may call without a token: the security chain permits them, and the OpenAPI document shows
 * them without the bearer requirement. One list, so that the two never disagree.
 */
public final class PublicEndpoints {

    /** Spring path patterns. */
    public static final List<String> PATTERNS = List.of(
            "/api/v1/auth/register",
            "/api/v1/auth/verify",
            "/api/v1/auth/resend-verification",
            "/api/v1/auth/login",
            // Developer endpoints of the embedded default (404 elsewhere).
            "/api/v1/dev/**",
            "/api/v1/paper/**",
            // Stripe's webhook authenticates by its signature.
            "/api/v1/payments/stripe/webhook",
            // Signal hooks authenticate by the secret token in their path.
            "/api/v1/hooks/signals/*");

    private PublicEndpoints() {}
}
