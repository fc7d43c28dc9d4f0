package com.algomarket.api.auth;

import static com.algomarket.api.support.Problems.assertProblem;
import static com.algomarket.db.jooq.Tables.EMAIL_VERIFICATIONS;
import static com.algomarket.db.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.email.Email;
import com.algomarket.activities.email.OutboxEmailSender;
import com.algomarket.api.support.Http;
import com.algomarket.api.support.RealServers;
import com.algomarket.api.support.TestUsers;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.support.Await;
import com.algomarket.workflows.users.UserStatus;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Email verification through REST against the real PostgreSQL and Temporal dev server. */
@RealServers(properties = "algomarket.onboarding.resend-cooldown=PT2S")
class VerificationIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    DSLContext dsl;

    @Autowired
    OutboxEmailSender outbox;

    @Autowired
    TestUsers users;

    private Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void givenTheEmailedCode_whenVerified_thenVerifiedLoginWorksAndOnboardingMovesToConnectExchange() {
        String email = newEmail();
        UUID userId = users.register(email, "USER");
        String code = TestUsers.code(users.firstEmail(email));

        Http.Response verified = verify(email, code);

        assertThat(verified.status()).as(verified.raw()).isEqualTo(200);
        assertThat(verified.body().get("status").asString()).isEqualTo("VERIFIED");
        assertThat(dsl.select(USERS.STATUS)
                        .from(USERS)
                        .where(USERS.ID.eq(userId))
                        .fetchOne(USERS.STATUS))
                .isEqualTo(UserStatus.VERIFIED);
        Http user = http.withBearer(users.login(email));
        Http.Response onboarding = user.get("/api/v1/me/onboarding");
        assertThat(onboarding.body().get("step").asString()).isEqualTo("CONNECT_EXCHANGE");
        assertThat(onboarding.body().get("workflowId").asString()).isEqualTo(WorkflowIds.onboarding(userId.toString()));
        // The same code again: already verified, still 200, nothing changes.
        assertThat(verify(email, code).status()).isEqualTo(200);
    }

    @Test
    void givenWrongCodes_whenTriedFiveTimes_thenEvenTheRightCodeIsRefusedUntilANewOne() {
        String email = newEmail();
        users.register(email, "USER");
        String code = TestUsers.code(users.firstEmail(email));
        String wrong = code.equals("000000") ? "111111" : "000000";

        for (int attempt = 1; attempt <= VerificationService.MAX_ATTEMPTS; attempt++) {
            assertProblem(verify(email, wrong), 422, "invalid-code");
        }
        assertProblem(verify(email, code), 422, "too-many-attempts");

        // The cooldown (2 s here) may still run: ask until it is over.
        Await.until(
                DEADLINE,
                () -> http.postJson("/api/v1/auth/resend-verification", "{\"email\":\"%s\"}".formatted(email)),
                response -> response.status() == 202);
        List<Email> both = Await.until(DEADLINE, () -> outbox.sentTo(email), list -> list.size() == 2);
        assertThat(verify(email, TestUsers.code(both.get(1).body())).status()).isEqualTo(200);
    }

    @Test
    void givenResendWithinCooldown_whenAsked_then429() {
        String email = newEmail();
        users.register(email, "USER");
        users.firstEmail(email);

        assertProblem(
                http.postJson("/api/v1/auth/resend-verification", "{\"email\":\"%s\"}".formatted(email)),
                429,
                "resend-cooldown");
        // Unknown emails learn nothing.
        assertThat(http.postJson("/api/v1/auth/resend-verification", "{\"email\":\"nobody@example.com\"}")
                        .status())
                .isEqualTo(202);
    }

    @Test
    void givenExpiredCode_whenVerified_thenCodeExpired() {
        String email = newEmail();
        UUID userId = users.register(email, "USER");
        String code = TestUsers.code(users.firstEmail(email));
        Await.until(
                DEADLINE,
                () -> dsl.fetchCount(
                        EMAIL_VERIFICATIONS,
                        EMAIL_VERIFICATIONS.USER_ID.eq(userId).and(EMAIL_VERIFICATIONS.SENT_AT.isNotNull())),
                count -> count == 1);
        dsl.update(EMAIL_VERIFICATIONS)
                .set(EMAIL_VERIFICATIONS.EXPIRES_AT, OffsetDateTime.now().minusMinutes(1))
                .where(EMAIL_VERIFICATIONS.USER_ID.eq(userId))
                .execute();

        assertProblem(verify(email, code), 422, "code-expired");
        assertThat(dsl.select(USERS.STATUS)
                        .from(USERS)
                        .where(USERS.ID.eq(userId))
                        .fetchOne(USERS.STATUS))
                .isEqualTo(UserStatus.PENDING_VERIFICATION);
    }

    @Test
    void givenTheEmailedLink_whenOpened_thenVerified() {
        String email = newEmail();
        users.register(email, "USER");
        Matcher link = Pattern.compile("token=([^\\s]+)").matcher(users.firstEmail(email));
        assertThat(link.find()).isTrue();
        String token = URLDecoder.decode(link.group(1), StandardCharsets.UTF_8);

        Http.Response verified =
                http.get("/api/v1/auth/verify?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));

        assertThat(verified.status()).as(verified.raw()).isEqualTo(200);
        assertProblem(http.get("/api/v1/auth/verify?token=forged"), 422, "invalid-link");
    }

    @Test
    void givenMalformedCode_whenVerified_then422AndNoAttemptCounted() {
        String email = newEmail();
        UUID userId = users.register(email, "USER");
        users.firstEmail(email);

        assertProblem(
                http.postJson("/api/v1/auth/verify", "{\"email\":\"%s\",\"code\":\"12ab\"}".formatted(email)),
                422,
                "validation-failed");
        assertThat(dsl.select(EMAIL_VERIFICATIONS.ATTEMPTS)
                        .from(EMAIL_VERIFICATIONS)
                        .where(EMAIL_VERIFICATIONS.USER_ID.eq(userId))
                        .fetchOne(EMAIL_VERIFICATIONS.ATTEMPTS))
                .isZero();
    }

    private Http.Response verify(String email, String code) {
        return http.postJson("/api/v1/auth/verify", "{\"email\":\"%s\",\"code\":\"%s\"}".formatted(email, code));
    }

    private static String newEmail() {
        return "ver." + UUID.randomUUID() + "@example.com";
    }
}
