package com.algomarket.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.email.Email;
import com.algomarket.activities.email.OutboxEmailSender;
import com.algomarket.workflows.support.Await;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Users for tests, made the way a client makes them: register, verify with the emailed code, log in. */
public final class TestUsers {

    public static final String PASSWORD = "correct horse battery staple";

    private final Http anonymous;
    /** The bodies of the emails sent to an address so far. */
    private final Function<String, List<String>> inbox;

    public TestUsers(Http anonymous, Function<String, List<String>> inbox) {
        this.anonymous = anonymous;
        this.inbox = inbox;
    }

    /** Users whose emails land in the in-process outbox (no MAIL_HOST). */
    public TestUsers(Http anonymous, OutboxEmailSender outbox) {
        this(anonymous, to -> outbox.sentTo(to).stream().map(Email::body).toList());
    }

    /** A client that sends no token. */
    public Http anonymous() {
        return anonymous;
    }

    /** A verified, logged-in user: {@code http} sends their token. */
    public record TestUser(UUID id, String email, Http http) {}

    public TestUser verified(String role) {
        String email = role.toLowerCase() + "." + UUID.randomUUID() + "@example.com";
        UUID id = register(email, role);
        Http.Response verified = anonymous.postJson(
                "/api/v1/auth/verify",
                "{\"email\": \"%s\", \"code\": \"%s\"}".formatted(email, code(firstEmail(email))));
        assertThat(verified.status()).as(verified.raw()).isEqualTo(200);
        return new TestUser(id, email, anonymous.withBearer(login(email)));
    }

    public UUID register(String email, String role) {
        Http.Response response = anonymous.postJson("/api/v1/auth/register", """
                {"email": "%s", "username": "%s", "password": "%s", "role": "%s", "acceptTerms": true}
                """.formatted(
                        email, "t" + UUID.randomUUID().toString().substring(0, 8), PASSWORD, role));
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return UUID.fromString(response.body().get("userId").asString());
    }

    public String login(String email) {
        Http.Response response = anonymous.postJson(
                "/api/v1/auth/login", "{\"email\": \"%s\", \"password\": \"%s\"}".formatted(email, PASSWORD));
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        assertThat(response.body().get("tokenType").asString()).isEqualTo("Bearer");
        return response.body().get("accessToken").asString();
    }

    /** The body of the first email sent to {@code email}, once it has been sent. */
    public String firstEmail(String email) {
        return Await.until(Duration.ofSeconds(60), () -> inbox.apply(email), list -> !list.isEmpty())
                .getFirst();
    }

    /** The six-digit code of a verification email. */
    public static String code(String body) {
        Matcher code = Pattern.compile("code is (\\d{6})").matcher(body);
        assertThat(code.find()).as(body).isTrue();
        return code.group(1);
    }
}
