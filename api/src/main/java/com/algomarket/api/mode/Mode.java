package com.algomarket.api.mode;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * How this process runs. The embedded default (servers started inside, generated secrets, the paper venue, simulated
 * payments, the readable outbox) is for a developer's machine: it runs when nothing at all is configured, or when
 * {@code ALGOMARKET_MODE=embedded} asks for it. Anything else is production mode, which starts only when it has
 * everything it needs ({@link ProductionRequirements}).
 */
public enum Mode {
    EMBEDDED,
    PRODUCTION;

    static final String PROPERTY = "algomarket.mode";

    /** Selects the mode from the configuration; a value of ALGOMARKET_MODE that is neither mode refuses to start. */
    static Mode select(Function<String, String> property) {
        String configured = ProductionRequirements.value(property, PROPERTY).toLowerCase(Locale.ROOT);
        return switch (configured) {
            case "embedded" -> EMBEDDED;
            case "production" -> PRODUCTION;
            // One configured setting means a deployment: it must not quietly fall back to generated secrets.
            case "" -> ProductionRequirements.anyConfigured(property) ? PRODUCTION : EMBEDDED;
            default ->
                throw new StartupRefusedException(
                        "ALGOMARKET_MODE is '" + configured + "'.",
                        List.of("ALGOMARKET_MODE must be 'embedded', 'production' or unset"),
                        "Set ALGOMARKET_MODE=production (or leave it unset) for a deployment; embedded only on a"
                                + " developer's machine.");
        };
    }
}
