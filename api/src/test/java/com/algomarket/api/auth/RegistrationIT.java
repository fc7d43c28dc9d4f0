package com.algomarket.api.auth;

import static com.algomarket.db.jooq.Tables.AUDIT_LOG;
import static com.algomarket.db.jooq.Tables.EMAIL_VERIFICATIONS;
import static com.algomarket.db.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.email.OutboxEmailSender;
import com.algomarket.api.support.Http;
import com.algomarket.api.support.RealServers;
import com.algomarket.api.support.TestUsers;
import com.algomarket.db.users.NewUser;
import com.algomarket.db.users.UserRepository;
import com.algomarket.workflows.common.SearchAttributeKeys;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.support.Await;
import com.algomarket.workflows.users.UserRole;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowExecutionMetadata;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Registration through the running app, against the real PostgreSQL and the real Temporal dev server. */
@RealServers
class RegistrationIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    WorkflowClient workflowClient;

    @Autowired
    DSLContext dsl;

    @Autowired
    OutboxEmailSender outbox;

    @Autowired
    UserRepository users;

    @Autowired
    TestUsers testUsers;

    @Test
    void givenValidRegistration_whenPosted_thenStoresUserAndOnboardingWaitsInVerifyEmailWithSearchAttributes()
            throws Exception {
        String email = "Ann." + UUID.randomUUID() + "@Example.com";
        String password = "correct horse battery staple";

        Http.Response response = register(email, "ann" + suffix(), password, "DEVELOPER", true);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body().get("status").asString()).isEqualTo("PENDING_VERIFICATION");
        String userId = response.body().get("userId").asString();
        String workflowId = WorkflowIds.onboarding(userId);
        assertThat(response.body().get("workflowId").asString()).isEqualTo(workflowId);

        Record user = dsl.selectFrom(USERS)
                .where(USERS.ID.eq(UUID.fromString(userId)))
                .fetchOne();
        assertThat(user).isNotNull();
        assertThat(user.get(USERS.EMAIL)).isEqualTo(email.toLowerCase());
        assertThat(user.get(USERS.ROLE)).isEqualTo(UserRole.DEVELOPER);
        assertThat(user.get(USERS.PASSWORD_HASH)).isNotBlank().doesNotContain(password);
        assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ENTITY_ID.eq(userId).and(AUDIT_LOG.ACTION.eq("REGISTERED"))))
                .isEqualTo(1);

        // Operators find the workflow through a visibility query on the search attributes.
        String query =
                "WorkflowId = '%s' AND UserId = '%s' AND OnboardingStep = 'VERIFY_EMAIL'".formatted(workflowId, userId);
        List<WorkflowExecutionMetadata> found =
                Await.until(DEADLINE, () -> workflowClient.listExecutions(query).toList(), list -> list.size() == 1);
        assertThat(found.getFirst().getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);

        WorkflowExecutionDescription description =
                workflowClient.newUntypedWorkflowStub(workflowId).describe();
        assertThat(description.getTypedSearchAttributes().get(SearchAttributeKeys.USER_ID))
                .isEqualTo(userId);
        assertThat(description.getTypedSearchAttributes().get(SearchAttributeKeys.ONBOARDING_STEP))
                .isEqualTo("VERIFY_EMAIL");
        assertThat(description.getWorkflowType()).isEqualTo("OnboardingWorkflow");

        // The first activity emailed a code, and stored only its hash.
        String code = TestUsers.code(testUsers.firstEmail(email));
        Record verification = Await.until(
                DEADLINE,
                () -> dsl.selectFrom(EMAIL_VERIFICATIONS)
                        .where(EMAIL_VERIFICATIONS.USER_ID.eq(UUID.fromString(userId)))
                        .fetchOne(),
                row -> row != null && row.get(EMAIL_VERIFICATIONS.SENT_AT) != null);
        assertThat(verification.get(EMAIL_VERIFICATIONS.CODE_HASH))
                .isEqualTo(sha256(verification.get(EMAIL_VERIFICATIONS.ID) + ":" + code));
        assertThat(outbox.sentTo(email)).hasSize(1);
    }

    @Test
    void givenTakenEmailOrUsername_whenRegistering_thenConflictAndNothingNew() {
        String email = "bob." + UUID.randomUUID() + "@example.com";
        String username = "bob" + suffix();
        assertThat(register(email, username, "a long enough password", "USER", true)
                        .status())
                .isEqualTo(201);
        int usersBefore = dsl.fetchCount(USERS);

        Http.Response sameEmail =
                register(email.toUpperCase(), "other" + suffix(), "a long enough password", "USER", true);
        Http.Response sameUsername =
                register("x" + email, username.toUpperCase(), "a long enough password", "USER", true);

        assertThat(sameEmail.status()).isEqualTo(409);
        assertThat(sameEmail.body().get("type").asString()).endsWith("/email-taken");
        assertThat(sameUsername.status()).isEqualTo(409);
        assertThat(sameUsername.body().get("type").asString()).endsWith("/username-taken");
        assertThat(sameEmail.contentType()).startsWith("application/problem+json");
        assertThat(dsl.fetchCount(USERS)).isEqualTo(usersBefore);
    }

    /**
     * Registration stores the user, then starts the workflow; should the start fail and the user not be removed again
     * (the database gone too), the user's resend-verification starts the missing workflow, which sends the email.
     */
    @Test
    void givenPendingUserWithoutWorkflow_whenResendAsked_thenTheWorkflowStartsAndEmailsACode() {
        UUID userId = UUID.randomUUID();
        String email = "orphan." + userId + "@example.com";
        users.insert(new NewUser(
                userId, email, "o" + suffix(), "{argon2}unused", UserRole.USER, "{}", OffsetDateTime.now()));

        Http.Response resend =
                new Http(port).postJson("/api/v1/auth/resend-verification", "{\"email\":\"%s\"}".formatted(email));

        assertThat(resend.status()).as(resend.raw()).isEqualTo(202);
        assertThat(testUsers.firstEmail(email)).containsPattern("code is \\d{6}");
        assertThat(workflowClient
                        .newUntypedWorkflowStub(WorkflowIds.onboarding(userId.toString()))
                        .describe()
                        .getStatus())
                .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing email       | {"username":"u_%s","password":"a long enough password","role":"USER","acceptTerms":true}                       | 422 | email
            bad email           | {"email":"not-an-email","username":"u_%s","password":"a long enough password","role":"USER","acceptTerms":true} | 422 | email
            short password      | {"email":"%s@example.com","username":"u_%1$s","password":"short","role":"USER","acceptTerms":true}              | 422 | password
            password = username | {"email":"%s@example.com","username":"u_%1$s","password":"xx u_%1$s xx","role":"USER","acceptTerms":true}       | 422 | password
            terms not accepted  | {"email":"%s@example.com","username":"u_%1$s","password":"a long enough password","role":"USER","acceptTerms":false} | 422 | acceptTerms
            unknown role        | {"email":"%s@example.com","username":"u_%1$s","password":"a long enough password","role":"ADMIN","acceptTerms":true} | 422 | role
            bad username        | {"email":"%s@example.com","username":"a b","password":"a long enough password","role":"USER","acceptTerms":true}  | 422 | username
            wrong type          | {"email":"%s@example.com","username":"u_%1$s","password":"a long enough password","role":"USER","acceptTerms":"maybe"} | 422 | acceptTerms
            malformed json      | {"email":"%s@example.com",                                                                                      | 400 |
            """)
    void givenBadInput_whenRegistering_thenProblemDetailAndNothingWritten(
            String name, String bodyTemplate, int status, String field) {
        int usersBefore = dsl.fetchCount(USERS);
        int auditBefore = dsl.fetchCount(AUDIT_LOG);

        Http.Response response = new Http(port).postJson("/api/v1/auth/register", bodyTemplate.formatted(suffix()));

        assertThat(response.status()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("status").asInt()).isEqualTo(status);
        assertThat(response.body().get("title").asString()).isNotBlank();
        assertThat(response.body().get("type").asString()).startsWith("https://algomarket.io/problems/");
        if (field != null) {
            assertThat(response.body().get("errors").findValuesAsString("field"))
                    .contains(field);
        }
        assertThat(response.body().toString()).doesNotContain("long enough password");
        assertThat(dsl.fetchCount(USERS)).isEqualTo(usersBefore);
        assertThat(dsl.fetchCount(AUDIT_LOG)).isEqualTo(auditBefore);
    }

    private Http.Response register(String email, String username, String password, String role, boolean terms) {
        return new Http(port).postJson("/api/v1/auth/register", """
                {"email":"%s","username":"%s","password":"%s","role":"%s","acceptTerms":%s,
                 "notifications":{"orderFilled":true}}""".formatted(email, username, password, role, terms));
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String sha256(String value) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    }
}
