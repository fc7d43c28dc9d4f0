package com.algomarket.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.api.support.Http;
import com.algomarket.api.support.Ports;
import com.algomarket.api.support.ServerEnvironment;
import com.algomarket.workflows.support.Await;
import io.temporal.testserver.TestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code /actuator/health} follows its dependencies (its components, as the operator token sees them): DOWN (503) while the database or Temporal is unreachable, UP
 * again when they return. The app runs against a database of its own on the real PostgreSQL, which the test can
 * close to connections, and a Temporal server the test owns, which it can stop.
 */
class HealthIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path dataDirectory;

    private final String database =
            "algomarket_health_" + UUID.randomUUID().toString().substring(0, 8);
    private final int temporalPort = Ports.free();
    private TestServer.PortBoundTestServer temporal;
    private ConfigurableApplicationContext app;

    @BeforeEach
    void startApp() throws SQLException {
        admin("CREATE DATABASE " + database);
        temporal = TestServer.createPortBoundServer(temporalPort, false);
        app = new SpringApplicationBuilder(AlgoMarketApplication.class)
                .run(
                        "--algomarket.database.url="
                                + ServerEnvironment.owner().in(database).url(),
                        "--algomarket.temporal.address=127.0.0.1:" + temporalPort,
                        "--algomarket.data-dir=" + dataDirectory,
                        "--server.port=0",
                        // Fail fast when the database refuses connections, instead of waiting the pool's default 30 s.
                        "--spring.datasource.hikari.connection-timeout=1000");
    }

    @AfterEach
    void stopApp() throws SQLException {
        if (app != null) {
            app.close();
        }
        if (temporal != null) {
            temporal.close();
        }
        ServerEnvironment.owner().drop(database);
    }

    @Test
    void givenTemporalGoesAway_whenHealthIsChecked_thenDownUntilItReturns() {
        Http http = operator();
        awaitHealth(http, 200, "UP", "UP");

        temporal.close();
        temporal = null;
        Http.Response down = awaitHealth(http, 503, "DOWN", "UP");
        assertThat(down.contentType()).contains("json");

        temporal = TestServer.createPortBoundServer(temporalPort, false);
        awaitHealth(http, 200, "UP", "UP");
    }

    @Test
    void givenDatabaseRefusesConnections_whenHealthIsChecked_thenDownUntilItAcceptsThemAgain() throws SQLException {
        Http http = operator();
        awaitHealth(http, 200, "UP", "UP");

        admin("ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS false");
        admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
        awaitHealth(http, 503, "UP", "DOWN");

        admin("ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS true");
        awaitHealth(http, 200, "UP", "UP");
    }

    /** Which dependency is down is shown to the operator token only. */
    private Http operator() {
        return new Http(Ports.httpPort(app))
                .withBearer(app.getEnvironment().getRequiredProperty("algomarket.operator.token"));
    }

    private static Http.Response awaitHealth(Http http, int status, String temporalStatus, String dbStatus) {
        return Await.until(
                DEADLINE,
                () -> http.get("/actuator/health"),
                health -> health.status() == status
                        && health.body()
                                .at("/components/temporal/status")
                                .asString()
                                .equals(temporalStatus)
                        && health.body().at("/components/db/status").asString().equals(dbStatus));
    }

    private static void admin(String sql) throws SQLException {
        try (Connection connection = ServerEnvironment.owner().connect();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
