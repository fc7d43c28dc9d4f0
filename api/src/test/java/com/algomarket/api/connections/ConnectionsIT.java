package com.algomarket.api.connections;

import static com.algomarket.api.support.Problems.assertProblem;
import static com.algomarket.db.jooq.Tables.EXCHANGE_CONNECTIONS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.paper.PaperExchange;
import com.algomarket.activities.paper.PaperExchange.Permission;
import com.algomarket.api.support.Http;
import com.algomarket.api.support.OnPaperVenue;
import com.algomarket.api.support.PaperVenue;
import com.algomarket.api.support.RealServers;
import com.algomarket.api.support.TestUsers;
import com.algomarket.workflows.connections.ConnectionStatus;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import org.jooq.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Exchange connections through REST, against the real PostgreSQL and Temporal dev server and a paper venue that this
 * test starts on its own: PAPER connections reach it through XChange's Binance module like a Binance account.
 */
@RealServers
@PaperVenue(seed = 3, weightPerMinute = 6_000)
@ExtendWith(OutputCaptureExtension.class)
class ConnectionsIT extends OnPaperVenue {

    private Http anonymous;

    private Http user;
    private UUID userId;

    @BeforeEach
    void verifiedUser() {
        anonymous = users.anonymous();
        TestUsers.TestUser verified = users.verified("USER");
        userId = verified.id();
        user = verified.http();
    }

    @Test
    void givenReadTradeKey_whenConnected_thenStoredEncryptedAndSecretNeverAnswered(CapturedOutput output) {
        PaperExchange.ApiKey key = venue.exchange()
                .createKey(EnumSet.of(Permission.READ, Permission.TRADE), Map.of("EUR", new BigDecimal("5000")));

        Http.Response created = connect(user, "PAPER", "main", key.apiKey(), key.secret(), null);

        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.body().get("status").asString()).isEqualTo("ACTIVE");
        assertThat(created.body().get("exchange").asString()).isEqualTo("PAPER");
        assertThat(created.body().get("permissions").get("read").asBoolean()).isTrue();
        assertThat(created.body().get("permissions").get("trade").asBoolean()).isTrue();
        assertThat(created.body().get("permissions").get("withdraw").asBoolean())
                .isFalse();
        assertThat(created.raw()).doesNotContain(key.secret()).doesNotContain(key.apiKey());
        assertThat(user.get("/api/v1/me/onboarding").body().get("step").asString())
                .isEqualTo("BUY_ALGORITHM");

        UUID id = UUID.fromString(created.body().get("id").asString());
        Record row = dsl.selectFrom(EXCHANGE_CONNECTIONS)
                .where(EXCHANGE_CONNECTIONS.ID.eq(id))
                .fetchOne();
        assertThat(new String(row.get(EXCHANGE_CONNECTIONS.API_SECRET_CIPHERTEXT), StandardCharsets.ISO_8859_1))
                .doesNotContain(key.secret());
        assertThat(new String(row.get(EXCHANGE_CONNECTIONS.API_KEY_CIPHERTEXT), StandardCharsets.ISO_8859_1))
                .doesNotContain(key.apiKey());
        assertThat(row.get(EXCHANGE_CONNECTIONS.KEY_FINGERPRINT)).doesNotContain(key.apiKey());

