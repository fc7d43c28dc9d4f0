package com.algomarket.api.mode;

import com.algomarket.api.Roles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What production mode needs before it starts, checked all at once: a missing database, Temporal, token key,
 * payload codec key or credentials key (by role: API nodes seal with the public key, workers open with the private one), no payment provider without the explicit choice {@code PAYMENTS=free-only}, no SMTP server without
 * the explicit choice {@code EMAIL=none}. Each problem names the environment variable to set.
 */
public final class ProductionRequirements {

    /** Settings that only a deployment makes: any one of them set means production mode, unless asked otherwise. */
    private static final List<String> DEPLOYMENT_SETTINGS = List.of(
            "DATABASE_URL",
            "TEMPORAL_ADDRESS",
            "JWT_SECRET",
            "CREDENTIALS_PUBLIC_KEYSET",
            "CREDENTIALS_PRIVATE_KEYSET",
            "CREDENTIALS_MASTER_KEYSET",
            "PAYLOAD_CODEC_KEYSET",
            "STRIPE_SECRET_KEY",
            "STRIPE_WEBHOOK_SECRET",
            "PAYMENTS",
            "MAIL_HOST",
            "EMAIL");

    /** Required in production on every node, in the order an operator reads them. */
    private static final List<String> ALWAYS_REQUIRED = List.of(
            "DATABASE_URL",
            "DATABASE_PASSWORD",
            "TEMPORAL_ADDRESS",
            "PAYLOAD_CODEC_KEYSET",
            "CREDENTIALS_FINGERPRINT_KEY");

    /** An API node signs tokens, seals new exchange keys with the public key and encrypts its stored answers. */
    private static final List<String> API_REQUIRED =
            List.of("JWT_SECRET", "CREDENTIALS_PUBLIC_KEYSET", "API_DATA_KEYSET");

    /** A worker alone opens exchange keys. */
    private static final List<String> WORKER_REQUIRED = List.of("CREDENTIALS_PRIVATE_KEYSET");

    private static final Map<String, String> PROPERTIES = Map.ofEntries(
            Map.entry("DATABASE_URL", "algomarket.database.url"),
            Map.entry("DATABASE_PASSWORD", "algomarket.database.password"),
            Map.entry("TEMPORAL_ADDRESS", "algomarket.temporal.address"),
            Map.entry("JWT_SECRET", "algomarket.auth.jwt-secret"),
            Map.entry("CREDENTIALS_MASTER_KEYSET", "algomarket.credentials.master-keyset"),
            Map.entry("CREDENTIALS_PUBLIC_KEYSET", "algomarket.credentials.public-keyset"),
            Map.entry("CREDENTIALS_PRIVATE_KEYSET", "algomarket.credentials.private-keyset"),
            Map.entry("CREDENTIALS_FINGERPRINT_KEY", "algomarket.credentials.fingerprint-key"),
            Map.entry("API_DATA_KEYSET", "algomarket.api.data-keyset"),
            Map.entry("PAYLOAD_CODEC_KEYSET", "algomarket.temporal.payload-codec-keyset"),
            Map.entry("STRIPE_SECRET_KEY", "algomarket.stripe.secret-key"),
            Map.entry("STRIPE_WEBHOOK_SECRET", "algomarket.stripe.webhook-secret"),
            Map.entry("PAYMENTS", "algomarket.payments.provider"),
            Map.entry("MAIL_HOST", "algomarket.mail.host"),
            Map.entry("EMAIL", "algomarket.mail.delivery"),
            Map.entry("PAPER_SERVE", "algomarket.paper.serve"),
            Map.entry("TEMPORAL_TLS_CERT", "algomarket.temporal.tls.cert"),
            Map.entry("TEMPORAL_TLS_KEY", "algomarket.temporal.tls.key"));

    public static final String FREE_ONLY = "free-only";
    public static final String NO_EMAIL = "none";

    private ProductionRequirements() {}

    /** Every problem that keeps production mode from starting; empty when it can start. */
    public static List<String> problems(Function<String, String> property) {
        List<String> problems = new ArrayList<>();
        List<String> required = new ArrayList<>(ALWAYS_REQUIRED);
        if (!"false".equals(value(property, Roles.API_PROPERTY))) {
            required.addAll(API_REQUIRED);
        }
        if (!"false".equals(value(property, Roles.WORKER_PROPERTY))) {
            required.addAll(WORKER_REQUIRED);
        }
        for (String variable : required) {
            if (blank(property, variable)) {
                problems.add(variable);
            }
        }
        paymentProblems(property, problems);
        String email = env(property, "EMAIL");
        if (!email.isEmpty() && !email.equals("smtp") && !email.equals(NO_EMAIL)) {
            problems.add("EMAIL must be 'smtp' or 'none', not '" + email + "'");
        } else if (!email.equals(NO_EMAIL) && blank(property, "MAIL_HOST")) {
            problems.add("MAIL_HOST (or EMAIL=none)");
        }
        if (Boolean.parseBoolean(env(property, "PAPER_SERVE"))) {
            problems.add("PAPER_SERVE=true (the paper venue is served only in the embedded default)");
        }
        if (blank(property, "TEMPORAL_TLS_CERT") != blank(property, "TEMPORAL_TLS_KEY")) {
            problems.add("TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY (both or neither)");
        }
        return problems;
    }

    private static void paymentProblems(Function<String, String> property, List<String> problems) {
        String payments = env(property, "PAYMENTS");
        if (payments.equals(FREE_ONLY)) {
            if (!blank(property, "STRIPE_SECRET_KEY")) {
                problems.add("PAYMENTS=free-only and STRIPE_SECRET_KEY (choose one)");
            }
            return;
        }
        if (!payments.isEmpty() && !payments.equals("stripe")) {
            problems.add("PAYMENTS must be 'stripe' or 'free-only', not '" + payments + "'");
            return;
        }
        if (blank(property, "STRIPE_SECRET_KEY")) {
            problems.add("STRIPE_SECRET_KEY (or PAYMENTS=free-only)");
        }
        if (blank(property, "STRIPE_WEBHOOK_SECRET")) {
            problems.add("STRIPE_WEBHOOK_SECRET (or PAYMENTS=free-only)");
        }
    }

    /** True when any setting that only a deployment makes has a value. */
    static boolean anyConfigured(Function<String, String> property) {
        return DEPLOYMENT_SETTINGS.stream().anyMatch(variable -> !blank(property, variable));
    }

    static String value(Function<String, String> property, String name) {
        String value = property.apply(name);
        return value == null ? "" : value.strip();
    }

    private static String env(Function<String, String> property, String variable) {
        return value(property, PROPERTIES.get(variable));
    }

    private static boolean blank(Function<String, String> property, String variable) {
        return env(property, variable).isEmpty();
    }
}
