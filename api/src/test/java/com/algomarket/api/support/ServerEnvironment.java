package com.algomarket.api.support;

import static org.assertj.core.api.Assertions.fail;

/**
 * The real PostgreSQL and Temporal that *IT tests run against, from the same environment variables the app reads.
 * Missing variables fail the test with instructions: an IT never skips silently.
 */
public final class ServerEnvironment {

    private ServerEnvironment() {}

    public static String databaseUrl() {
        return require("DATABASE_URL");
    }

    public static String databaseUser() {
        return require("DATABASE_USER");
    }

    public static String databasePassword() {
        return require("DATABASE_PASSWORD");
    }

    /** The runtime role (.ci/run creates it): DML on business tables, INSERT only on audit_log once V7 ran. */
    public static String databaseAppUser() {
        return require("DATABASE_APP_USER");
    }

    public static String databaseAppPassword() {
        return require("DATABASE_APP_PASSWORD");
    }

    public static String temporalAddress() {
        return require("TEMPORAL_ADDRESS");
    }

    /** stripe-mock's base URL (CI: http://127.0.0.1:12111; `go install github.com/stripe/stripe-mock@latest`). */
    public static String stripeApiBase() {
        return require("STRIPE_API_BASE");
    }

    private static String require(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            fail(name + " is not set. *IT tests need a real PostgreSQL (DATABASE_URL, DATABASE_USER, "
                    + "DATABASE_PASSWORD) and Temporal (TEMPORAL_ADDRESS); .ci/run starts both and sets them.");
        }
        return value;
    }
}