        Http.Response list = user.get("/api/v1/connections");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).hasSize(1);
        assertThat(list.body().get(0).get("balances").get(0).get("asset").asString())
                .isEqualTo("EUR");
        assertThat(new BigDecimal(
                        list.body().get(0).get("balances").get(0).get("free").asString()))
                .isEqualByComparingTo("5000");
        assertThat(list.raw()).doesNotContain(key.secret());

        assertThat(output.getAll()).doesNotContain(key.secret()).doesNotContain(key.apiKey());
    }

    @Test
    void givenKeysThatMayWithdrawOrMayNotTradeOrAreWrong_whenConnected_then422AndNothingStored() {
        PaperExchange.ApiKey withdrawing = venue.exchange()
                .createKey(EnumSet.of(Permission.READ, Permission.TRADE, Permission.WITHDRAW), Map.of());
        PaperExchange.ApiKey readOnly = venue.exchange().createKey(EnumSet.of(Permission.READ), Map.of());

        assertProblem(
                connect(user, "PAPER", "w", withdrawing.apiKey(), withdrawing.secret(), null),
                422,
                "withdraw-permission-enabled");
        assertProblem(
                connect(user, "PAPER", "r", readOnly.apiKey(), readOnly.secret(), null),
                422,
                "trade-permission-missing");
        assertProblem(connect(user, "PAPER", "x", readOnly.apiKey(), "s".repeat(64), null), 422, "invalid-credentials");
        assertThat(dsl.fetchCount(EXCHANGE_CONNECTIONS, EXCHANGE_CONNECTIONS.USER_ID.eq(userId)))
                .isZero();
    }

    @Test
    void givenMalformedInput_whenConnected_then422ProblemsAndNothingStored() {
        PaperExchange.ApiKey key = venue.exchange().createKey(EnumSet.of(Permission.READ, Permission.TRADE), Map.of());

        assertProblem(connect(user, "FTX", "a", key.apiKey(), key.secret(), null), 422, "validation-failed");
        assertProblem(connect(user, "PAPER", "b", " " + key.apiKey(), key.secret(), null), 422, "validation-failed");
        assertProblem(connect(user, "PAPER", "c", "", key.secret(), null), 422, "validation-failed");
        assertProblem(
                connect(user, "PAPER", "d", key.apiKey(), key.secret().substring(1), null), 422, "validation-failed");
        assertProblem(connect(user, "PAPER", "e", key.apiKey(), key.secret(), "passphrase"), 422, "validation-failed");
        assertProblem(connect(user, "KUCOIN", "f", "k".repeat(24), "s".repeat(36), null), 422, "validation-failed");
        assertProblem(user.postJson("/api/v1/connections", "{\"exchange\": 7}"), 422, "validation-failed");
        assertProblem(user.postJson("/api/v1/connections", "not json"), 400, "malformed-request");
        assertThat(dsl.fetchCount(EXCHANGE_CONNECTIONS, EXCHANGE_CONNECTIONS.USER_ID.eq(userId)))
                .isZero();
    }

    @Test
    void givenConnection_whenPausedResumedAndDeleted_thenStatusFollowsAndOtherUsersSeeNothing() {
        PaperExchange.ApiKey key = venue.exchange().createKey(EnumSet.of(Permission.READ, Permission.TRADE), Map.of());
        String id = connect(user, "PAPER", "main", key.apiKey(), key.secret(), null)
                .body()
                .get("id")
                .asString();
        Http other = users.verified("USER").http();

        assertThat(user.postJson("/api/v1/connections/" + id + "/pause", "")
                        .body()
                        .get("status")
                        .asString())
                .isEqualTo("PAUSED");
        assertThat(user.postJson("/api/v1/connections/" + id + "/resume", "")
                        .body()
                        .get("status")
                        .asString())
                .isEqualTo("ACTIVE");
        assertProblem(other.postJson("/api/v1/connections/" + id + "/pause", ""), 404, "connection-not-found");
        assertProblem(other.delete("/api/v1/connections/" + id), 404, "connection-not-found");
        assertThat(other.get("/api/v1/connections").body()).isEmpty();
        assertProblem(connect(user, "PAPER", "again", key.apiKey(), key.secret(), null), 409, "connection-exists");

        assertThat(user.delete("/api/v1/connections/" + id).status()).isEqualTo(204);

        assertThat(user.get("/api/v1/connections").body()).isEmpty();
        Record row = dsl.selectFrom(EXCHANGE_CONNECTIONS)
                .where(EXCHANGE_CONNECTIONS.ID.eq(UUID.fromString(id)))
                .fetchOne();
        assertThat(row.get(EXCHANGE_CONNECTIONS.STATUS)).isEqualTo(ConnectionStatus.DELETED);
        assertThat(row.get(EXCHANGE_CONNECTIONS.API_SECRET_CIPHERTEXT)).isEmpty();
    }

    @Test
    void givenIdempotencyKey_whenConnectRetried_thenFirstAnswerAgainAndOneConnection() {
        PaperExchange.ApiKey key = venue.exchange().createKey(EnumSet.of(Permission.READ, Permission.TRADE), Map.of());
        String body = """
                {"exchange": "PAPER", "name": "retried", "apiKey": "%s", "apiSecret": "%s"}
                """.formatted(key.apiKey(), key.secret());
        String idempotencyKey = UUID.randomUUID().toString();

        Http.Response first = user.postJson("/api/v1/connections", body, "Idempotency-Key", idempotencyKey);
        Http.Response retry = user.postJson("/api/v1/connections", body, "Idempotency-Key", idempotencyKey);

        assertThat(first.status()).as(first.raw()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body().get("id")).isEqualTo(first.body().get("id"));
        assertThat(dsl.fetchCount(EXCHANGE_CONNECTIONS, EXCHANGE_CONNECTIONS.USER_ID.eq(userId)))
                .isEqualTo(1);
        assertProblem(
                user.postJson(
                        "/api/v1/connections", body.replace("retried", "other"), "Idempotency-Key", idempotencyKey),
                422,
                "idempotency-key-reused");
        // Another user's identical key is another request.
        Http other = users.verified("USER").http();
        assertThat(other.postJson("/api/v1/connections", body, "Idempotency-Key", idempotencyKey)
                        .status())
                .isEqualTo(201);
    }

    @Test
    void givenNotTheEmbeddedDefault_whenPaperPortalCalled_then404() {
        assertThat(anonymous
                        .postJson("/api/v1/paper/keys", "{\"permissions\": [\"READ\"]}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void givenNoOrBadToken_whenCalled_then401Problem() {
        assertProblem(anonymous.get("/api/v1/connections"), 401, "unauthenticated");
        assertProblem(anonymous.withBearer("not.a.token").get("/api/v1/connections"), 401, "unauthenticated");
    }

    @Test
    void givenUnverifiedUserOrWrongPassword_whenLoggingIn_thenRefused() {
        String email = "unverified." + UUID.randomUUID() + "@example.com";
        users.register(email, "USER");
        assertProblem(
                anonymous.postJson(
                        "/api/v1/auth/login",
                        "{\"email\": \"%s\", \"password\": \"%s\"}".formatted(email, TestUsers.PASSWORD)),
                403,
                "email-not-verified");
        assertProblem(
                anonymous.postJson(
                        "/api/v1/auth/login",
                        "{\"email\": \"%s\", \"password\": \"wrong password!\"}".formatted(email)),
                401,
                "bad-credentials");
        assertProblem(
                anonymous.postJson(
                        "/api/v1/auth/login", "{\"email\": \"nobody@example.com\", \"password\": \"whatever it is\"}"),
                401,
                "bad-credentials");
    }

    // --- Helpers --------------------------------------------------------------------------------------------

    private static Http.Response connect(
            Http http, String exchange, String name, String apiKey, String secret, String passphrase) {
        return http.postJson("/api/v1/connections", """
                {"exchange": "%s", "name": "%s", "apiKey": "%s", "apiSecret": "%s"%s}
                """.formatted(
                exchange, name, apiKey, secret, passphrase == null ? "" : ", \"passphrase\": \"" + passphrase + "\""));
    }
}
