package com.algomarket.api.embedded;

import com.algomarket.api.mode.ModeSelection;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import lombok.extern.slf4j.Slf4j;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The servers and secrets of the embedded default ({@link ModeSelection}): starts PostgreSQL and Temporal where they
 * are not configured, inside (or beside) the app before any bean needs them, points Spring's properties at them, and
 * generates the secrets nobody gave. In production mode this does nothing. The production jar holds no embedded
 * servers (optional dependencies, which Spring Boot's repackaging leaves out): there the embedded default refuses to
 * start and says so.
 */
@Slf4j
public class EmbeddedInfrastructure
        implements ApplicationContextInitializer<ConfigurableApplicationContext>, AutoCloseable {

    public static final String TEMPORAL_WEB_UI_PROPERTY = "algomarket.embedded.temporal-web-ui";

    /** Where the embedded default keeps the operator token, printed at start-up. */
    public static final String OPERATOR_TOKEN_FILE_PROPERTY = "algomarket.embedded.operator-token-file";

    private EmbeddedPostgresServer postgres;
    private EmbeddedTemporalServer temporal;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        if (!environment.getProperty(ModeSelection.EMBEDDED_PROPERTY, Boolean.class, false)) {
            return;
        }
        boolean needsDatabase =
                environment.getProperty("algomarket.database.url", "").isBlank();
        boolean needsTemporal =
                environment.getProperty("algomarket.temporal.address", "").isBlank();
        boolean temporalCli = environment.getProperty("algomarket.embedded.temporal-cli", Boolean.class, true);
        // Before anything is written or started: a build without the embedded servers says so and stops.
        EmbeddedServers.requireInThisBuild(needsDatabase, needsTemporal, temporalCli);
        Path dataDirectory =
                Path.of(environment.getProperty("algomarket.data-dir", "data")).toAbsolutePath();
        Map<String, Object> properties = new HashMap<>();
        DevSecrets.fill(properties, dataDirectory, key -> environment.getProperty(key, ""));
        properties.put(
                OPERATOR_TOKEN_FILE_PROPERTY,
                dataDirectory.resolve(DevSecrets.OPERATOR_TOKEN_FILE).toString());
        if (needsDatabase || needsTemporal) {
            EmbeddedInfrastructure infrastructure = new EmbeddedInfrastructure();
            // Registered before any other bean, so Spring destroys it last: workers and connection pools stop first.
            ((DefaultListableBeanFactory) context.getBeanFactory())
                    .registerDisposableBean("embeddedInfrastructure", infrastructure::close);
            context.getBeanFactory().registerSingleton("embeddedInfrastructure", infrastructure);
            infrastructure.start(environment, dataDirectory, needsDatabase, needsTemporal, properties);
            // A laptop with nothing installed trades on the paper venue this app serves.
            properties.put("algomarket.paper.serve", true);
        }
        environment.getPropertySources().addFirst(new MapPropertySource("embeddedInfrastructure", properties));
    }

    private void start(
            ConfigurableEnvironment environment,
            Path dataDirectory,
            boolean needsDatabase,
            boolean needsTemporal,
            Map<String, Object> properties) {
        try {
            if (needsDatabase) {
                postgres = EmbeddedPostgresServer.start(
                        dataDirectory.resolve("postgres"),
                        environment.getProperty("algomarket.embedded.postgres-port", Integer.class, 0));
                properties.put("spring.datasource.url", postgres.jdbcUrl());
                properties.put("spring.datasource.username", "postgres");
                properties.put("spring.datasource.password", "");
                // One role owns and uses the embedded database, so V7 has nothing to grant.
                properties.put("spring.flyway.placeholders.app_role", "postgres");
            }
            if (needsTemporal) {
                temporal = EmbeddedTemporalServer.start(
                        environment.getProperty("algomarket.embedded.temporal-port", Integer.class, 7233),
                        environment.getProperty("algomarket.embedded.temporal-ui-port", Integer.class, 8233),
                        environment.getProperty("algomarket.embedded.temporal-cli", Boolean.class, true),
                        dataDirectory.resolve("temporal"),
                        environment.getProperty("algomarket.public-url", "") + "/api/v1/codec");
                properties.put("spring.temporal.connection.target", temporal.address());
                if (temporal.webUiUrl() != null) {
                    properties.put(TEMPORAL_WEB_UI_PROPERTY, temporal.webUiUrl());
                    // The origin the codec endpoints allow (CORS), unless another UI is configured.
                    if (environment
                            .getProperty("algomarket.temporal.web-ui", "")
                            .isBlank()) {
                        properties.put("algomarket.temporal.web-ui", temporal.webUiUrl());
                    }
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (temporal != null) {
            temporal.close();
            temporal = null;
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (Exception e) {
                log.warn("Embedded PostgreSQL did not stop cleanly", e);
            }
            postgres = null;
        }
    }
}
