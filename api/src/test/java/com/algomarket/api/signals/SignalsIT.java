package com.algomarket.api.signals;

import static com.algomarket.db.jooq.Tables.ORDERS;
import static com.algomarket.db.jooq.Tables.SIGNALS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.paper.PaperOrder;
import com.algomarket.api.support.HistoryRecorder;
import com.algomarket.api.support.Http;
import com.algomarket.api.support.OnDevelopersAlgorithm;
import com.algomarket.api.support.PaperSubscribers.Subscriber;
import com.algomarket.api.support.Problems;
import com.algomarket.api.support.RealServersOnPaper;
import com.algomarket.api.support.Reconciliations;
import com.algomarket.api.support.WorkflowDescriptions;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.exchange.ClientOrderIds;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.reconciliation.ReconciliationResult;
import com.algomarket.workflows.support.Await;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.common.converter.DefaultDataConverter;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Signals end to end on the real dev server and a paper venue: the fan-out sizes one order per portfolio that may
 * trade and records why the others do not; bad signals start nothing; a kill with flatten sells what the portfolio
 * holds; the reconciliation adopts an order the database lost, leaves the user's own orders alone and pauses a
 * portfolio over a mismatch it cannot explain.
 */
@RealServersOnPaper(seed = 17)
class SignalsIT extends OnDevelopersAlgorithm {

    private Subscriber subscribe(String size) {
        return subscribers.subscribe(algorithmId, size);
    }

    private Http.Response postSignal(String json, String idempotencyKey) {
        return developer.postJson(
                "/api/v1/algorithms/" + algorithmId + "/signals", json, "Idempotency-Key", idempotencyKey);
    }

    private OrderStatus orderStatus(String portfolioId, String signalId) {
        return rows.orderStatus(portfolioId, signalId);
    }

    private String orderReason(String portfolioId, String signalId) {
        return rows.orderReason(portfolioId, signalId);
    }

    @Test
    void givenThreeSubscribers_whenSignalPosted_thenOneOrderPerTradingPortfolioAndTheOthersRecordedWithReasons() {
        Subscriber trading = subscribe("1000");
        Subscriber paused = subscribe("1000");
        Subscriber tooSmall = subscribe("100");
        assertThat(paused.http()
                        .postJson("/api/v1/portfolios/" + paused.portfolioId() + "/pause", "")
                        .status())
                .isEqualTo(200);
        String signal = """
                {"symbol":"BTC/EUR","side":"BUY","type":"MARKET","sizing":{"portfolioFraction":"0.01"}}""";

        String idempotencyKey = key();
        Http.Response accepted = postSignal(signal, idempotencyKey);

        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
        assertThat(accepted.body().get("portfolios").asInt()).isEqualTo(3);
        String signalId = accepted.body().get("signalId").asString();
        Await.until(DEADLINE, () -> orderStatus(trading.portfolioId(), signalId), OrderStatus.FILLED::equals);
        assertThat(orderStatus(paused.portfolioId(), signalId)).isEqualTo(OrderStatus.REJECTED);
        assertThat(orderReason(paused.portfolioId(), signalId)).isEqualTo("portfolio is PAUSED");
        assertThat(orderStatus(tooSmall.portfolioId(), signalId)).isEqualTo(OrderStatus.REJECTED);
        // 1% of 100 EUR at 60,000 EUR is 0.00001 BTC after rounding: 0.6 EUR, below the venue's minimum of 5 EUR.
        assertThat(orderReason(tooSmall.portfolioId(), signalId))
                .startsWith("notional 0.6")
                .endsWith("minimum 5");
        // The owner of the portfolio too small for the venue is told (they may resize it); the paused one's owner was
        // told
        // when they paused it, and is not told again on every signal.
        Await.until(
                DEADLINE,
                () -> rows.noticesOfOrder(rows.orderId(tooSmall.portfolioId(), signalId)),
                List.of("order.rejected")::equals);
        assertThat(rows.noticesOfOrder(rows.orderId(paused.portfolioId(), signalId)))
                .isEmpty();
        String clientOrderId = ClientOrderIds.forBusinessKey(WorkflowIds.order(trading.portfolioId(), signalId));
        // 1% of 1,000 EUR at 60,000 EUR: 0.000166.. rounded down to the venue's step of 0.00001.
        assertThat(venue.exchange().allOrders(trading.key().apiKey()))
                .singleElement()
                .satisfies(order -> {
                    assertThat(order.clientOrderId()).isEqualTo(clientOrderId);
                    assertThat(order.origQty()).isEqualByComparingTo("0.00016");
                });
        assertThat(venue.exchange().allOrders(paused.key().apiKey())).isEmpty();
        assertThat(venue.exchange().allOrders(tooSmall.key().apiKey())).isEmpty();

        DescribeWorkflowExecutionResponse order = describe(WorkflowIds.order(trading.portfolioId(), signalId));
        assertThat(memo(order, "symbol")).isEqualTo("BTC/EUR");
        assertThat(memo(order, "side")).isEqualTo("BUY");
        assertThat(memo(order, "quantity")).isEqualTo("0.00016");
        assertThat(order.getWorkflowExecutionInfo().getSearchAttributes().getIndexedFieldsMap())
                .containsKeys("UserId", "PortfolioId", "AlgorithmId", "Exchange", "OrderStatus");

        // The same post again (a client that lost the answer) is the same signal: nothing trades twice.
        Http.Response again = postSignal(signal, idempotencyKey);
        assertThat(again.status()).as(again.raw()).isEqualTo(202);
        assertThat(again.body().get("signalId").asString()).isEqualTo(signalId);
        assertThat(venue.exchange().allOrders(trading.key().apiKey())).hasSize(1);
        HistoryRecorder.recordClosed(workflowClient, "signal-" + signalId, "signal", "three-portfolios");
        HistoryRecorder.recordClosed(
                workflowClient, WorkflowIds.order(trading.portfolioId(), signalId), "order", "filled-from-signal");
    }

