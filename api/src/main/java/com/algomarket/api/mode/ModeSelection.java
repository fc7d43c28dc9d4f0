package com.algomarket.api.mode;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Chooses the {@link Mode} before any bean exists. Production mode with a missing setting stops here, naming every
 * missing variable at once. The embedded default is published as {@link #EMBEDDED_PROPERTY}: the development
 * endpoints, simulated payments and generated secrets exist only where it is true.
 */
public class ModeSelection implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** True only in the embedded default. */
    public static final String EMBEDDED_PROPERTY = "algomarket.embedded.active";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        Mode mode = Mode.select(environment::getProperty);
        if (mode == Mode.PRODUCTION) {
            List<String> problems = ProductionRequirements.problems(environment::getProperty);
            if (!problems.isEmpty()) {
                throw new StartupRefusedException(
                        "Production mode cannot start without:",
                        problems,
                        "Set these environment variables (README \"Configure\"). The embedded default, for a"
                                + " developer's machine only, runs with nothing configured or with"
                                + " ALGOMARKET_MODE=embedded.");
            }
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put(EMBEDDED_PROPERTY, mode == Mode.EMBEDDED);
        properties.put(Mode.PROPERTY, mode.name().toLowerCase(Locale.ROOT));
        migrationCredentials(environment, properties);
        environment.getPropertySources().addFirst(new MapPropertySource("mode", properties));
    }

    /**
     * Flyway migrates as the schema's owner when {@code DATABASE_MIGRATION_USER} is set, while the app's pool uses the
     * runtime role of {@code DATABASE_USER}. (Spring Boot would open a separate connection for Flyway even for an empty
     * user, so the properties are set only when there is one.)
     */
    private static void migrationCredentials(ConfigurableEnvironment environment, Map<String, Object> properties) {
        String user = environment.getProperty("algomarket.database.migration-user", "");
        if (!user.isBlank()) {
            properties.put("spring.flyway.user", user);
            properties.put(
                    "spring.flyway.password", environment.getProperty("algomarket.database.migration-password", ""));
        }
    }
}
