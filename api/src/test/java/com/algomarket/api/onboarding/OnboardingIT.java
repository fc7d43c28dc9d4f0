package com.algomarket.api.onboarding;

import static com.algomarket.api.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.paper.PaperExchange;
import com.algomarket.activities.paper.PaperExchange.Permission;
import com.algomarket.api.support.Http;
import com.algomarket.api.support.OnPaperVenue;
import com.algomarket.api.support.PaperSubscribers;
import com.algomarket.api.support.RealServersOnPaper;
import com.algomarket.api.support.TestUsers;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.purchases.EndPurchaseInput;
import com.algomarket.workflows.purchases.PurchaseActivities;
import com.algomarket.workflows.purchases.PurchaseStatus;
import com.algomarket.workflows.support.Await;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The six steps of the product through REST, on the real PostgreSQL and Temporal dev server, with simulated payments
 * and a paper venue this test starts: register, verify, connect, buy, create a portfolio, and onboarding is DONE.
 */
@RealServersOnPaper(seed = 5)
class OnboardingIT extends OnPaperVenue {

    @Autowired
    PurchaseActivities purchaseActivities;

    private Http developer;

    @BeforeEach
    void developer() {
        developer = users.verified("DEVELOPER").http();
    }

    @Test
    void givenNewUser_whenEveryStepIsDoneThroughRest_thenDoneAndNoHistoryHoldsTheKeyOrSecret() {
        String algorithm = publish();

        Run run = onboard(algorithm);

        assertThat(run.user().get("/api/v1/me/onboarding").body().get("step").asString())
                .isEqualTo("DONE");
        List<String> workflowIds =
                List.of(WorkflowIds.onboarding(run.userId().toString()), WorkflowIds.purchase(run.purchaseId()));
        for (String workflowId : workflowIds) {
            String history = workflowClient.fetchHistory(workflowId).toJson(true);
            assertThat(history)
                    .as(workflowId)
                    .contains(run.userId().toString())
                    .doesNotContain(run.key().apiKey())
                    .doesNotContain(run.key().secret());
        }
    }

