package com.algomarket.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.paper.PaperExchange;
import com.algomarket.activities.paper.PaperExchange.Permission;
import com.algomarket.workflows.support.Await;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import lombok.RequiredArgsConstructor;

/**
 * Algorithms and their subscribers through the REST API, on a paper venue of the test's own: a developer's algorithm
 * trading BTC/EUR on PAPER, and users who connect a PAPER key, buy the algorithm and create a portfolio.
 */
@RequiredArgsConstructor
public final class PaperSubscribers {

    private final TestUsers users;
    private final PaperExchange venue;

    public record Subscriber(Http http, String portfolioId, String connectionId, PaperExchange.ApiKey key) {}

    /** A free algorithm of {@code developer} trading BTC/EUR on PAPER; answers its id. */
    public static String algorithm(Http developer) {
        return algorithm(developer, "0");
    }

    /** An algorithm of {@code developer} at {@code euros} a 30-day period, trading BTC/EUR on PAPER; answers its id. */
    public static String algorithm(Http developer, String euros) {
        return algorithm(developer, euros, null);
    }

    /**
     * An algorithm of {@code developer} at {@code euros} a 30-day period with {@code seats} (null: unlimited), trading
     * BTC/EUR on PAPER; answers its id.
     */
    public static String algorithm(Http developer, String euros, Integer seats) {
        Http.Response published = developer.postJson("/api/v1/algorithms", """
                {"name": "Signals %s", "description": "d", "exchanges": ["PAPER"], "quoteCurrency": "EUR",
                 "symbols": ["BTC/EUR"], "price": {"amount": "%s", "currency": "EUR"}, "periodDays": 30%s}
                """.formatted(
                        UUID.randomUUID(), euros, seats == null ? "" : ", \"seats\": " + seats));
        assertThat(published.status()).as(published.raw()).isEqualTo(201);
        return published.body().get("id").asString();
    }

    /** A user subscribed to the algorithm with a portfolio of {@code size} EUR on a PAPER key holding 10,000 EUR. */
    public Subscriber subscribe(String algorithmId, String size) {
        return subscribe(algorithmId, size, new BigDecimal("10000"));
    }

    /**
     * A user subscribed to a new algorithm of a new developer, with a portfolio of {@code size} EUR on a PAPER key
     * holding {@code euros}.
     */
    public Subscriber subscribeToNewAlgorithm(String size, BigDecimal euros) {
        return subscribe(algorithm(users.verified("DEVELOPER").http()), size, euros);
    }

    /** A user subscribed to the algorithm with a portfolio of {@code size} EUR on a PAPER key holding {@code euros}. */
    public Subscriber subscribe(String algorithmId, String size, BigDecimal euros) {
        Http user = users.verified("USER").http();
        PaperExchange.ApiKey key = venue.createKey(EnumSet.of(Permission.READ, Permission.TRADE), Map.of("EUR", euros));
        String connectionId = user.postJson("/api/v1/connections", """
                {"exchange":"PAPER","name":"paper","apiKey":"%s","apiSecret":"%s"}""".formatted(key.apiKey(), key.secret()))
                .body()
                .get("id")
                .asString();
        return new Subscriber(user, portfolio(user, algorithmId, connectionId, size), connectionId, key);
    }

    /** The user buys the algorithm and creates a portfolio of {@code size} EUR of it on the connection; answers its id. */
    public String portfolio(Http user, String algorithmId, String connectionId, String size) {
        String purchase = user.postJson(
                        "/api/v1/purchases", "{\"algorithmId\":\"%s\",\"periods\":1}".formatted(algorithmId))
                .body()
                .get("id")
                .asString();
        Purchases.awaitStatus(user, purchase, "ACTIVE");
        Http.Response portfolio = user.postJson(
                "/api/v1/portfolios",
                "{\"purchaseId\":\"%s\",\"connectionId\":\"%s\",\"size\":\"%s\"}"
                        .formatted(purchase, connectionId, size));
        assertThat(portfolio.status()).as(portfolio.raw()).isEqualTo(201);
        return portfolio.body().get("id").asString();
    }

    /** Posts a signal as the algorithm's developer and answers its id. */
    public static String signal(Http developer, String algorithmId, String json) {
        Http.Response accepted =
                postSignal(developer, algorithmId, json, UUID.randomUUID().toString());
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
        return accepted.body().get("signalId").asString();
    }

    /**
     * Posts a signal as a client does through an outage or a 503: again with the same Idempotency-Key until it is
     * accepted; the last answer says what the app answered meanwhile when the deadline passes.
     */
    public static String signalUntilAccepted(Http developer, String algorithmId, String json, Duration deadline) {
        String key = UUID.randomUUID().toString();
        Http.Response accepted = Await.until(
                deadline, () -> postSignal(developer, algorithmId, json, key), response -> response.status() == 202);
        return accepted.body().get("signalId").asString();
    }

    private static Http.Response postSignal(Http developer, String algorithmId, String json, String idempotencyKey) {
        return developer.postJson(
                "/api/v1/algorithms/" + algorithmId + "/signals", json, "Idempotency-Key", idempotencyKey);
    }
}
