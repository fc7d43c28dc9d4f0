package com.algomarket.api.orders;

import static com.algomarket.db.jooq.Tables.SIGNALS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.paper.PaperOrder;
import com.algomarket.activities.paper.PaperTrade;
import com.algomarket.api.support.Http;
import com.algomarket.api.support.OnPaperVenue;
import com.algomarket.api.support.PaperSubscribers;
import com.algomarket.api.support.PaperSubscribers.Subscriber;
import com.algomarket.api.support.Problems;
import com.algomarket.api.support.RealServersOnPaper;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.support.Await;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * STOP_LIMIT signals end to end: on the paper venue the order rests as a STOP_LOSS_LIMIT until the market reaches its
 * stop, then fills at its limit or better; an algorithm that trades on an exchange without stop-limit orders gets a
 * 422 when it posts one, and nothing is stored or started.
 */
@RealServersOnPaper(seed = 23)
class StopLimitOrdersIT extends OnPaperVenue {

    @Test
    void givenStopLimitBuy_whenThePriceRisesToTheStop_thenItTriggersAndFillsAtTheLimitOrBetter() {
        Http developer = users.verified("DEVELOPER").http();
        String algorithmId = PaperSubscribers.algorithm(developer);
        Subscriber subscriber = subscribers.subscribe(algorithmId, "2000");
        venue.exchange().setMarket("BTCEUR", new BigDecimal("60000"), BigDecimal.ONE);

        String signalId = PaperSubscribers.signal(developer, algorithmId, """
                {"symbol":"BTC/EUR","side":"BUY","type":"STOP_LIMIT","sizing":{"quantity":"0.01"},
                 "stopPrice":"60600","limitPrice":"60700"}""");

        Await.until(DEADLINE, () -> rows.orderStatus(subscriber.portfolioId(), signalId), OrderStatus.PENDING::equals);
        PaperOrder resting =
                venue.exchange().openOrders(subscriber.key().apiKey(), "BTCEUR").getFirst();
        assertThat(resting.type()).isEqualTo("STOP_LOSS_LIMIT");
        assertThat(resting.stopPrice()).isEqualByComparingTo("60600");
        assertThat(resting.price()).isEqualByComparingTo("60700");

        venue.exchange().setMarket("BTCEUR", new BigDecimal("60650"), BigDecimal.ONE); // asks from 60680.33

        Await.until(DEADLINE, () -> rows.orderStatus(subscriber.portfolioId(), signalId), OrderStatus.FILLED::equals);
        assertThat(venue.exchange()
                        .trades(subscriber.key().apiKey(), "BTCEUR", resting.orderId(), null, null, null, 10))
                .isNotEmpty()
                .extracting(PaperTrade::price)
                .allSatisfy(price -> assertThat(price).isLessThanOrEqualTo(new BigDecimal("60700")));
        assertThat(rows.position(subscriber.portfolioId())).isEqualByComparingTo("0.01");
    }

    @Test
    void givenAnAlgorithmOnAnExchangeWithoutStopLimit_whenAStopLimitIsPosted_then422AndNothingStored() {
        Http developer = users.verified("DEVELOPER").http();
        String algorithmId = developer
                .postJson("/api/v1/algorithms", """
                        {"name": "Stops %s", "description": "d", "exchanges": ["PAPER", "BITSTAMP"],
                         "quoteCurrency": "EUR", "symbols": ["BTC/EUR"], "price": {"amount": "0", "currency": "EUR"},
                         "periodDays": 30}""".formatted(UUID.randomUUID()))
                .body()
                .get("id")
                .asString();

        Http.Response refused = developer.postJson(
                "/api/v1/algorithms/" + algorithmId + "/signals",
                """
                {"symbol":"BTC/EUR","side":"SELL","type":"STOP_LIMIT","sizing":{"portfolioFraction":"0.5"},
                 "stopPrice":"55000","limitPrice":"54900"}""",
                "Idempotency-Key",
                UUID.randomUUID().toString());

        Problems.assertProblem(refused, 422, "order-type-unsupported");
        assertThat(refused.body().get("detail").asString()).contains("BITSTAMP").doesNotContain("PAPER");
        assertThat(dsl.fetchCount(SIGNALS, SIGNALS.ALGORITHM_ID.eq(UUID.fromString(algorithmId))))
                .isZero();
        Http.Response stopLoss = developer.postJson(
                "/api/v1/algorithms/" + algorithmId + "/signals",
                """
                {"symbol":"BTC/EUR","side":"SELL","type":"STOP_LOSS","sizing":{"portfolioFraction":"0.5"},
                 "stopPrice":"55000"}""",
                "Idempotency-Key",
                UUID.randomUUID().toString());
        assertThat(stopLoss.status()).as(stopLoss.raw()).isEqualTo(202);
    }
}