    @Test
    void givenBadSignals_whenPosted_thenProblemDetailsAndNothingStoredOrStarted() {
        Subscriber subscriber = subscribe("1000");
        int signalsBefore = dsl.fetchCount(SIGNALS, SIGNALS.ALGORITHM_ID.eq(UUID.fromString(algorithmId)));

        Problems.assertProblem(
                postSignal(signal("DOGE/EUR", "BUY", "MARKET", "\"quantity\":\"1\""), key()), 422, "unknown-symbol");
        for (String invalid : List.of(
                signal("BTC/EUR", "BUY", "MARKET", "\"quantity\":\"0\""),
                signal("BTC/EUR", "BUY", "MARKET", "\"quantity\":\"-1\""),
                signal("BTC/EUR", "BUY", "MARKET", "\"portfolioFraction\":\"1.5\""),
                signal("BTC/EUR", "BUY", "MARKET", "\"portfolioFraction\":\"0.1\",\"quantity\":\"1\""),
                signal("BTC/EUR", "BUY", "LIMIT", "\"quantity\":\"0.001\""),
                signal("BTC/EUR", "SELL", "STOP_LOSS", "\"quantity\":\"0.001\""),
                signal("BTC/EUR", "HOLD", "MARKET", "\"quantity\":\"0.001\""))) {
            Problems.assertProblem(postSignal(invalid, key()), 422, "validation-failed");
        }
        Problems.assertProblem(
                developer.postJson("/api/v1/algorithms/" + algorithmId + "/signals", """
                {"symbol":"BTC/EUR","side":"BUY","type":"MARKET","sizing":{"quantity":"0.001"}}"""),
                400,
                "idempotency-key-required");
        Http.Response notOwner = users.verified("DEVELOPER")
                .http()
                .postJson("/api/v1/algorithms/" + algorithmId + "/signals", """
                {"symbol":"BTC/EUR","side":"BUY","type":"MARKET","sizing":{"quantity":"0.001"}}""", "Idempotency-Key", key());
        Problems.assertProblem(notOwner, 404, "algorithm-not-found");
        assertThat(subscriber
                        .http()
                        .postJson("/api/v1/algorithms/" + algorithmId + "/signals", """
                {"symbol":"BTC/EUR","side":"BUY","type":"MARKET","sizing":{"quantity":"0.001"}}""", "Idempotency-Key", key())
                        .status())
                .isEqualTo(403);

        assertThat(dsl.fetchCount(SIGNALS, SIGNALS.ALGORITHM_ID.eq(UUID.fromString(algorithmId))))
                .isEqualTo(signalsBefore);
        assertThat(dsl.fetchCount(ORDERS, ORDERS.PORTFOLIO_ID.eq(UUID.fromString(subscriber.portfolioId()))))
                .isZero();
        assertThat(venue.exchange().allOrders(subscriber.key().apiKey())).isEmpty();
    }

