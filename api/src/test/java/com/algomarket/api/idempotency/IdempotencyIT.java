package com.algomarket.api.idempotency;

import static com.algomarket.db.jooq.Tables.IDEMPOTENT_REQUESTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.api.support.Http;
import com.algomarket.api.support.RealServers;
import com.algomarket.api.support.TestUsers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The idempotency store keeps no password and no access token: {@code /auth/*} is never stored, and what is stored of
 * any other body is a keyed digest, not its SHA-256. Rows older than the window are purged.
 */
@RealServers
class IdempotencyIT {

    @Autowired
    TestUsers users;

    @Autowired
    DSLContext dsl;

    @Autowired
    IdempotencyPurge purge;

    @Value("${algomarket.idempotency.window}")
    Duration window;

    @Test
    void givenLoginAndRegisterWithAKey_whenAnswered_thenNothingOfThemIsStored() throws Exception {
        Http anonymous = users.anonymous();
        String email = "idem." + UUID.randomUUID() + "@example.com";
        String register =
                """
                {"email": "%s", "username": "%s", "password": "%s", "role": "USER", "acceptTerms": true}
                """.formatted(email, "i" + UUID.randomUUID().toString().substring(0, 8), TestUsers.PASSWORD);
        String registerKey = UUID.randomUUID().toString();

        assertThat(anonymous
                        .postJson("/api/v1/auth/register", register, "Idempotency-Key", registerKey)
                        .status())
                .isEqualTo(201);
        // The retry runs again and creates nothing: the email is taken.
        assertThat(anonymous
                        .postJson("/api/v1/auth/register", register, "Idempotency-Key", registerKey)
                        .status())
                .isEqualTo(409);

        String login = "{\"email\": \"%s\", \"password\": \"%s\"}".formatted(email, TestUsers.PASSWORD);
        String loginKey = UUID.randomUUID().toString();
        Http.Response loggedIn = anonymous.postJson("/api/v1/auth/login", login, "Idempotency-Key", loginKey);
        assertThat(loggedIn.status()).as(loggedIn.raw()).isLessThan(500);

        assertThat(dsl.fetchCount(IDEMPOTENT_REQUESTS, IDEMPOTENT_REQUESTS.IDEMPOTENCY_KEY.in(registerKey, loginKey)))
                .isZero();
        assertThat(dsl.fetchCount(
                        IDEMPOTENT_REQUESTS, IDEMPOTENT_REQUESTS.REQUEST_HASH.in(sha256(login), sha256(register))))
                .isZero();
    }

    @Test
    void givenAnotherPostWithAKey_whenStored_thenOnlyAKeyedDigestOfTheBodyAndTheRetryGetsTheAnswer() throws Exception {
        TestUsers.TestUser owner = users.verified("USER");
        Http user = owner.http();
        String body = """
                {"purchaseId": "%s", "connectionId": "%s", "size": "100"}
                """.formatted(UUID.randomUUID(), UUID.randomUUID());
        String key = UUID.randomUUID().toString();

        Http.Response first = user.postJson("/api/v1/portfolios", body, "Idempotency-Key", key);
        Http.Response retry = user.postJson("/api/v1/portfolios", body, "Idempotency-Key", key);

        assertThat(first.status()).as(first.raw()).isBetween(400, 499);
        assertThat(retry.status()).isEqualTo(first.status());
        assertThat(retry.raw()).isEqualTo(first.raw());
        var stored = dsl.selectFrom(IDEMPOTENT_REQUESTS)
                .where(IDEMPOTENT_REQUESTS.IDEMPOTENCY_KEY.eq(key))
                .fetchSingle();
        assertThat(stored.getScope()).isEqualTo(owner.id() + " POST /api/v1/portfolios");
        assertThat(stored.getRequestHash()).hasSize(64).isNotEqualTo(sha256(body));
    }

    @Test
    void givenRowsOlderThanTheWindow_whenPurged_thenOnlyTheyAreDeleted() {
        String old = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        insert(old, OffsetDateTime.now().minus(window).minusMinutes(1));
        insert(recent, OffsetDateTime.now().minus(window).plusMinutes(5));

        purge.purge();

        assertThat(dsl.fetchCount(IDEMPOTENT_REQUESTS, IDEMPOTENT_REQUESTS.IDEMPOTENCY_KEY.eq(old)))
                .isZero();
        assertThat(dsl.fetchCount(IDEMPOTENT_REQUESTS, IDEMPOTENT_REQUESTS.IDEMPOTENCY_KEY.eq(recent)))
                .isEqualTo(1);
    }

    private void insert(String key, OffsetDateTime createdAt) {
        dsl.insertInto(IDEMPOTENT_REQUESTS)
                .set(IDEMPOTENT_REQUESTS.SCOPE, "purge-test POST /api/v1/portfolios")
                .set(IDEMPOTENT_REQUESTS.IDEMPOTENCY_KEY, key)
                .set(IDEMPOTENT_REQUESTS.REQUEST_HASH, "0".repeat(64))
                .set(IDEMPOTENT_REQUESTS.RESPONSE_STATUS, 201)
                .set(IDEMPOTENT_REQUESTS.CREATED_AT, createdAt)
                .execute();
    }

    private static String sha256(String body) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
    }
}
