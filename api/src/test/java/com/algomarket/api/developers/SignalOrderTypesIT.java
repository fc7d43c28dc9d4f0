package com.algomarket.api.developers;

import static com.algomarket.api.support.Problems.assertProblem;
import static com.algomarket.db.jooq.Tables.SIGNALS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.paper.PaperOrder;
import com.algomarket.api.support.Http;
import com.algomarket.api.support.OnDevelopersAlgorithm;
import com.algomarket.api.support.PaperSubscribers.Subscriber;
import com.algomarket.api.support.RealServersOnPaper;
import com.algomarket.db.jooq.tables.records.SignalsRecord;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.support.Await;
import io.temporal.client.WorkflowNotFoundException;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * STOP_LIMIT and TRAILING_STOP signals from the two ways a developer's tools post them: an algorithm API key
 * ({@code Authorization: Bearer ak_...}) and a signal hook taking TradingView-style alerts. Each takes the fields
 * api.md defines for signals (stopPrice and limitPrice; trailingPct or trailingAmount and activationPrice), stores them
 * on the signal, and starts what they ask for: a stop-limit resting at the paper venue, a trailing stop's workflow.
 * A trailing stop armed only at 59,000 never arms while the market stands at 60,000, so nothing trades by surprise;
 * each test ends by killing the portfolio, which cancels it.
 */
@RealServersOnPaper(seed = 41)
class SignalOrderTypesIT extends OnDevelopersAlgorithm {

    private Subscriber subscriber;

    @BeforeEach
    void subscribed() {
        subscriber = subscribers.subscribe(algorithmId, "2000");
        venue.exchange().setMarket("BTCEUR", new BigDecimal("60000"), BigDecimal.ONE);
    }

    @Test
    void givenAnApiKey_whenItPostsAStopLimitAndATrailingStop_thenEachIsStoredWithItsFieldsAndStarted() {
        String key = developer
                .postJson("/api/v1/algorithms/" + algorithmId + "/api-keys", "{\"name\":\"plugin\"}")
                .body()
                .get("key")
                .asString();
        Http plugin = users.anonymous().withBearer(key);

        String stopLimit = accepted(plugin.postJson(
                signalsPath(), """
                {"symbol":"BTC/EUR","side":"BUY","type":"STOP_LIMIT","sizing":{"quantity":"0.001"},
                 "stopPrice":"60600","limitPrice":"60700"}""", "Idempotency-Key", UUID.randomUUID().toString()));
        String trailing = accepted(plugin.postJson(
                signalsPath(), """
                {"symbol":"BTC/EUR","side":"BUY","type":"TRAILING_STOP","sizing":{"quantity":"0.001"},
                 "trailingAmount":"300","activationPrice":"59000"}""", "Idempotency-Key", UUID.randomUUID().toString()));

        assertStopLimitRests(stopLimit);
        SignalsRecord stored = signal(trailing);
        assertThat(stored.getTrailingAmount()).isEqualByComparingTo("300");
        assertThat(stored.getTrailingPct()).isNull();
        assertThat(stored.getActivationPrice()).isEqualByComparingTo("59000");
        assertTrailingStopFollowed(trailing);

        kill();
        Await.until(
                DEADLINE, () -> rows.orderStatus(subscriber.portfolioId(), trailing), OrderStatus.CANCELLED::equals);
        Await.until(
                DEADLINE, () -> rows.orderStatus(subscriber.portfolioId(), stopLimit), OrderStatus.CANCELLED::equals);
    }