    @Test
    void givenPortfolioSizes_whenBelowMinimumOrAboveTheFreeBalance_then422() {
        String algorithm = publish();
        Run run = onboard(algorithm); // one portfolio of 100 EUR on a 1,000 EUR account
        Http user = run.user();

        assertProblem(portfolio(user, run.purchaseId(), run.connectionId(), "99.99"), 422, "portfolio-below-minimum");
        assertProblem(portfolio(user, run.purchaseId(), run.connectionId(), "-5"), 422, "validation-failed");
        assertProblem(portfolio(user, run.purchaseId(), run.connectionId(), "lots"), 422, "validation-failed");
        assertProblem(portfolio(user, run.purchaseId(), run.connectionId(), "1e30"), 422, "validation-failed");
        assertProblem(
                portfolio(user, run.purchaseId(), UUID.randomUUID().toString(), "100"), 404, "connection-not-found");
        assertProblem(
                portfolio(user, UUID.randomUUID().toString(), run.connectionId(), "100"), 404, "purchase-not-found");
        user.postJson("/api/v1/connections/" + run.connectionId() + "/pause", "");
        assertProblem(portfolio(user, run.purchaseId(), run.connectionId(), "100"), 422, "connection-not-active");
        user.postJson("/api/v1/connections/" + run.connectionId() + "/resume", "");
        assertProblem(portfolio(user, run.purchaseId(), run.connectionId(), "1000"), 422, "insufficient-balance");
        assertThat(portfolio(user, run.purchaseId(), run.connectionId(), "900").status())
                .isEqualTo(201);
        assertProblem(portfolio(user, run.purchaseId(), run.connectionId(), "100"), 422, "insufficient-balance");
        assertThat(user.get("/api/v1/portfolios").body()).hasSize(2);
        assertThat(users.verified("USER")
                        .http()
                        .get("/api/v1/portfolios/"
                                + user.get("/api/v1/portfolios")
                                        .body()
                                        .get(0)
                                        .get("id")
                                        .asString())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void givenExpiredSubscription_whenItEnds_thenItsPortfoliosTakeNoNewEntries() {
        Run run = onboard(publish());
        assertThat(firstPortfolioAcceptsNewEntries(run)).isTrue();

        // What the purchase workflow's timer does at the end of the subscription (PurchaseWorkflowTest shows when).
        purchaseActivities.end(new EndPurchaseInput(run.purchaseId(), PurchaseStatus.EXPIRED));

        assertThat(run.user()
                        .get("/api/v1/purchases/" + run.purchaseId())
                        .body()
                        .get("status")
                        .asString())
                .isEqualTo("EXPIRED");
        assertThat(firstPortfolioAcceptsNewEntries(run)).isFalse();
        assertProblem(portfolio(run.user(), run.purchaseId(), run.connectionId(), "100"), 422, "purchase-not-active");
    }

    @Test
    void givenTwentyNewUsers_whenOnboardedThroughRest_thenMedianPrinted() {
        String algorithm = publish();
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long start = System.nanoTime();
            Run run = onboard(algorithm);
            millis.add((System.nanoTime() - start) / 1_000_000);
            assertThat(run.user()
                            .get("/api/v1/me/onboarding")
                            .body()
                            .get("step")
                            .asString())
                    .isEqualTo("DONE");
        }
        List<Long> sorted = millis.stream().sorted().toList();
        System.out.printf(
                "Onboarding through REST on the dev server, 20 runs: median %d ms, min %d ms, max %d ms%n",
                (sorted.get(9) + sorted.get(10)) / 2, sorted.getFirst(), sorted.getLast());
    }

    private record Run(UUID userId, Http user, PaperExchange.ApiKey key, String connectionId, String purchaseId) {}

    /** Register and verify, connect a paper key with 1,000 EUR, buy, pay, create a portfolio of 100 EUR. */
    private Run onboard(String algorithm) {
        TestUsers.TestUser user = users.verified("USER");
        Http http = user.http();
        assertThat(step(http)).isEqualTo("CONNECT_EXCHANGE");

        PaperExchange.ApiKey key = venue.exchange()
                .createKey(EnumSet.of(Permission.READ, Permission.TRADE), Map.of("EUR", new BigDecimal("1000")));
        Http.Response connection = http.postJson("/api/v1/connections", """
                {"exchange":"PAPER","name":"paper","apiKey":"%s","apiSecret":"%s"}""".formatted(key.apiKey(), key.secret()));
        assertThat(connection.status()).as(connection.raw()).isEqualTo(201);
        assertThat(step(http)).isEqualTo("BUY_ALGORITHM");

        Http.Response purchase =
                http.postJson("/api/v1/purchases", "{\"algorithmId\":\"%s\",\"periods\":1}".formatted(algorithm));
        assertThat(purchase.status()).as(purchase.raw()).isEqualTo(201);
        String purchaseId = purchase.body().get("id").asString();
        assertThat(http.postJson("/api/v1/purchases/" + purchaseId + "/simulate-payment", "{\"outcome\":\"succeeded\"}")
                        .status())
                .isEqualTo(202);
        Await.until(DEADLINE, () -> step(http), "CREATE_PORTFOLIO"::equals);

        String connectionId = connection.body().get("id").asString();
        Http.Response portfolio = portfolio(http, purchaseId, connectionId, "100");
        assertThat(portfolio.status()).as(portfolio.raw()).isEqualTo(201);
        Await.until(DEADLINE, () -> step(http), "DONE"::equals);
        return new Run(user.id(), http, key, connectionId, purchaseId);
    }

    private String publish() {
        return PaperSubscribers.algorithm(developer, "19.00");
    }

    private static Http.Response portfolio(Http http, String purchaseId, String connectionId, String size) {
        return http.postJson(
                "/api/v1/portfolios",
                "{\"purchaseId\":\"%s\",\"connectionId\":\"%s\",\"size\":\"%s\"}"
                        .formatted(purchaseId, connectionId, size));
    }

    private static String step(Http http) {
        return http.get("/api/v1/me/onboarding").body().get("step").asString();
    }

    private static boolean firstPortfolioAcceptsNewEntries(Run run) {
        return run.user()
                .get("/api/v1/portfolios")
                .body()
                .get(0)
                .get("acceptsNewEntries")
                .asBoolean();
    }
}
