package com.algomarket.api.notifications;

import static com.algomarket.db.jooq.Tables.PORTFOLIOS;
import static com.algomarket.db.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.email.Email;
import com.algomarket.activities.email.OutboxEmailSender;
import com.algomarket.api.support.Http;
import com.algomarket.api.support.OnPaperVenue;
import com.algomarket.api.support.PaperSubscribers;
import com.algomarket.api.support.PaperSubscribers.Subscriber;
import com.algomarket.api.support.RealServersOnPaper;
import com.algomarket.workflows.support.Await;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A user's webhook on a local receiver (the JDK's HTTP server on 127.0.0.1, which the embedded mode of the ITs allows):
 * an order that fills and a kill reach it signed as api.md says, a receiver's failure is retried, and the deliveries
 * are listed with their attempts. Without a webhook, the default choices email a kill through the outbox.
 */
@RealServersOnPaper(seed = 67)
class WebhookDeliveryIT extends OnPaperVenue {

    /** Includes the first retry's wait of 10 s after the receiver's 500. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    OutboxEmailSender outbox;

    @Test
    void givenWebhookOnALocalReceiver_whenAnOrderFillsAndThePortfolioIsKilled_thenSignedEventsDeliveredAndListed()
            throws Exception {
        venue.exchange().setMarket("BTCEUR", new BigDecimal("60000"), new BigDecimal("5"));
        Http developer = users.verified("DEVELOPER").http();
        String algorithmId = PaperSubscribers.algorithm(developer);
        Subscriber subscriber = subscribers.subscribe(algorithmId, "1000");
        try (WebhookReceiver receiver = new WebhookReceiver(1)) {
            Http.Response saved = subscriber.http().putJson("/api/v1/me/notifications", """
                    {"email":{"fills":false,"kill":false},
                     "webhook":{"url":"%s","events":["order.filled","portfolio.killed"]}}""".formatted(receiver.url()));
            assertThat(saved.status()).as(saved.raw()).isEqualTo(200);
            String secret = saved.body().get("webhook").get("secret").asString();
            assertThat(secret).startsWith("whsec_");
            JsonNode read = subscriber.http().get("/api/v1/me/notifications").body();
            assertThat(read.get("webhook").get("url").asString()).isEqualTo(receiver.url());
            assertThat(read.get("webhook").has("secret")
                            && !read.get("webhook").get("secret").isNull())
                    .as("the secret is answered once")
                    .isFalse();
            assertThat(read.get("email").get("fills").asBoolean()).isFalse();
            assertThat(read.get("email").get("rejections").asBoolean()).isTrue();

            PaperSubscribers.signal(developer, algorithmId, """
                    {"symbol":"BTC/EUR","side":"BUY","type":"MARKET","sizing":{"quantity":"0.001"}}""");
            JsonNode filled = awaitEvent(receiver, secret, "order.filled");
            assertThat(filled.get("data").get("portfolioId").asString()).isEqualTo(subscriber.portfolioId());
            assertThat(filled.get("data").get("filledQuantity").asString()).isEqualTo("0.001");

            Http.Response kill =
                    subscriber.http().postJson("/api/v1/portfolios/" + subscriber.portfolioId() + "/kill", "{}");
            assertThat(kill.status()).as(kill.raw()).isEqualTo(202);
            JsonNode killed = awaitEvent(receiver, secret, "portfolio.killed");
            assertThat(killed.get("data").get("portfolioId").asString()).isEqualTo(subscriber.portfolioId());

            // The receiver's first answer was a 500: that delivery was retried and says so.
            List<JsonNode> listed = Await.until(
                    DEADLINE,
                    () -> deliveries(subscriber.http()),
                    items -> items.size() == 2
                            && items.stream()
                                    .allMatch(d -> d.get("status").asString().equals("DELIVERED")));
            Map<String, JsonNode> byEvent =
                    listed.stream().collect(Collectors.toMap(d -> d.get("event").asString(), d -> d));
            assertThat(byEvent.get("order.filled").get("attempts").asInt()).isEqualTo(2);
            assertThat(byEvent.get("order.filled").get("lastError").asString()).contains("HTTP 500");
            assertThat(byEvent.get("portfolio.killed").get("attempts").asInt()).isEqualTo(1);
            assertThat(listed.getFirst().get("event").asString())
                    .as("newest first")
                    .isEqualTo("portfolio.killed");

            // A second kill of a KILLED portfolio is no new event: nothing more is delivered.
            subscriber.http().postJson("/api/v1/portfolios/" + subscriber.portfolioId() + "/kill", "{}");
            assertThat(deliveries(subscriber.http())).hasSize(2);
            // One page of one item, then the next page through the cursor.
            JsonNode firstPage = subscriber
                    .http()
                    .get("/api/v1/me/notifications/deliveries?limit=1")
                    .body();
            assertThat(firstPage.get("items")).hasSize(1);
            String cursor = firstPage.get("nextCursor").asString();
            JsonNode secondPage = subscriber
                    .http()
                    .get("/api/v1/me/notifications/deliveries?limit=1&cursor=" + cursor)
                    .body();
            assertThat(secondPage.get("items").get(0).get("event").asString()).isEqualTo("order.filled");
        }
    }

    @Test
    void givenTheDefaultChoicesAndNoWebhook_whenThePortfolioIsKilled_thenEmailedThroughTheOutboxAndNothingPosted() {
        Http developer = users.verified("DEVELOPER").http();
        Subscriber subscriber = subscribers.subscribe(PaperSubscribers.algorithm(developer), "1000");
        String email = dsl.select(USERS.EMAIL)
                .from(PORTFOLIOS)
                .join(USERS)
                .on(USERS.ID.eq(PORTFOLIOS.USER_ID))
                .where(PORTFOLIOS.ID.eq(UUID.fromString(subscriber.portfolioId())))
                .fetchSingle(USERS.EMAIL);

        Http.Response kill =
                subscriber.http().postJson("/api/v1/portfolios/" + subscriber.portfolioId() + "/kill", "{}");

        assertThat(kill.status()).as(kill.raw()).isEqualTo(202);
        Email sent = Await.until(
                        DEADLINE,
                        () -> outbox.sentTo(email).stream()
                                .filter(e -> e.subject().contains("kill switch"))
                                .toList(),
                        found -> !found.isEmpty())
                .getFirst();
        assertThat(sent.body()).contains("portfolio.killed").contains(subscriber.portfolioId());
        assertThat(deliveries(subscriber.http()))
                .as("no webhook, no webhook delivery")
                .isEmpty();
    }

    /** The event of this type the receiver got, once its signature checks out with the secret. */
    private static JsonNode awaitEvent(WebhookReceiver receiver, String secret, String type) throws Exception {
        WebhookReceiver.Received post = Await.until(
                        DEADLINE,
                        () -> receiver.received().stream()
                                .filter(r -> JSON.readTree(r.body())
                                        .get("type")
                                        .asString()
                                        .equals(type))
                                .toList(),
                        found -> !found.isEmpty())
                .getLast();
        assertThat(post.contentType()).startsWith("application/json");
        Map<String, String> signature = Stream.of(post.signature().split(","))
                .map(part -> part.split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
        long signedAt = Long.parseLong(signature.get("t"));
        assertThat(Math.abs(Instant.now().getEpochSecond() - signedAt)).isLessThan(300);
        assertThat(signature.get("v1")).isEqualTo(hmac(secret, signedAt + "." + post.body()));
        JsonNode event = JSON.readTree(post.body());
        assertThat(event.get("id").asString()).isEqualTo(post.eventId());
        assertThat(Instant.parse(event.get("createdAt").asString())).isBefore(Instant.now());
        return event;
    }

    /** HMAC-SHA256 as a receiver computes it, apart from the app's code. */
    private static String hmac(String secret, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<JsonNode> deliveries(Http user) {
        Http.Response page = user.get("/api/v1/me/notifications/deliveries");
        assertThat(page.status()).as(page.raw()).isEqualTo(200);
        List<JsonNode> items = new java.util.ArrayList<>();
        page.body().get("items").forEach(items::add);
        return items;
    }
}
