package com.algomarket.api.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The environment of a child app (a crash test's, the benchmark's worker): the CI's PostgreSQL, a given Temporal, the
 * test's venue and SMTP, and the tests' secrets from {@code config/application.properties}.
 */
public final class ChildAppEnvironment {

    private ChildAppEnvironment() {}

    public static Map<String, String> of(String temporalAddress, String paperUrl, int smtpPort, Path dataDir) {
        Properties secrets = testProperties();
        Map<String, String> environment = new HashMap<>();
        ServerEnvironment.Database owner = ServerEnvironment.owner();
        environment.put("DATABASE_URL", owner.url());
        environment.put("DATABASE_USER", owner.user());
        environment.put("DATABASE_PASSWORD", owner.password());
        environment.put("TEMPORAL_ADDRESS", temporalAddress);
        environment.put("JWT_SECRET", secrets.getProperty("algomarket.auth.jwt-secret"));
        Map.of(
                        "CREDENTIALS_MASTER_KEYSET", "algomarket.credentials.master-keyset",
                        "CREDENTIALS_PUBLIC_KEYSET", "algomarket.credentials.public-keyset",
                        "CREDENTIALS_PRIVATE_KEYSET", "algomarket.credentials.private-keyset",
                        "CREDENTIALS_FINGERPRINT_KEY", "algomarket.credentials.fingerprint-key",
                        "API_DATA_KEYSET", "algomarket.api.data-keyset",
                        "PAYLOAD_CODEC_KEYSET", "algomarket.temporal.payload-codec-keyset",
                        "OPERATOR_TOKEN", "algomarket.operator.token")
                .forEach((variable, property) -> environment.put(variable, secrets.getProperty(property)));
        // The tests' raised per-address abuse limits (every subscriber registers from 127.0.0.1), as the variables
        // Spring's relaxed binding reads: algomarket.abuse.limits.login.per-ip -> ALGOMARKET_ABUSE_LIMITS_LOGIN_PERIP.
        secrets.stringPropertyNames().stream()
                .filter(property -> property.startsWith("algomarket.abuse."))
                .forEach(property -> environment.put(
                        property.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT),
                        secrets.getProperty(property)));
        environment.put("PAPER_URL", paperUrl);
        environment.put("PAPER_WEIGHT_PER_MINUTE", "1000000");
        environment.put("MAIL_HOST", "127.0.0.1");
        environment.put("MAIL_PORT", Integer.toString(smtpPort));
        // Production mode, as deployed: the crash runs' algorithms are free, so no payment provider is needed.
        environment.put("PAYMENTS", "free-only");
        environment.put("ALGOMARKET_DATA_DIR", dataDir.toString());
        // Ten signals a portfolio in a minute or two; the default limit of 10 a minute would refuse some.
        environment.put("RISK_MAX_ORDERS_PER_MINUTE", "100");
        // At each restart the app would ask every connection in the shared CI database to reconcile, against a venue
        // that knows none of theirs: noise that is not what this test measures.
        environment.put("ALGOMARKET_RECONCILIATION_ONWORKERSTART", "false");
        // Likewise the daily valuation and the hourly track records: they would price every portfolio of the shared
        // database at this run's venue at each restart.
        environment.put("ALGOMARKET_PERIODICWORKFLOWS_ONWORKERSTART", "false");
        return environment;
    }

    /** The payload codec's keyset the child app encrypts its Temporal payloads with, for a test's own client. */
    public static String payloadCodecKeyset() {
        return testProperties().getProperty("algomarket.temporal.payload-codec-keyset");
    }

    /** The tests' configuration, whose keys and secrets the child app is given as its environment. */
    private static Properties testProperties() {
        Properties secrets = new Properties();
        try (InputStream in = ChildAppEnvironment.class.getResourceAsStream("/config/application.properties")) {
            secrets.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return secrets;
    }
}
