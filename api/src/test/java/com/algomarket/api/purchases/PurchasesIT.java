package com.algomarket.api.purchases;

import static com.algomarket.api.support.Problems.assertProblem;
import static com.algomarket.db.jooq.Tables.PURCHASES;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.api.support.Http;
import com.algomarket.api.support.OnPurchases;
import com.algomarket.api.support.Purchases;
import com.algomarket.api.support.RealServers;
import com.algomarket.api.support.StripeEvents;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Purchases through REST with simulated payments (signed events to the app's own webhook), against the real
 * PostgreSQL and Temporal dev server. The payment deadline is short here so that its expiry can be watched.
 */
@RealServers(
        properties = {
            "algomarket.payments.deadline=PT6S",
            "algomarket.stripe.secret-key=",
            "algomarket.stripe.webhook-secret=whsec_purchases_it"
        })
class PurchasesIT extends OnPurchases {

    @Test
    void givenPaymentSucceeds_whenSimulated_thenActiveForPeriodsTimesDays() {
        String algorithm = publish("29.90", 10);

        Http.Response bought = buy(buyer, algorithm, 2, null);

        assertThat(bought.status()).as(bought.raw()).isEqualTo(201);
        assertThat(bought.body().get("status").asString()).isEqualTo("AWAITING_PAYMENT");
        assertThat(bought.body().get("amount").get("amount").asString()).isEqualTo("59.80");
        assertThat(bought.body().get("paymentClientSecret").asString()).contains("_secret_");
        String id = bought.body().get("id").asString();
        assertThat(seatsTaken(algorithm)).isEqualTo(1);

        assertThat(buyer.postJson("/api/v1/purchases/" + id + "/simulate-payment", "{\"outcome\":\"succeeded\"}")
                        .status())
                .isEqualTo(202);

        JsonNode active = Purchases.awaitStatus(buyer, id, "ACTIVE");
        Duration length = Duration.between(
                OffsetDateTime.parse(active.get("startsAt").asString()),
                OffsetDateTime.parse(active.get("endsAt").asString()));
        assertThat(length).isEqualTo(Duration.ofDays(60));
        assertThat(active.get("paymentClientSecret").isNull()).isTrue();
        assertThat(users.verified("USER").http().get("/api/v1/purchases/" + id).status())
                .isEqualTo(404);
    }

    @Test
    void givenPaymentFails_whenSimulated_thenPaymentFailedAndSeatReleased() {
        String algorithm = publish("10", 3);
        String id = buy(buyer, algorithm, 1, null).body().get("id").asString();

        buyer.postJson("/api/v1/purchases/" + id + "/simulate-payment", "{\"outcome\":\"failed\"}");

        Purchases.awaitStatus(buyer, id, "PAYMENT_FAILED");
        assertThat(seatsTaken(algorithm)).isZero();
    }

    @Test
    void givenNoPayment_whenTheDeadlinePasses_thenCancelledAndSeatReleased() {
        String algorithm = publish("10", 3);
        String id = buy(buyer, algorithm, 1, null).body().get("id").asString();
        assertThat(seatsTaken(algorithm)).isEqualTo(1);

        Purchases.awaitStatus(buyer, id, "CANCELLED");
        assertThat(seatsTaken(algorithm)).isZero();
    }

    @Test
    void givenFullDiscount_whenBought_thenActiveWithoutPayment_andCouponExhaustedAfterItsRedemptions() {
        String algorithm = publish("25", null);
        assertThat(developer
                        .postJson(
                                "/api/v1/algorithms/" + algorithm + "/coupons",
                                "{\"code\":\"FREE1\",\"percentOff\":\"100\",\"maxRedemptions\":1}")
                        .status())
                .isEqualTo(201);

        Http.Response bought = buy(buyer, algorithm, 3, "FREE1");

        assertThat(bought.body().get("amount").get("amount").asString()).isEqualTo("0.00");
        assertThat(bought.body().get("paymentClientSecret").isNull()).isTrue();
        String id = bought.body().get("id").asString();
        Purchases.awaitStatus(buyer, id, "ACTIVE");
        assertProblem(buy(buyer, algorithm, 1, "FREE1"), 422, "coupon-unavailable");
        assertThat(buyer.get("/api/v1/algorithms/" + algorithm + "/coupons/FREE1")
                        .body()
                        .get("reason")
                        .asString())
                .isEqualTo("EXHAUSTED");
    }

    @Test
    void givenFiftyBuyersForTenSeats_whenTheyBuyAtOnce_thenExactlyTenPurchases() throws Exception {
        String algorithm = publish("5", 10);
        List<Http> buyers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            buyers.add(users.verified("USER").http());
        }
        int attempts = 50;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        long began;
        try (ExecutorService pool = Executors.newFixedThreadPool(attempts)) {
            for (int i = 0; i < attempts; i++) {
                Http http = buyers.get(i % buyers.size());
                answers.add(pool.submit(() -> {
                    start.await();
                    return buy(http, algorithm, 1, null).status();
                }));
            }
            began = System.nanoTime();
            start.countDown();
        }
        long elapsedMillis = (System.nanoTime() - began) / 1_000_000;
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get());
        }

        long created = statuses.stream().filter(status -> status == 201).count();
        long soldOut = statuses.stream().filter(status -> status == 409).count();
        System.out.printf(
                "Seat race: %d buyers for 10 seats -> %d purchases, %d sold out, in %d ms%n",
                attempts, created, soldOut, elapsedMillis);
        assertThat(created).isEqualTo(10);
        assertThat(soldOut).isEqualTo(40);
        assertThat(seatsTaken(algorithm)).isEqualTo(10);
        assertThat(dsl.fetchCount(PURCHASES, PURCHASES.ALGORITHM_ID.eq(UUID.fromString(algorithm))))
                .isEqualTo(10);
    }

    @Test
    void givenWebhookEvents_whenBadlySignedRepeatedOrUnknown_thenRefusedOnceOrIgnored() throws Exception {
        Http anonymous = users.anonymous();
        String secret = "whsec_purchases_it";
        String algorithm = publish("10", 5);
        JsonNode bought = buy(buyer, algorithm, 1, null).body();
        String id = bought.get("id").asString();
        String paymentIntent =
                StripeEvents.paymentIntentOf(bought.get("paymentClientSecret").asString());
        String succeeded = StripeEvents.payment("payment_intent.succeeded", id, paymentIntent, 1000, "eur");

        assertProblem(StripeEvents.deliver(anonymous, succeeded, "whsec_wrong"), 400, "invalid-signature");
        assertThat(buyer.get("/api/v1/purchases/" + id).body().get("status").asString())
                .isEqualTo("AWAITING_PAYMENT");

        // Stripe delivers an event at least once: the repeat is acknowledged and changes nothing.
        for (int delivery = 0; delivery < 2; delivery++) {
            assertThat(StripeEvents.deliver(anonymous, succeeded, secret).status())
                    .isEqualTo(200);
        }
        Purchases.awaitStatus(buyer, id, "ACTIVE");

        // A failure reported after the success changes nothing; an unknown type is acknowledged.
        String failed = StripeEvents.payment("payment_intent.payment_failed", id, paymentIntent, 1000, "eur");
        assertThat(StripeEvents.deliver(anonymous, failed, secret).status()).isEqualTo(200);
        String unknown = StripeEvents.event("customer.created", "{\"id\":\"cus_1\",\"object\":\"customer\"}");
        assertThat(StripeEvents.deliver(anonymous, unknown, secret).status()).isEqualTo(200);
        assertThat(buyer.get("/api/v1/purchases/" + id).body().get("status").asString())
                .isEqualTo("ACTIVE");
        assertThat(seatsTaken(algorithm)).isEqualTo(1);
    }

    @Test
    void givenBadInput_whenBuying_then4xxAndNothingWritten() {
        String algorithm = publish("10", 5);
        int before = dsl.fetchCount(PURCHASES);

        assertProblem(buy(buyer, algorithm, 0, null), 422, "validation-failed");
        assertProblem(buy(buyer, algorithm, 1000, null), 422, "validation-failed");
        assertProblem(
                buyer.postJson("/api/v1/purchases", "{\"algorithmId\":\"not-a-uuid\",\"periods\":1}"),
                422,
                "validation-failed");
        assertProblem(buy(buyer, UUID.randomUUID().toString(), 1, null), 404, "algorithm-not-found");
        assertProblem(buy(buyer, algorithm, 1, "NOSUCH"), 422, "coupon-unavailable");
        assertProblem(
                users.anonymous()
                        .postJson("/api/v1/purchases", "{\"algorithmId\":\"%s\",\"periods\":1}".formatted(algorithm)),
                401,
                "unauthenticated");
        assertThat(dsl.fetchCount(PURCHASES)).isEqualTo(before);
        assertThat(seatsTaken(algorithm)).isZero();
    }

    @Test
    void givenPurchases_whenListed_thenTheCallersNewestFirstInKeysetPages() {
        String algorithm = publish("0", null);
        List<String> bought = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            bought.add(buy(buyer, algorithm, 1, null).body().get("id").asString());
        }

        JsonNode first = buyer.get("/api/v1/purchases?limit=2").body();
        assertThat(ids(first)).containsExactly(bought.get(2), bought.get(1));
        JsonNode newest = first.get("items").get(0);
        assertThat(newest.get("algorithmId").asString()).isEqualTo(algorithm);
        assertThat(newest.get("status").asString()).isIn("AWAITING_PAYMENT", "ACTIVE");
        assertThat(newest.get("portfolios").isArray()).isTrue();
        assertThat(newest.has("startsAt") && newest.has("endsAt")).isTrue();
        JsonNode second = buyer.get("/api/v1/purchases?limit=2&cursor="
                        + first.get("nextCursor").asString())
                .body();
        assertThat(ids(second)).containsExactly(bought.get(0));
        assertThat(second.get("nextCursor").isNull()).isTrue();

        assertThat(ids(developer.get("/api/v1/purchases").body())).doesNotContainAnyElementsOf(bought);
        assertProblem(buyer.get("/api/v1/purchases?limit=0"), 400, "invalid-parameter");
        assertProblem(buyer.get("/api/v1/purchases?limit=501"), 400, "invalid-parameter");
        assertProblem(buyer.get("/api/v1/purchases?cursor=bm90LW91cnM"), 400, "invalid-cursor");
    }

    @Test
    void givenAnActivePurchaseOfASoldOutAlgorithm_whenRenewedAndPaid_thenTheRenewalStartsAtItsEndOnTheSameSeat() {
        String algorithm = publish("10", 1);
        JsonNode current = paid(buy(buyer, algorithm, 1, null));
        String currentId = current.get("id").asString();
        assertProblem(buy(users.verified("USER").http(), algorithm, 1, null), 409, "no-seats-available");

        Http.Response renewed = renew(buyer, currentId, 2);

        assertThat(renewed.status()).as(renewed.raw()).isEqualTo(201);
        assertThat(renewed.body().get("status").asString()).isEqualTo("AWAITING_PAYMENT");
        assertThat(renewed.body().get("amount").get("amount").asString()).isEqualTo("20.00");
        assertThat(renewed.body().get("paymentClientSecret").asString()).contains("_secret_");
        assertThat(seatsTaken(algorithm)).isEqualTo(1);
        assertProblem(renew(buyer, currentId, 1), 409, "purchase-already-renewed");
        assertProblem(renew(users.verified("USER").http(), currentId, 1), 404, "purchase-not-found");

        JsonNode renewal = paid(renewed);

        assertThat(OffsetDateTime.parse(renewal.get("startsAt").asString()))
                .isEqualTo(OffsetDateTime.parse(current.get("endsAt").asString()));
        assertThat(Duration.between(
                        OffsetDateTime.parse(renewal.get("startsAt").asString()),
                        OffsetDateTime.parse(renewal.get("endsAt").asString())))
                .isEqualTo(Duration.ofDays(60));
        JsonNode currentNow = buyer.get("/api/v1/purchases/" + currentId).body();
        assertThat(currentNow.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(currentNow.get("endsAt").asString())
                .isEqualTo(current.get("endsAt").asString());
        assertThat(seatsTaken(algorithm)).isEqualTo(1);
    }

    @Test
    void givenARenewal_whenItsPaymentFails_thenNothingChangesAndItCanBeRenewedAgain() {
        String algorithm = publish("10", 1);
        JsonNode current = paid(buy(buyer, algorithm, 1, null));
        String currentId = current.get("id").asString();
        String renewalId = renew(buyer, currentId, 1).body().get("id").asString();

        assertThat(buyer.postJson("/api/v1/purchases/" + renewalId + "/simulate-payment", "{\"outcome\":\"failed\"}")
                        .status())
                .isEqualTo(202);

        Purchases.awaitStatus(buyer, renewalId, "PAYMENT_FAILED");
        JsonNode currentNow = buyer.get("/api/v1/purchases/" + currentId).body();
        assertThat(currentNow.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(currentNow.get("endsAt").asString())
                .isEqualTo(current.get("endsAt").asString());
        assertThat(seatsTaken(algorithm)).isEqualTo(1);
        assertProblem(renew(buyer, renewalId, 1), 409, "purchase-not-renewable");
        assertThat(renew(buyer, currentId, 1).status()).isEqualTo(201);
    }

    /** Pays the purchase just bought through the simulated provider and answers it once ACTIVE. */
    private JsonNode paid(Http.Response bought) {
        assertThat(bought.status()).as(bought.raw()).isEqualTo(201);
        String id = bought.body().get("id").asString();
        assertThat(buyer.postJson("/api/v1/purchases/" + id + "/simulate-payment", "{\"outcome\":\"succeeded\"}")
                        .status())
                .isEqualTo(202);
        return Purchases.awaitStatus(buyer, id, "ACTIVE");
    }

    private static Http.Response renew(Http http, String purchaseId, int periods) {
        return http.postJson("/api/v1/purchases/" + purchaseId + "/renew", "{\"periods\":%d}".formatted(periods));
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }
}