    /** A signal's JSON with {@code sizing} the inside of its sizing object. */
    private static String signal(String symbol, String side, String type, String sizing) {
        return """
                {"symbol":"%s","side":"%s","type":"%s","sizing":{%s}}""".formatted(symbol, side, type, sizing);
    }

    private static String key() {
        return "k-" + UUID.randomUUID();
    }

    @Test
    void givenAPosition_whenKilledWithFlatten_thenTheOpenOrderIsCancelledAndThePositionSoldAtMarket() {
        Subscriber subscriber = subscribe("1000");
        String buy = postSignal("""
                {"symbol":"BTC/EUR","side":"BUY","type":"MARKET","sizing":{"quantity":"0.001"}}""", key()).body().get("signalId").asString();
        Await.until(DEADLINE, () -> orderStatus(subscriber.portfolioId(), buy), OrderStatus.FILLED::equals);
        String resting = postSignal("""
                {"symbol":"BTC/EUR","side":"BUY","type":"LIMIT","limitPrice":"30000","sizing":{"quantity":"0.001"}}""", key()).body().get("signalId").asString();
        Await.until(DEADLINE, () -> orderStatus(subscriber.portfolioId(), resting), OrderStatus.PENDING::equals);

        Http.Response killed = subscriber
                .http()
                .postJson("/api/v1/portfolios/" + subscriber.portfolioId() + "/kill", "{\"flatten\":true}");

        assertThat(killed.status()).as(killed.raw()).isEqualTo(202);
        assertThat(killed.body().get("cancelled").asInt()).isEqualTo(1);
        Await.until(DEADLINE, () -> position(subscriber.portfolioId()), held -> held.signum() == 0);
        assertThat(orderStatus(subscriber.portfolioId(), resting)).isEqualTo(OrderStatus.CANCELLED);
        assertThat(venue.exchange().balances(subscriber.key().apiKey()).get("BTC")[0])
                .isEqualByComparingTo("0");
        assertThat(venue.exchange().allOrders(subscriber.key().apiKey()))
                .filteredOn(order -> order.side().equals("SELL"))
                .singleElement()
                .satisfies(order -> assertThat(order.status()).isEqualTo(PaperOrder.Status.FILLED));

        // Killed: a new signal reaches no exchange.
        String after = postSignal("""
                {"symbol":"BTC/EUR","side":"BUY","type":"MARKET","sizing":{"quantity":"0.001"}}""", key()).body().get("signalId").asString();
        Await.until(DEADLINE, () -> orderStatus(subscriber.portfolioId(), after), OrderStatus.REJECTED::equals);
        assertThat(orderReason(subscriber.portfolioId(), after)).isEqualTo("portfolio is KILLED");
        assertThat(venue.exchange().allOrders(subscriber.key().apiKey())).hasSize(3);
        String flatten = workflowClient
                .listExecutions("WorkflowType = 'FlattenWorkflow' AND PortfolioId = '" + subscriber.portfolioId() + "'")
                .findFirst()
                .orElseThrow()
                .getExecution()
                .getWorkflowId();
        HistoryRecorder.recordClosed(workflowClient, flatten, "flatten", "cancel-then-sell");
        HistoryRecorder.recordClosed(
                workflowClient,
                WorkflowIds.order(subscriber.portfolioId(), resting),
                "order",
                "killed-while-resting-v1");
    }