    @Test
    void
            givenASignalHook_whenAlertsAskForAStopLimitAndATrailingStop_thenEachBecomesItsSignal_andABadOneWritesNothing() {
        String url = developer
                .postJson("/api/v1/algorithms/" + algorithmId + "/signal-hook", """
                        {"defaultSizing":{"quantity":"0.001"}}""")
                .body()
                .get("url")
                .asString();
        String hook = url.substring(url.indexOf("/api/v1/"));
        Http sender = users.anonymous();
        String trailingAlert = """
                {"symbol":"BINANCE:BTCEUR","side":"buy","type":"trailing_stop","trailingPct":0.02,
                 "activationPrice":59000,"time":"2026-11-30T10:00:00Z"}""";

        String trailing = accepted(sender.postJson(hook, trailingAlert));
        String stopLimit = accepted(sender.postJson(hook, """
                {"symbol":"BTCEUR","side":"buy","type":"stop_limit","stopPrice":60600,"limitPrice":"60700"}"""));

        SignalsRecord stored = signal(trailing);
        assertThat(stored.getTrailingPct()).isEqualByComparingTo("0.02");
        assertThat(stored.getTrailingAmount()).isNull();
        assertThat(stored.getActivationPrice()).isEqualByComparingTo("59000");
        assertThat(stored.getQuantity()).isEqualByComparingTo("0.001");
        assertTrailingStopFollowed(trailing);
        assertStopLimitRests(stopLimit);
        assertThat(accepted(sender.postJson(hook, trailingAlert)))
                .as("the same alert again")
                .isEqualTo(trailing);

        // Refused before anything is written: a distance that is no fraction, two distances, a trailing field on
        // a market order, a negative activation price.
        for (String bad : List.of("""
                {"symbol":"BTCEUR","side":"sell","type":"trailing_stop","trailingPct":1.5}""", """
                {"symbol":"BTCEUR","side":"sell","type":"trailing_stop","trailingPct":0.02,"trailingAmount":300}""", """
                {"symbol":"BTCEUR","side":"sell","trailingAmount":300}""", """
                {"symbol":"BTCEUR","side":"sell","type":"trailing_stop","trailingAmount":300,"activationPrice":-1}""")) {
            assertProblem(sender.postJson(hook, bad), 422, "validation-failed");
        }
        assertThat(dsl.fetchCount(SIGNALS, SIGNALS.ALGORITHM_ID.eq(UUID.fromString(algorithmId))))
                .isEqualTo(2);
        kill();
        Await.until(
                DEADLINE, () -> rows.orderStatus(subscriber.portfolioId(), trailing), OrderStatus.CANCELLED::equals);
    }

    /** The kill switch ends what the test started: the trailing stop's workflow and the resting stop-limit. */
    private void kill() {
        assertThat(subscriber
                        .http()
                        .postJson("/api/v1/portfolios/" + subscriber.portfolioId() + "/kill", "{}")
                        .status())
                .isEqualTo(202);
    }

    /** The stop-limit's order rests at the venue as a STOP_LOSS_LIMIT with the signal's two prices. */
    private void assertStopLimitRests(String signalId) {
        SignalsRecord stored = signal(signalId);
        assertThat(stored.getStopPrice()).isEqualByComparingTo("60600");
        assertThat(stored.getLimitPrice()).isEqualByComparingTo("60700");
        Await.until(DEADLINE, () -> rows.orderStatus(subscriber.portfolioId(), signalId), OrderStatus.PENDING::equals);
        PaperOrder resting = venue.exchange().openOrders(subscriber.key().apiKey(), "BTCEUR").stream()
                .filter(order -> order.type().equals("STOP_LOSS_LIMIT"))
                .findFirst()
                .orElseThrow();
        assertThat(resting.stopPrice()).isEqualByComparingTo("60600");
        assertThat(resting.price()).isEqualByComparingTo("60700");
    }

    /** The trailing stop's workflow runs under its order's id, and the order waits unsent (NEW) meanwhile. */
    private void assertTrailingStopFollowed(String signalId) {
        String workflowId = WorkflowIds.order(subscriber.portfolioId(), signalId);
        Await.until(DEADLINE, () -> workflowType(workflowId), "TrailingStopWorkflow"::equals);
        assertThat(rows.orderStatus(subscriber.portfolioId(), signalId)).isEqualTo(OrderStatus.NEW);
    }

    private String workflowType(String workflowId) {
        try {
            return workflowClient.newUntypedWorkflowStub(workflowId).describe().getWorkflowType();
        } catch (WorkflowNotFoundException notYet) {
            return null;
        }
    }

    private SignalsRecord signal(String signalId) {
        return dsl.selectFrom(SIGNALS)
                .where(SIGNALS.ID.eq(UUID.fromString(signalId)))
                .fetchSingle();
    }

    private String signalsPath() {
        return "/api/v1/algorithms/" + algorithmId + "/signals";
    }

    private static String accepted(Http.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(202);
        return response.body().get("signalId").asString();
    }
}
