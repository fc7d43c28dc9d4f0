package com.algomarket.api.notifications;

import static com.algomarket.db.jooq.Tables.AUDIT_LOG;
import static com.algomarket.db.jooq.Tables.USERS;
import static com.algomarket.db.jooq.Tables.WEBHOOK_ENDPOINTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.api.support.Http;
import com.algomarket.api.support.Problems;
import com.algomarket.api.support.RealServers;
import com.algomarket.api.support.TestUsers;
import com.algomarket.api.support.TestUsers.TestUser;
import org.jooq.DSLContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A webhook URL into the private network (or not https) is refused with a 422 problem that names the field, and the
 * request writes nothing: neither the webhook nor the email choices sent with it, nor an audit entry.
 */
@RealServers
class WebhookUrlRefusedIT {

    @Autowired
    TestUsers users;

    @Autowired
    DSLContext dsl;

    /** One user for every URL: registering one per case would only add minutes. */
    private static TestUser user;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://10.0.0.1/hook",
                "https://192.168.1.20:8443/hook",
                "http://169.254.169.254/latest/meta-data/",
                "https://[::ffff:10.0.0.1]/hook",
                "https://[fd12:3456::1]/hook",
                "https://0.0.0.0/hook",
                "https://2130706433/hook",
                "http://hooks.example.com/hook",
                "ftp://127.0.0.1/hook"
            })
    void givenWebhookUrlIntoThePrivateNetwork_whenSaved_thenRefusedWith422AndNothingWritten(String url) {
        if (user == null) {
            user = users.verified("USER");
        }
        String notificationsBefore = notifications();

        Http.Response refused = user.http().putJson("/api/v1/me/notifications", """
                {"email":{"fills":true},"webhook":{"url":"%s"}}""".formatted(url));

        Problems.assertProblem(refused, 422, "webhook-url-refused");
        assertThat(refused.body().get("errors").findValuesAsString("field")).containsExactly("webhook.url");
        assertThat(dsl.fetchCount(WEBHOOK_ENDPOINTS, WEBHOOK_ENDPOINTS.USER_ID.eq(user.id())))
                .isZero();
        assertThat(notifications()).isEqualTo(notificationsBefore);
        assertThat(dsl.fetchCount(
                        AUDIT_LOG,
                        AUDIT_LOG.ENTITY_ID.eq(user.id().toString()).and(AUDIT_LOG.ACTION.eq("NOTIFICATIONS_CHANGED"))))
                .isZero();
        assertThat(user.http()
                        .get("/api/v1/me/notifications")
                        .body()
                        .get("webhook")
                        .isNull())
                .isTrue();
    }

    private String notifications() {
        return dsl.select(USERS.NOTIFICATIONS)
                .from(USERS)
                .where(USERS.ID.eq(user.id()))
                .fetchSingle(USERS.NOTIFICATIONS)
                .data();
    }
}
