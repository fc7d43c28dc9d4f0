package com.algomarket.api.developers;

import static com.algomarket.api.support.Problems.assertProblem;
import static com.algomarket.db.jooq.Tables.ALGORITHMS;
import static com.algomarket.db.jooq.Tables.ALGORITHM_API_KEYS;
import static com.algomarket.db.jooq.Tables.HOOK_ALERTS;
import static com.algomarket.db.jooq.Tables.PURCHASES;
import static com.algomarket.db.jooq.Tables.SIGNALS;
import static com.algomarket.db.jooq.Tables.SIGNAL_HOOKS;
import static com.algomarket.db.jooq.Tables.TRACK_RECORDS;
import static com.algomarket.db.jooq.Tables.TRACK_RECORD_DAYS;
import static com.algomarket.db.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.api.support.Http;
import com.algomarket.api.support.OnPaperVenue;
import com.algomarket.api.support.PaperSubscribers;
import com.algomarket.api.support.PaperSubscribers.Subscriber;
import com.algomarket.api.support.PaperVenue;
import com.algomarket.api.support.Purchases;
import com.algomarket.api.support.RealServers;
import com.algomarket.api.support.StripeEvents;
import com.algomarket.api.support.TestUsers;
import com.algomarket.workflows.store.AlgorithmStatus;
import com.algomarket.workflows.support.Await;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The developers' side through REST on the real dev server and a paper venue: algorithm API keys post signals that
 * become orders and nothing else; signal hooks turn alerts into signals once per minute and body; storefronts and the
 * store page by cursor; sales add up purchases and refunds.
 */
@RealServers(
        properties = {
            "algomarket.stripe.secret-key=",
            "algomarket.stripe.webhook-secret=" + DevelopersIT.WEBHOOK_SECRET,
            "algomarket.abuse.limits.key-signal.per-account=3/1m"
        })
@PaperVenue(seed = 29)
class DevelopersIT extends OnPaperVenue {

    static final String WEBHOOK_SECRET = "whsec_developers_it";
    private static final String BUY = """
            {"symbol":"BTC/EUR","side":"BUY","type":"MARKET","sizing":{"portfolioFraction":"0.01"}}""";

    @LocalServerPort
    int port;

    private final HttpClient raw = HttpClient.newHttpClient();

    private TestUsers.TestUser developer;
    private String algorithmId;

    @BeforeEach
    void algorithm() {
        developer = users.verified("DEVELOPER");
        algorithmId = PaperSubscribers.algorithm(developer.http());
    }

    // --- API keys -------------------------------------------------------------------------------------------------

    @Test
    void givenAnApiKey_whenItPostsASignal_thenTheOrderFills_aRetryIsTheSameSignal_andTheFourthInAMinuteIs429() {
        Subscriber subscriber = subscribers.subscribe(algorithmId, "1000");
        JsonNode created = createKey(algorithmId, "{\"name\":\"plugin\"}");
        String key = created.get("key").asString();
        assertThat(key).startsWith("ak_");
        assertThat(dsl.fetchExists(ALGORITHM_API_KEYS, ALGORITHM_API_KEYS.KEY_HASH.eq(key)))
                .as("only a hash is stored")
                .isFalse();
        Http plugin = users.anonymous().withBearer(key);

        String idempotencyKey = UUID.randomUUID().toString();
        Http.Response accepted = plugin.postJson(signalsPath(algorithmId), BUY, "Idempotency-Key", idempotencyKey);
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
        String signalId = accepted.body().get("signalId").asString();
        Await.until(DEADLINE, () -> orderStatus(subscriber, signalId), "FILLED"::equals);

        Http.Response retried = plugin.postJson(signalsPath(algorithmId), BUY, "Idempotency-Key", idempotencyKey);
        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.body().get("signalId").asString()).isEqualTo(signalId);
        assertThat(dsl.fetchCount(SIGNALS, SIGNALS.ALGORITHM_ID.eq(UUID.fromString(algorithmId))))
                .isEqualTo(1);

