package com.algomarket.api.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.paper.PaperExchange;
import com.algomarket.activities.paper.PaperExchange.Permission;
import com.algomarket.api.support.Http;
import com.algomarket.api.support.PaperSubscribers;
import com.algomarket.api.support.PaperVenue;
import com.algomarket.api.support.Ports;
import com.algomarket.api.support.Purchases;
import com.algomarket.api.support.RealServers;
import com.algomarket.api.support.ServerEnvironment;
import com.algomarket.api.support.SmtpInbox;
import com.algomarket.api.support.StripeEvents;
import com.algomarket.api.support.TestUsers;
import com.algomarket.db.purchases.PurchaseRepository;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.support.Await;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.temporal.client.WorkflowClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole onboarding through REST with every real part: PostgreSQL, the Temporal dev server, real SMTP (GreenMail),
 * stripe-java against the official stripe-mock, and the paper venue through XChange. stripe-mock sends no webhooks,
 * so the test posts the signed event Stripe would send.
 */
@RealServers
@PaperVenue(seed = 9, weightPerMinute = 6_000)
class OnboardingEndToEndIT {

    @Autowired
    PaperVenue.Venue venue;

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String WEBHOOK_SECRET = "whsec_end_to_end";
    private static final GreenMail SMTP = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", "smtp"));

    @LocalServerPort
    int port;

    @Autowired
    WorkflowClient workflowClient;

    @Autowired
    PurchaseRepository purchases;

    @DynamicPropertySource
    static void realParts(DynamicPropertyRegistry registry) {
        registry.add("algomarket.mail.host", () -> "127.0.0.1");
        registry.add("algomarket.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("algomarket.stripe.secret-key", () -> "sk_test_123");
        registry.add("algomarket.stripe.api-base", ServerEnvironment::stripeApiBase);
        registry.add("algomarket.stripe.webhook-secret", () -> WEBHOOK_SECRET);
    }

    @BeforeAll
    static void start() {
        ServerEnvironment.stripeApiBase();
        SMTP.start();
    }

    @AfterAll
    static void stop() {
        SMTP.stop();
    }

    @Test
    void givenEveryRealPart_whenAUserOnboardsThroughRest_thenDoneAndNoHistoryHoldsTheKeyOrSecret() throws Exception {
        Http anonymous = new Http(port);
        TestUsers users = new TestUsers(anonymous, OnboardingEndToEndIT::smtpInbox);
        Http developer = users.verified("DEVELOPER").http();
        String algorithm = PaperSubscribers.algorithm(developer, "49.00");

        TestUsers.TestUser user = users.verified("USER");
        Http http = user.http();
        PaperExchange.ApiKey key = venue.exchange()
                .createKey(EnumSet.of(Permission.READ, Permission.TRADE), Map.of("EUR", new BigDecimal("2500")));
        Http.Response connection = http.postJson("/api/v1/connections", """
                {"exchange":"PAPER","name":"paper","apiKey":"%s","apiSecret":"%s"}""".formatted(key.apiKey(), key.secret()));
        assertThat(connection.status()).as(connection.raw()).isEqualTo(201);

        Http.Response purchase =
                http.postJson("/api/v1/purchases", "{\"algorithmId\":\"%s\",\"periods\":2}".formatted(algorithm));
        assertThat(purchase.status()).as(purchase.raw()).isEqualTo(201);
        assertThat(purchase.body().get("amount").get("amount").asString()).isEqualTo("98.00");
        assertThat(purchase.body().get("paymentClientSecret").asString()).contains("_secret_");
        String purchaseId = purchase.body().get("id").asString();

        String event = StripeEvents.payment(
                "payment_intent.succeeded",
                purchaseId,
                // The intent the purchase stored: stripe-mock answers every retrieve with a fixture of another id.
                purchases.find(UUID.fromString(purchaseId)).orElseThrow().paymentIntentId(),
                9800,
                "eur");
        assertThat(StripeEvents.deliver(anonymous, event, WEBHOOK_SECRET).status())
                .isEqualTo(200);
        Purchases.awaitStatus(http, purchaseId, "ACTIVE");

        Http.Response portfolio = http.postJson(
                "/api/v1/portfolios",
                "{\"purchaseId\":\"%s\",\"connectionId\":\"%s\",\"size\":\"250\"}"
                        .formatted(purchaseId, connection.body().get("id").asString()));
        assertThat(portfolio.status()).as(portfolio.raw()).isEqualTo(201);
        Await.until(
                DEADLINE,
                () -> http.get("/api/v1/me/onboarding").body().get("step").asString(),
                "DONE"::equals);

        for (String workflowId :
                new String[] {WorkflowIds.onboarding(user.id().toString()), WorkflowIds.purchase(purchaseId)}) {
            String history = workflowClient.fetchHistory(workflowId).toJson(true);
            assertThat(history).as(workflowId).doesNotContain(key.apiKey()).doesNotContain(key.secret());
        }
        assertThat(smtpInbox(user.email()))
                .as("one verification email, no reminder")
                .hasSize(1);
    }

    private static java.util.List<String> smtpInbox(String address) {
        return SmtpInbox.bodiesTo(SMTP, address);
    }
}
