package com.algomarket.api.purchases;

import static com.algomarket.db.jooq.Tables.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.api.support.Http;
import com.algomarket.api.support.OnPaperVenue;
import com.algomarket.api.support.PaperSubscribers;
import com.algomarket.api.support.PaperSubscribers.Subscriber;
import com.algomarket.api.support.Purchases;
import com.algomarket.api.support.RealServersOnPaper;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.purchases.EndPurchaseInput;
import com.algomarket.workflows.purchases.PurchaseActivities;
import com.algomarket.workflows.purchases.PurchaseStatus;
import com.algomarket.workflows.support.Await;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.jooq.Record;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The end of a subscription with and without a paid renewal, on the real servers and a paper venue. An algorithm's
 * period is whole days, so the test does not wait for it: it runs the activity the purchase workflow's end timer runs
 * (what happens at the boundary), then sends a signal after that end.
 */
@RealServersOnPaper(seed = 41)
class RenewalBoundaryIT extends OnPaperVenue {

    @Autowired
    PurchaseActivities purchaseActivities;

    @Test
    void givenAPaidRenewal_whenTheRenewedPurchaseEnds_thenItsPortfolioTradesOnWhileOneWithoutStopsEntering() {
        venue.exchange().setMarket("BTCEUR", new BigDecimal("60000"), new BigDecimal("5"));
        Http developer = users.verified("DEVELOPER").http();
        String algorithmId = PaperSubscribers.algorithm(developer);
        Subscriber renewing = subscribers.subscribe(algorithmId, "1000");
        Subscriber lapsing = subscribers.subscribe(algorithmId, "1000");
        JsonNode current = onlyPurchase(renewing.http());
        assertThat(current.get("portfolios").get(0).asString()).isEqualTo(renewing.portfolioId());
        String currentId = current.get("id").asString();

        Http.Response renewed =
                renewing.http().postJson("/api/v1/purchases/" + currentId + "/renew", "{\"periods\":1}");
        assertThat(renewed.status()).as(renewed.raw()).isEqualTo(201);
        String renewalId = renewed.body().get("id").asString();
        // A free algorithm's renewal needs no payment: it is paid as soon as its workflow runs.
        Purchases.awaitStatus(renewing.http(), renewalId, "ACTIVE");

        purchaseActivities.end(new EndPurchaseInput(currentId, PurchaseStatus.EXPIRED));
        purchaseActivities.end(
                new EndPurchaseInput(onlyPurchase(lapsing.http()).get("id").asString(), PurchaseStatus.EXPIRED));

        JsonNode listed = renewing.http().get("/api/v1/purchases").body().get("items");
        assertThat(listed.get(0).get("id").asString()).isEqualTo(renewalId);
        assertThat(listed.get(0).get("portfolios").get(0).asString()).isEqualTo(renewing.portfolioId());
        assertThat(listed.get(1).get("status").asString()).isEqualTo("EXPIRED");
        assertThat(listed.get(1).get("portfolios")).isEmpty();

        String signalId = PaperSubscribers.signal(developer, algorithmId, """
                {"symbol":"BTC/EUR","side":"BUY","type":"MARKET","sizing":{"quantity":"0.001"}}""");

        assertThat(orderOf(signalId, renewing).get(ORDERS.STATUS)).isNotEqualTo(OrderStatus.REJECTED);
        Record refused = orderOf(signalId, lapsing);
        assertThat(refused.get(ORDERS.STATUS)).isEqualTo(OrderStatus.REJECTED);
        assertThat(refused.get(ORDERS.REASON)).contains("subscription has ended");
    }

    private static JsonNode onlyPurchase(Http user) {
        JsonNode items = user.get("/api/v1/purchases").body().get("items");
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    /** The order (or recorded rejection) the signal made for the subscriber's portfolio. */
    private Record orderOf(String signalId, Subscriber subscriber) {
        var ofPortfolio = ORDERS.SIGNAL_ID
                .eq(UUID.fromString(signalId))
                .and(ORDERS.PORTFOLIO_ID.eq(UUID.fromString(subscriber.portfolioId())));
        List<Record> rows = Await.until(
                DEADLINE,
                () -> List.copyOf(dsl.select().from(ORDERS).where(ofPortfolio).fetch()),
                found -> !found.isEmpty());
        return rows.getFirst();
    }
}