    private BigDecimal position(String portfolioId) {
        return rows.position(portfolioId);
    }

    @Test
    void givenALostOrderAManualOrderAndAFalseRecord_whenReconciled_thenAdoptedLeftAloneAndPortfolioPaused() {
        Subscriber subscriber = subscribe("1000");
        String signalId = postSignal("""
                {"symbol":"BTC/EUR","side":"BUY","type":"LIMIT","limitPrice":"30000","sizing":{"quantity":"0.001"},
                 "timeoutSeconds":600}""", key()).body().get("signalId").asString();
        Await.until(DEADLINE, () -> orderStatus(subscriber.portfolioId(), signalId), OrderStatus.PENDING::equals);
        // The database loses the order (a restore from an older backup); the user places one of their own.
        dsl.deleteFrom(ORDERS)
                .where(ORDERS.SIGNAL_ID.eq(UUID.fromString(signalId)))
                .execute();
        venue.placeBuy(subscriber.key(), "manual-order-1", "0.001", "31000");

        ReconciliationResult adopted = new Reconciliations(workflowClient).now(subscriber.connectionId());

        assertThat(adopted.adopted()).isEqualTo(1);
        assertThat(adopted.manualOrders()).isEqualTo(1);
        assertThat(adopted.mismatches()).isEmpty();
        assertThat(orderStatus(subscriber.portfolioId(), signalId)).isEqualTo(OrderStatus.PENDING);
        assertThat(orderReason(subscriber.portfolioId(), signalId)).startsWith("adopted by reconciliation");
        assertThat(venue.exchange().openOrders(subscriber.key().apiKey(), "BTCEUR"))
                .hasSize(2);

        // The database now claims the resting order filled: nothing explains that, the portfolio stops.
        dsl.update(ORDERS)
                .set(ORDERS.STATUS, OrderStatus.FILLED)
                .where(ORDERS.SIGNAL_ID.eq(UUID.fromString(signalId)))
                .execute();
        ReconciliationResult mismatch = new Reconciliations(workflowClient).now(subscriber.connectionId());

        assertThat(mismatch.mismatches()).singleElement().asString().contains("open at the exchange");
        Http.Response portfolio = subscriber.http().get("/api/v1/portfolios/" + subscriber.portfolioId());
        assertThat(portfolio.body().get("status").asString()).isEqualTo("PAUSED");
        assertThat(portfolio.body().get("statusReason").asString()).startsWith("reconciliation: ");
        Await.until(
                DEADLINE,
                () -> searchAttribute(
                        describe(WorkflowIds.reconciliation(subscriber.connectionId())), "Reconciliation"),
                "MISMATCH"::equals);
        assertThat(venue.exchange().openOrders(subscriber.key().apiKey(), "BTCEUR"))
                .hasSize(2);
        HistoryRecorder.recordSoFar(
                workflowClient,
                WorkflowIds.reconciliation(subscriber.connectionId()),
                "reconciliation",
                "adopted-then-mismatch");
        subscriber.http().postJson("/api/v1/portfolios/" + subscriber.portfolioId() + "/kill", "{}");
    }

    private DescribeWorkflowExecutionResponse describe(String workflowId) {
        return WorkflowDescriptions.describe(workflowClient, workflowId);
    }

    /** A memo value, decoded with the app's converter: memos are encrypted like every payload. */
    private String memo(DescribeWorkflowExecutionResponse execution, String key) {
        return workflowClient
                .getOptions()
                .getDataConverter()
                .fromPayload(
                        execution.getWorkflowExecutionInfo().getMemo().getFieldsOrThrow(key),
                        String.class,
                        String.class);
    }

    private static String searchAttribute(DescribeWorkflowExecutionResponse execution, String key) {
        var payload = execution
                .getWorkflowExecutionInfo()
                .getSearchAttributes()
                .getIndexedFieldsMap()
                .get(key);
        return payload == null
                ? null
                : DefaultDataConverter.newDefaultInstance().fromPayload(payload, String.class, String.class);
    }
}
