package com.algomarket.api.embedded;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The embedded default: when no {@code DATABASE_URL} or no {@code TEMPORAL_ADDRESS} is configured, starts the missing
 * server inside (or beside) the app before any bean needs it, and points Spring's properties at it. With both set,
 * this does nothing: the same build runs against real servers without a code change.
 */
public class EmbeddedInfrastructure
        implements ApplicationContextInitializer<ConfigurableApplicationContext>, AutoCloseable {

    /** True when this process serves its own database or Temporal; the developer endpoints exist only then. */
    public static final String ACTIVE_PROPERTY = "algomarket.embedded.active";

    public static final String TEMPORAL_WEB_UI_PROPERTY = "algomarket.embedded.temporal-web-ui";

    /** Where the embedded default keeps the operator token, printed at start-up. */
    public static final String OPERATOR_TOKEN_FILE_PROPERTY = "algomarket.embedded.operator-token-file";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

    private EmbeddedPostgresServer postgres;
    private EmbeddedTemporalServer temporal;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        boolean needsDatabase =
                environment.getProperty("algomarket.database.url", "").isBlank();
        boolean needsTemporal =
                environment.getProperty("algomarket.temporal.address", "").isBlank();
        if (!needsDatabase && !needsTemporal) {
            return;
        }
        EmbeddedInfrastructure infrastructure = new EmbeddedInfrastructure();
        // Registered before any other bean, so Spring destroys it last: workers and connection pools stop first.
        ((DefaultListableBeanFactory) context.getBeanFactory())
                .registerDisposableBean("embeddedInfrastructure", infrastructure::close);
        context.getBeanFactory().registerSingleton("embeddedInfrastructure", infrastructure);

        Path dataDirectory =
                Path.of(environment.getProperty("algomarket.data-dir", "data")).toAbsolutePath();
        Map<String, Object> properties = new HashMap<>();
        properties.put(ACTIVE_PROPERTY, true);
        // The embedded default serves the paper venue, and has its secrets generated rather than configured.
        properties.put("algomarket.paper.serve", true);
        DevSecrets.fill(properties, dataDirectory, key -> environment.getProperty(key, ""));
        properties.put(
                OPERATOR_TOKEN_FILE_PROPERTY,
                dataDirectory.resolve(DevSecrets.OPERATOR_TOKEN_FILE).toString());
        try {
            if (needsDatabase) {
                infrastructure.postgres = EmbeddedPostgresServer.start(
                        dataDirectory.resolve("postgres"),
                        environment.getProperty("algomarket.embedded.postgres-port", Integer.class, 0));
                properties.put("spring.datasource.url", infrastructure.postgres.jdbcUrl());
                properties.put("spring.datasource.username", "postgres");
                properties.put("spring.datasource.password", "");
            }
            if (needsTemporal) {
                infrastructure.temporal = EmbeddedTemporalServer.start(
                        environment.getProperty("algomarket.embedded.temporal-port", Integer.class, 7233),
                        environment.getProperty("algomarket.embedded.temporal-ui-port", Integer.class, 8233),
                        environment.getProperty("algomarket.embedded.temporal-cli", Boolean.class, true),
                        dataDirectory.resolve("temporal"),
                        environment.getProperty("algomarket.public-url", "") + "/codec");
                properties.put("spring.temporal.connection.target", infrastructure.temporal.address());
                if (infrastructure.temporal.webUiUrl() != null) {
                    properties.put(TEMPORAL_WEB_UI_PROPERTY, infrastructure.temporal.webUiUrl());
                    // The origin the codec endpoints allow (CORS), unless another UI is configured.
                    if (environment
                            .getProperty("algomarket.temporal.web-ui", "")
                            .isBlank()) {
                        properties.put("algomarket.temporal.web-ui", infrastructure.temporal.webUiUrl());
                    }
                }
            }
        } catch (RuntimeException e) {
            infrastructure.close();
            throw e;
        }
        environment.getPropertySources().addFirst(new MapPropertySource("embeddedInfrastructure", properties));
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