        JsonNode listed = developer.http().get(keysPath(algorithmId)).body();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asString())
                .isEqualTo(created.get("id").asString());
        assertThat(listed.get(0).has("key")).isFalse();
        assertThat(listed.get(0).get("lastUsedAt").isNull()).isFalse();

        assertThat(plugin.postJson(
                                signalsPath(algorithmId),
                                BUY,
                                "Idempotency-Key",
                                UUID.randomUUID().toString())
                        .status())
                .isEqualTo(202);
        HttpResponse<String> limited = rawPost(signalsPath(algorithmId), key, "application/json", BUY);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).contains("rate-limited");
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1L, 60L);
        assertThat(dsl.fetchCount(SIGNALS, SIGNALS.ALGORITHM_ID.eq(UUID.fromString(algorithmId))))
                .as("the refused signal wrote nothing")
                .isEqualTo(2);

        // The limit is the key's: another key of the same algorithm still posts.
        String second =
                createKey(algorithmId, "{\"name\":\"backup\"}").get("key").asString();
        assertThat(postSignal(users.anonymous().withBearer(second), algorithmId).status())
                .isEqualTo(202);
    }

    @Test
    void givenAnApiKey_whenUsedBeyondItsSignals_then403OnAnotherAlgorithm401Elsewhere_andRevokedOrExpired401AtOnce() {
        String key = createKey(algorithmId, "{\"name\":\"ci\"}").get("key").asString();
        String keyId = developer
                .http()
                .get(keysPath(algorithmId))
                .body()
                .get(0)
                .get("id")
                .asString();
        Http plugin = users.anonymous().withBearer(key);
        String sameDevelopersOther = PaperSubscribers.algorithm(developer.http());
        String anotherDevelopers =
                PaperSubscribers.algorithm(users.verified("DEVELOPER").http());

        assertProblem(postSignal(plugin, sameDevelopersOther), 403, "forbidden");
        assertProblem(postSignal(plugin, anotherDevelopers), 403, "forbidden");
        assertProblem(plugin.get("/api/v1/portfolios"), 401, "unauthenticated");
        assertProblem(plugin.get("/api/v1/algorithms/" + algorithmId), 401, "unauthenticated");
        assertProblem(plugin.postJson(keysPath(algorithmId), "{\"name\":\"more\"}"), 401, "unauthenticated");
        assertProblem(plugin.get("/api/v1/me/sales"), 401, "unauthenticated");
        assertThat(dsl.fetchCount(SIGNALS, SIGNALS.ALGORITHM_ID.in(ids(sameDevelopersOther, anotherDevelopers))))
                .isZero();

        assertThat(developer.http().delete(keysPath(algorithmId) + "/" + keyId).status())
                .isEqualTo(204);
        assertProblem(postSignal(plugin, algorithmId), 401, "unauthenticated");
        assertThat(developer.http().delete(keysPath(algorithmId) + "/" + keyId).status())
                .isEqualTo(404);
        assertThat(developer.http().get(keysPath(algorithmId)).body()).isEmpty();

        String expiring = createKey(
                        algorithmId,
                        "{\"name\":\"short\",\"expiresAt\":\"%s\"}"
                                .formatted(OffsetDateTime.now().plusDays(1)))
                .get("key")
                .asString();
        dsl.update(ALGORITHM_API_KEYS)
                .set(ALGORITHM_API_KEYS.EXPIRES_AT, OffsetDateTime.now().minusSeconds(1))
                .where(ALGORITHM_API_KEYS.ALGORITHM_ID.eq(UUID.fromString(algorithmId)))
                .execute();
        assertProblem(postSignal(users.anonymous().withBearer(expiring), algorithmId), 401, "unauthenticated");
        assertProblem(
                postSignal(users.anonymous().withBearer("ak_" + "A".repeat(12) + "_" + "B".repeat(43)), algorithmId),
                401,
                "unauthenticated");
        assertThat(dsl.fetchCount(SIGNALS, SIGNALS.ALGORITHM_ID.eq(UUID.fromString(algorithmId))))
                .isZero();
    }

    @Test
    void givenSomeoneElse_whenManagingAnAlgorithmsKeysOrHook_thenAnotherDeveloper404AndAUser403() {
        Http otherDeveloper = users.verified("DEVELOPER").http();
        Http user = users.verified("USER").http();

        assertProblem(otherDeveloper.postJson(keysPath(algorithmId), "{\"name\":\"x\"}"), 404, "algorithm-not-found");
        assertProblem(otherDeveloper.get(keysPath(algorithmId)), 404, "algorithm-not-found");
        assertProblem(otherDeveloper.postJson(hookPath(algorithmId), "{}"), 404, "algorithm-not-found");
        assertProblem(user.postJson(keysPath(algorithmId), "{\"name\":\"x\"}"), 403, "forbidden");
        assertProblem(user.get(keysPath(algorithmId)), 403, "forbidden");
        assertProblem(user.postJson(hookPath(algorithmId), "{}"), 403, "forbidden");
        assertProblem(user.get("/api/v1/me/sales"), 403, "forbidden");
        assertProblem(
                developer
                        .http()
                        .postJson(keysPath(algorithmId), "{\"name\":\"old\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}"),
                422,
                "validation-failed");
        assertThat(dsl.fetchCount(ALGORITHM_API_KEYS, ALGORITHM_API_KEYS.ALGORITHM_ID.eq(UUID.fromString(algorithmId))))
                .isZero();
    }

    // --- Signal hooks ---------------------------------------------------------------------------------------------

    @Test
    void givenASignalHook_whenATradingViewAlertArrives_thenOneSignalWhoseOrderFills_evenWhenRepeatedConcurrently()
            throws Exception {
        Subscriber subscriber = subscribers.subscribe(algorithmId, "1000");
        String url = postHook("{\"defaultSizing\":{\"portfolioFraction\":\"0.01\"}}")
                .get("url")
                .asString();
        String alert = "{\"symbol\":\"BINANCE:BTCEUR\",\"side\":\"buy\"}";

        HttpResponse<String> first = rawPost(url, null, "text/plain; charset=utf-8", alert);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        String signalId = field(first.body(), "signalId");
        Await.until(DEADLINE, () -> orderStatus(subscriber, signalId), "FILLED"::equals);

        HttpResponse<String> repeated = rawPost(url, null, "application/json", alert.replace(":", ": "));
        assertThat(repeated.statusCode()).isEqualTo(202);
        assertThat(field(repeated.body(), "signalId")).isEqualTo(signalId);
        assertThat(signals()).isEqualTo(1);

        String sell = "{\"symbol\":\"BTC/EUR\",\"side\":\"SELL\",\"sizing\":{\"portfolioFraction\":\"0.5\"}}";
        List<Callable<HttpResponse<String>>> posts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            posts.add(() -> rawPost(url, null, "application/json", sell));
        }
        Set<String> signalIds = new HashSet<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<HttpResponse<String>> answer : pool.invokeAll(posts)) {
                assertThat(answer.get().statusCode()).as(answer.get().body()).isEqualTo(202);
                signalIds.add(field(answer.get().body(), "signalId"));
            }
        }
        assertThat(signalIds).hasSize(1);
        assertThat(signals()).isEqualTo(2);

        // The same alert after its minute is a new signal.
        dsl.update(HOOK_ALERTS)
                .set(HOOK_ALERTS.RECEIVED_AT, OffsetDateTime.now().minusSeconds(61))
                .where(thisAlgorithmsHook())
                .execute();
        HttpResponse<String> later = rawPost(url, null, "application/json", alert);
        assertThat(field(later.body(), "signalId")).isNotEqualTo(signalId);
        assertThat(signals()).isEqualTo(3);
    }

    @Test
    void givenARotatedHook_whenTheOldTokenOrABadAlertArrives_thenNothingIsWritten() {
        String old = postHook("").get("url").asString();
        JsonNode rotated = postHook("{}");
        String url = rotated.get("url").asString();
        assertThat(url).isNotEqualTo(old).endsWith(rotated.get("token").asString());
        String alert = "{\"symbol\":\"BTC/EUR\",\"side\":\"BUY\",\"sizing\":{\"quantity\":\"0.001\"}}";

        assertThat(rawPost(old, null, "application/json", alert).statusCode()).isEqualTo(404);
        assertThat(rawPost(
                                url.substring(0, url.lastIndexOf('/') + 1) + "sh_" + "x".repeat(43),
                                null,
                                "application/json",
                                alert)
                        .statusCode())
                .isEqualTo(404);
        assertThat(rawPost(url, null, "application/json", "{not json").statusCode())
                .isEqualTo(400);
        assertThat(rawPost(url, null, "application/json", "{\"symbol\":\"BTC/EUR\",\"side\":\"BUY\"}")
                        .statusCode())
                .as("no sizing and no default")
                .isEqualTo(422);
        assertThat(rawPost(url, null, "application/json", alert.replace("BTC/EUR", "ETH/EUR"))
                        .statusCode())
                .isEqualTo(422);
        assertThat(signals()).isZero();
        assertThat(dsl.fetchCount(HOOK_ALERTS, thisAlgorithmsHook())).isZero();

        assertThat(rawPost(url, null, "application/json", alert).statusCode()).isEqualTo(202);
        assertThat(signals()).isEqualTo(1);
    }

    // --- Storefronts and paging -----------------------------------------------------------------------------------

    @Test
    void givenADevelopersAlgorithms_whenPagedBySort_thenEveryPublishedOneOnceInOrder() {
        String asset =
                "Q" + UUID.randomUUID().toString().substring(0, 6).toUpperCase().replace("-", "");
        String cheapLimited = publish(asset, "5", 2);
        String dearUnlimited = publish(asset, "50", null);
        String middle = publish(asset, "20", 8);
        String retired = publish(asset, "1", 1);
        dsl.update(ALGORITHMS)
                .set(ALGORITHMS.STATUS, AlgorithmStatus.RETIRED)
                .where(ALGORITHMS.ID.eq(UUID.fromString(retired)))
                .execute();
        String username = dsl.select(USERS.USERNAME)
                .from(USERS)
                .where(USERS.ID.eq(developer.id()))
                .fetchOne(USERS.USERNAME);
        Http anyone = users.verified("USER").http();

        assertThat(pages(anyone, "/api/v1/developers/" + username.toUpperCase() + "/algorithms?limit=2"))
                .containsExactly(middle, dearUnlimited, cheapLimited, algorithmId);
        assertThat(pages(anyone, "/api/v1/algorithms?asset=" + asset + "&sort=price&limit=2"))
                .containsExactly(cheapLimited, middle, dearUnlimited);
        assertThat(pages(anyone, "/api/v1/algorithms?asset=" + asset + "&sort=seatsLeft&limit=1"))
                .containsExactly(dearUnlimited, middle, cheapLimited);

        // Track records: middle +4.5 % (its last day counts), cheapLimited traded but not valued yet (0 %),
        // dearUnlimited computed before any trade and the first algorithm never: those two last, by id.
        trackRecord(middle, LocalDate.now().minusDays(2), "150", "104.5");
        trackRecord(cheapLimited, LocalDate.now().minusDays(1));
        trackRecord(dearUnlimited, null);
        List<String> withoutRecord =
                java.util.stream.Stream.of(dearUnlimited, algorithmId).sorted().toList();
        String byTrackRecord = "/api/v1/developers/" + username + "/algorithms?sort=trackRecord&limit=1";
        assertThat(pages(anyone, byTrackRecord))
                .containsExactly(middle, cheapLimited, withoutRecord.get(0), withoutRecord.get(1));
        JsonNode firstByRecord = anyone.get(byTrackRecord).body().get("items").get(0);
        assertThat(firstByRecord.get("trackRecord").get("returnPct").asString()).isEqualTo("4.5");
        assertThat(pages(anyone, "/api/v1/algorithms?asset=" + asset + "&sort=track_record&limit=2"))
                .containsExactly(middle, cheapLimited, dearUnlimited);

        assertProblem(
                anyone.get("/api/v1/developers/nobody-"
                        + UUID.randomUUID().toString().substring(0, 8) + "/algorithms"),
                404,
                "developer-not-found");
        assertProblem(anyone.get("/api/v1/algorithms?limit=0"), 400, "invalid-parameter");
        assertProblem(anyone.get("/api/v1/algorithms?limit=501"), 400, "invalid-parameter");
        assertProblem(anyone.get("/api/v1/algorithms?sort=rating"), 400, "invalid-parameter");
        assertProblem(anyone.get("/api/v1/developers/" + username + "/algorithms?sort=best"), 400, "invalid-parameter");
        assertProblem(anyone.get("/api/v1/algorithms?cursor=garbage"), 400, "invalid-cursor");
        String priceCursor = anyone.get("/api/v1/algorithms?asset=" + asset + "&sort=price&limit=1")
                .body()
                .get("nextCursor")
                .asString();
        assertProblem(anyone.get("/api/v1/algorithms?cursor=" + priceCursor), 400, "invalid-cursor");
        assertProblem(
                anyone.get("/api/v1/developers/" + username + "/algorithms?sort=price&cursor="
                        + nextCursor(anyone, byTrackRecord)),
                400,
                "invalid-cursor");
        // A cursor of the right sort whose key is not a number (made up, not one of ours).
        String madeUp = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("1|TRACK_RECORD|lots|" + middle).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertProblem(anyone.get("/api/v1/algorithms?sort=trackRecord&cursor=" + madeUp), 400, "invalid-cursor");
    }

    private static String nextCursor(Http http, String page) {
        return http.get(page).body().get("nextCursor").asString();
    }

    /** A stored track record: first trade on {@code since} (null: none yet), index days from it (the last counts). */
    private void trackRecord(String algorithm, LocalDate since, String... indexes) {
        UUID id = UUID.fromString(algorithm);
        dsl.insertInto(TRACK_RECORDS)
                .set(TRACK_RECORDS.ALGORITHM_ID, id)
                .set(TRACK_RECORDS.SINCE, since)
                .set(TRACK_RECORDS.PORTFOLIOS, since == null ? 0 : 1)
                .set(TRACK_RECORDS.TRADES, since == null ? 0 : 2)
                .set(TRACK_RECORDS.CLOSED_TRIPS, 0)
                .set(TRACK_RECORDS.WINNING_TRIPS, 0)
                .set(TRACK_RECORDS.COMPUTED_AT, OffsetDateTime.now())
                .execute();
        for (int i = 0; i < indexes.length; i++) {
            BigDecimal index = new BigDecimal(indexes[i]);
            dsl.insertInto(TRACK_RECORD_DAYS)
                    .set(TRACK_RECORD_DAYS.ALGORITHM_ID, id)
                    .set(TRACK_RECORD_DAYS.DAY, since.plusDays(i))
                    .set(TRACK_RECORD_DAYS.INDEX_VALUE, index)
                    .set(TRACK_RECORD_DAYS.PEAK, new BigDecimal("150"))
                    .set(TRACK_RECORD_DAYS.MAX_DRAWDOWN, BigDecimal.ZERO)
                    .execute();
        }
    }

    // --- Sales ----------------------------------------------------------------------------------------------------

    @Test
    void givenPaidRefundedAndUnpaidPurchases_whenTheDeveloperReadsSales_thenGrossRefundedAndSeatsPerAlgorithm() {
        String paid = publish("SALE", "10", 5);
        String paidId = buyAndPay(paid);
        String refundedId = buyAndPay(paid);
        buy(users.verified("USER").http(), paid); // unpaid: a seat held, no revenue
        String inDollars = publish("SALE", "7.5", null, "USD");
        buyAndPay(inDollars);
        postRefund(refundedId, 1000, true);
        // A goodwill refund of 2.50 on the other: the subscription stays, the money is counted as gone back. Stripe's
        // amount_refunded is the total so far, so an older event arriving after it (1.00 in all) changes nothing.
        postRefund(paidId, 250, false);
        postRefund(paidId, 100, false);
        assertThat(paidId).isNotEqualTo(refundedId);

        JsonNode sales = developer.http().get("/api/v1/me/sales").body();

        assertThat(sales.get("purchases").asInt()).isEqualTo(3);
        assertThat(revenue(sales.get("revenue")))
                .as("per currency, never added across currencies")
                .containsExactly("EUR 20.00 12.50", "USD 7.50 0.00");
        JsonNode byAlgorithm = sales.get("byAlgorithm");
        assertThat(byAlgorithm).hasSize(3);
        JsonNode free = byAlgorithm.get(0);
        assertThat(free.get("algorithmId").asString()).isEqualTo(algorithmId);
        assertThat(free.get("purchases").asInt()).isZero();
        JsonNode sold = byAlgorithm.get(1);
        assertThat(sold.get("algorithmId").asString()).isEqualTo(paid);
        assertThat(sold.get("purchases").asInt()).isEqualTo(2);
        assertThat(sold.get("activeSubscriptions").asInt()).isEqualTo(1);
        assertThat(sold.get("seatsUsed").asInt())
                .as("one paid, one awaiting payment")
                .isEqualTo(2);
        assertThat(sold.get("seatsTotal").asInt()).isEqualTo(5);
        assertThat(revenue(sold.get("revenue"))).containsExactly("EUR 20.00 12.50");
        assertThat(revenue(free.get("revenue"))).isEmpty();
        JsonNode dollars = byAlgorithm.get(2);
        assertThat(dollars.get("algorithmId").asString()).isEqualTo(inDollars);
        assertThat(dollars.get("purchases").asInt()).isEqualTo(1);
        assertThat(dollars.get("seatsUsed").asInt()).isEqualTo(1);
        assertThat(dollars.get("seatsTotal").isNull()).as("unlimited").isTrue();
        assertThat(revenue(dollars.get("revenue"))).containsExactly("USD 7.50 0.00");
    }

    /** Posts Stripe's charge.refunded of the purchase's payment: {@code refundedInAll} cents back so far. */
    private void postRefund(String purchaseId, long refundedInAll, boolean full) {
        String paymentIntent = dsl.select(PURCHASES.STRIPE_PAYMENT_INTENT_ID)
                .from(PURCHASES)
                .where(PURCHASES.ID.eq(UUID.fromString(purchaseId)))
                .fetchOne(PURCHASES.STRIPE_PAYMENT_INTENT_ID);
        String refund =
                StripeEvents.event("charge.refunded", """
                {"id":"ch_%s","object":"charge","payment_intent":"%s","amount":1000,"amount_refunded":%d,\
                "currency":"eur","refunded":%s}""".formatted(purchaseId, paymentIntent, refundedInAll, full));
        assertThat(StripeEvents.deliver(users.anonymous(), refund, WEBHOOK_SECRET)
                        .status())
                .isEqualTo(200);
    }

    /** Revenue lines as "currency gross refunded". */
    private static List<String> revenue(JsonNode lines) {
        List<String> shown = new ArrayList<>();
        lines.forEach(line -> shown.add(line.get("currency").asString() + " "
                + line.get("gross").asString() + " " + line.get("refunded").asString()));
        return shown;
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private JsonNode createKey(String algorithm, String json) {
        Http.Response created = developer.http().postJson(keysPath(algorithm), json);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body();
    }

    private static String keysPath(String algorithm) {
        return "/api/v1/algorithms/" + algorithm + "/api-keys";
    }

    /** Makes the algorithm's signal hook, or gives it a new token when it has one; answers the hook. */
    private JsonNode postHook(String body) {
        return developer.http().postJson(hookPath(algorithmId), body).body();
    }

    private static String hookPath(String algorithm) {
        return "/api/v1/algorithms/" + algorithm + "/signal-hook";
    }

    private static String signalsPath(String algorithm) {
        return "/api/v1/algorithms/" + algorithm + "/signals";
    }

    private static Http.Response postSignal(Http http, String algorithm) {
        return http.postJson(
                signalsPath(algorithm),
                BUY,
                "Idempotency-Key",
                UUID.randomUUID().toString());
    }

    private static List<UUID> ids(String... ids) {
        return java.util.Arrays.stream(ids).map(UUID::fromString).toList();
    }

    private Condition thisAlgorithmsHook() {
        return HOOK_ALERTS.HOOK_ID.in(DSL.select(SIGNAL_HOOKS.ID)
                .from(SIGNAL_HOOKS)
                .where(SIGNAL_HOOKS.ALGORITHM_ID.eq(UUID.fromString(algorithmId))));
    }

    private int signals() {
        return dsl.fetchCount(SIGNALS, SIGNALS.ALGORITHM_ID.eq(UUID.fromString(algorithmId)));
    }

    /** The status of the signal's order as its subscriber reads it through REST (null until the order exists). */
    private static String orderStatus(Subscriber subscriber, String signalId) {
        JsonNode orders = subscriber
                .http()
                .get("/api/v1/portfolios/" + subscriber.portfolioId() + "/orders")
                .body();
        for (JsonNode order : orders) {
            if (order.get("workflowId").asString().endsWith(signalId)) {
                return order.get("status").asString();
            }
        }
        return null;
    }

    /** A POST as senders make it: any content type, an optional bearer token, headers readable. */
    private HttpResponse<String> rawPost(String pathOrUrl, String bearer, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : "http://localhost:" + port + pathOrUrl))
                .header("Content-Type", contentType)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            return raw.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String field(String json, String name) {
        return tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(json)
                .get(name)
                .asString();
    }

    /** Every id of every page, following nextCursor until there is none. */
    private static List<String> pages(Http http, String firstPage) {
        List<String> ids = new ArrayList<>();
        String next = firstPage;
        while (next != null) {
            Http.Response page = http.get(next);
            assertThat(page.status()).as(page.raw()).isEqualTo(200);
            page.body().get("items").forEach(item -> ids.add(item.get("id").asString()));
            JsonNode cursor = page.body().get("nextCursor");
            next = cursor == null || cursor.isNull() ? null : firstPage + "&cursor=" + cursor.asString();
        }
        return ids;
    }

    private String publish(String asset, String price, Integer seats) {
        return publish(asset, price, seats, "EUR");
    }

    private String publish(String asset, String price, Integer seats, String currency) {
        Http.Response published = developer.http().postJson("/api/v1/algorithms", """
                {"name": "Algo %s", "description": "d", "exchanges": ["PAPER"], "quoteCurrency": "EUR",
                 "symbols": ["%s/EUR"], "price": {"amount": "%s", "currency": "%s"}, "periodDays": 30%s}
                """.formatted(
                        UUID.randomUUID(), asset, price, currency, seats == null ? "" : ", \"seats\": " + seats));
        assertThat(published.status()).as(published.raw()).isEqualTo(201);
        return published.body().get("id").asString();
    }

    private static String buy(Http buyer, String algorithm) {
        Http.Response bought =
                buyer.postJson("/api/v1/purchases", "{\"algorithmId\":\"%s\",\"periods\":1}".formatted(algorithm));
        assertThat(bought.status()).as(bought.raw()).isEqualTo(201);
        return bought.body().get("id").asString();
    }

    private String buyAndPay(String algorithm) {
        Http buyer = users.verified("USER").http();
        String id = buy(buyer, algorithm);
        assertThat(buyer.postJson("/api/v1/purchases/" + id + "/simulate-payment", "{\"outcome\":\"succeeded\"}")
                        .status())
                .isEqualTo(202);
        Purchases.awaitStatus(buyer, id, "ACTIVE");
        return id;
    }
}
