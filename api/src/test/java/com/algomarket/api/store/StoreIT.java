package com.algomarket.api.store;

import static com.algomarket.api.support.Problems.assertProblem;
import static com.algomarket.db.jooq.Tables.ALGORITHMS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.api.support.Http;
import com.algomarket.api.support.RealServers;
import com.algomarket.api.support.TestUsers;
import com.algomarket.workflows.support.Await;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The algorithm store through REST against the real PostgreSQL and Temporal dev server. */
@RealServers
class StoreIT {

    @Autowired
    DSLContext dsl;

    @Autowired
    TestUsers users;

    private TestUsers.TestUser developer;

    @BeforeEach
    void developer() {
        developer = users.verified("DEVELOPER");
    }

    @Test
    void givenDeveloper_whenPublishing_thenListedWithSeatsAndFilteredByExchangeAndAsset() {
        String asset =
                "Z" + UUID.randomUUID().toString().substring(0, 5).toUpperCase().replace("-", "");
        Http.Response published = publish(
                developer.http(),
                algorithm("Momentum " + asset, asset + "/EUR", "EUR", "[\"PAPER\", \"BINANCE\"]", "29.90", "10"));

        assertThat(published.status()).as(published.raw()).isEqualTo(201);
        JsonNode algorithm = published.body();
        assertThat(algorithm.get("developerId").asString())
                .isEqualTo(developer.id().toString());
        assertThat(algorithm.get("seatsAvailable").asInt()).isEqualTo(10);
        assertThat(algorithm.get("price").get("amount").asString()).isEqualTo("29.9");

        Http user = users.verified("USER").http();
        assertThat(user.get("/api/v1/algorithms?exchange=PAPER&asset=" + asset)
                        .body()
                        .get("items"))
                .extracting(node -> node.get("id").asString())
                .containsExactly(algorithm.get("id").asString());
        assertThat(user.get("/api/v1/algorithms?exchange=KRAKEN&asset=" + asset)
                        .body()
                        .get("items"))
                .isEmpty();
        assertThat(user.get("/api/v1/algorithms?asset=" + asset.toLowerCase())
                        .body()
                        .get("items"))
                .hasSize(1);
        assertThat(user.get("/api/v1/algorithms/" + algorithm.get("id").asString())
                        .body()
                        .get("name")
                        .asString())
                .isEqualTo("Momentum " + asset);
        assertThat(user.get("/api/v1/algorithms/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(user.get("/api/v1/algorithms?exchange=FTX").status()).isEqualTo(400);
    }

    @Test
    void givenUser_whenPublishingOrCreatingCoupons_then403AndNothingWritten() {
        Http user = users.verified("USER").http();
        int before = dsl.fetchCount(ALGORITHMS);

        assertProblem(publish(user, algorithm("Nope", "BTC/EUR", "EUR", "[\"PAPER\"]", "10", "5")), 403, "forbidden");
        String id = publish(developer.http(), algorithm("Mine", "BTC/EUR", "EUR", "[\"PAPER\"]", "10", "5"))
                .body()
                .get("id")
                .asString();
        assertProblem(
                user.postJson("/api/v1/algorithms/" + id + "/coupons", "{\"code\":\"FREE\",\"percentOff\":\"100\"}"),
                403,
                "forbidden");
        assertThat(dsl.fetchCount(ALGORITHMS)).isEqualTo(before + 1);
    }

    @Test
    void givenHostileOrInvalidBodies_whenPublishing_then4xxAndNothingWritten() {
        int before = dsl.fetchCount(ALGORITHMS);
        Http http = developer.http();

        for (String invalid : List.of(
                algorithm("Neg", "BTC/EUR", "EUR", "[\"PAPER\"]", "-1", "5"),
                algorithm("Huge", "BTC/EUR", "EUR", "[\"PAPER\"]", "1e12", "5"),
                algorithm("Ftx", "BTC/EUR", "EUR", "[\"FTX\"]", "10", "5"),
                algorithm("Quote", "BTC/USDT", "EUR", "[\"PAPER\"]", "10", "5"),
                algorithm("Seats", "BTC/EUR", "EUR", "[\"PAPER\"]", "10", "-3"))) {
            assertProblem(publish(http, invalid), 422, "validation-failed");
        }
        assertProblem(
                http.postJson("/api/v1/algorithms", "{\"name\": 5, \"periodDays\": \"many\"}"),
                422,
                "validation-failed");
        assertProblem(http.postJson("/api/v1/algorithms", "[1, 2"), 400, "malformed-request");
        assertThat(dsl.fetchCount(ALGORITHMS)).isEqualTo(before);
    }

    @Test
    void givenFieldsOnlyTheServerSets_whenSent_thenIgnored() {
        UUID someoneElse = UUID.randomUUID();
        String body = algorithm("Sneaky", "BTC/EUR", "EUR", "[\"PAPER\"]", "10", "5")
                .replaceFirst(
                        "\\{",
                        "{\"id\": \"" + someoneElse + "\", \"developerId\": \"" + someoneElse
                                + "\", \"seatsTaken\": 5, \"status\": \"RETIRED\", ");

        JsonNode published = publish(developer.http(), body).body();

        assertThat(published.get("id").asString()).isNotEqualTo(someoneElse.toString());
        assertThat(published.get("developerId").asString())
                .isEqualTo(developer.id().toString());
        assertThat(published.get("seatsAvailable").asInt()).isEqualTo(5);
        assertThat(published.get("status").asString()).isEqualTo("PUBLISHED");
    }

    @Test
    void givenCoupons_whenChecked_thenAvailableUnknownOrExpiredAndOnlyTheOwnerCreatesThem() {
        String id = publish(developer.http(), algorithm("Coupons", "BTC/EUR", "EUR", "[\"PAPER\"]", "50", null))
                .body()
                .get("id")
                .asString();
        Http http = developer.http();

        assertThat(http.postJson(
                                "/api/v1/algorithms/" + id + "/coupons",
                                "{\"code\":\"HALF\",\"percentOff\":\"50\",\"maxRedemptions\":3}")
                        .status())
                .isEqualTo(201);
        assertProblem(
                http.postJson("/api/v1/algorithms/" + id + "/coupons", "{\"code\":\"HALF\",\"amountOff\":\"5\"}"),
                409,
                "coupon-exists");
        assertProblem(
                http.postJson(
                        "/api/v1/algorithms/" + id + "/coupons",
                        "{\"code\":\"BOTH\",\"percentOff\":\"5\",\"amountOff\":\"5\"}"),
                422,
                "validation-failed");
        assertProblem(
                http.postJson("/api/v1/algorithms/" + id + "/coupons", "{\"code\":\"MORE\",\"percentOff\":\"150\"}"),
                422,
                "validation-failed");
        String soon = OffsetDateTime.now().plusSeconds(2).toString();
        assertThat(http.postJson(
                                "/api/v1/algorithms/" + id + "/coupons",
                                "{\"code\":\"SOON\",\"amountOff\":\"5\",\"expiresAt\":\"%s\"}".formatted(soon))
                        .status())
                .isEqualTo(201);
        assertProblem(
                users.verified("DEVELOPER")
                        .http()
                        .postJson(
                                "/api/v1/algorithms/" + id + "/coupons", "{\"code\":\"THEIRS\",\"percentOff\":\"10\"}"),
                404,
                "algorithm-not-found");

        JsonNode half = http.get("/api/v1/algorithms/" + id + "/coupons/HALF").body();
        assertThat(half.get("available").asBoolean()).isTrue();
        assertThat(http.get("/api/v1/algorithms/" + id + "/coupons/NOPE")
                        .body()
                        .get("reason")
                        .asString())
                .isEqualTo("UNKNOWN");
        JsonNode expired = Await.until(
                Duration.ofSeconds(10),
                () -> http.get("/api/v1/algorithms/" + id + "/coupons/SOON").body(),
                check -> !check.get("available").asBoolean());
        assertThat(expired.get("reason").asString()).isEqualTo("EXPIRED");
    }

    private static Http.Response publish(Http http, String body) {
        return http.postJson("/api/v1/algorithms", body);
    }

    private static String algorithm(
            String name, String symbol, String quote, String exchanges, String price, String seats) {
        return """
                {"name": "%s", "description": "Buys strength, sells weakness.", "exchanges": %s,
                 "quoteCurrency": "%s", "symbols": ["%s"], "price": {"amount": "%s", "currency": "EUR"},
                 "periodDays": 30%s}
                """.formatted(name, exchanges, quote, symbol, price, seats == null ? "" : ", \"seats\": " + seats);
    }
}
