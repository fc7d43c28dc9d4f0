package com.algomarket.api.reconciliation;

import static com.algomarket.db.jooq.Tables.FILLS;
import static com.algomarket.db.jooq.Tables.ORDERS;
import static com.algomarket.db.jooq.Tables.RECONCILIATION_RUNS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.paper.PaperOrder;
import com.algomarket.activities.paper.PaperTrade;
import com.algomarket.api.support.DirectOrders;
import com.algomarket.api.support.OnDevelopersAlgorithm;
import com.algomarket.api.support.PaperSubscribers;
import com.algomarket.api.support.PaperSubscribers.Subscriber;
import com.algomarket.api.support.RealServersOnPaper;
import com.algomarket.api.support.Reconciliations;
import com.algomarket.db.jooq.tables.records.OrdersRecord;
import com.algomarket.db.jooq.tables.records.ReconciliationRunsRecord;
import com.algomarket.db.orders.OrderChange;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.exchange.ClientOrderIds;
import com.algomarket.workflows.orders.OrderInput;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.reconciliation.ReconciliationResult;
import com.algomarket.workflows.support.Await;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Every path of a connection's reconciliation on the real dev server, a paper venue and PostgreSQL: an order the
 * database lost is adopted once; a database order left open whose venue order is final is resolved with its fills;
 * fills are imported once, also while the order workflow imports the same trades; each of the three mismatch kinds is
 * recorded, counted in {@code algomarket.reconciliation.mismatches} and pauses the portfolios it concerns with the
 * reason; every run is a row of {@code reconciliation_runs}. The database's order rows are changed by hand to stand
 * for what a crash, a lost workflow or a restore from an old backup would leave.
 */
@RealServersOnPaper(seed = 31)
class ReconciliationIT extends OnDevelopersAlgorithm {

    private static final String MISMATCHES_METER = "algomarket.reconciliation.mismatches";

    @Autowired
    MeterRegistry meters;

    private Reconciliations reconciliations;

    @BeforeEach
    void algorithm() {
        reconciliations = new Reconciliations(workflowClient);
    }

    /** A subscriber whose connection has made its first comparison: the next one sees what the test changes. */
    private Subscriber subscriber() {
        Subscriber subscriber = subscribers.subscribe(algorithmId, "1000");
        reconciliations.first(subscriber.connectionId());
        return subscriber;
    }

    @Test
    void givenAnOrderTheDatabaseLost_whenReconciledTwice_thenAdoptedOnceAndEachRunIsARow() {
        Subscriber subscriber = subscriber();
        String signalId = PaperSubscribers.signal(developer, algorithmId, """
                {"symbol":"BTC/EUR","side":"BUY","type":"LIMIT","limitPrice":"30000","sizing":{"quantity":"0.001"},
                 "timeoutSeconds":30}""");
        Await.until(DEADLINE, () -> rows.orderStatus(subscriber.portfolioId(), signalId), OrderStatus.PENDING::equals);
        PaperOrder atVenue =
                venue.exchange().allOrders(subscriber.key().apiKey()).getFirst();
        dsl.deleteFrom(ORDERS)
                .where(ORDERS.SIGNAL_ID.eq(UUID.fromString(signalId)))
                .execute();

        ReconciliationResult first = reconciliations.now(subscriber.connectionId());
        ReconciliationResult second = reconciliations.now(subscriber.connectionId());

        assertThat(first.adopted()).isEqualTo(1);
        assertThat(first.mismatches()).isEmpty();
        assertThat(second.adopted()).as("adopted once").isZero();
        assertThat(second.mismatches()).isEmpty();
        assertThat(rows.orderStatus(subscriber.portfolioId(), signalId)).isEqualTo(OrderStatus.PENDING);
        assertThat(rows.orderReason(subscriber.portfolioId(), signalId)).startsWith("adopted by reconciliation");
        assertThat(dsl.select(ORDERS.EXCHANGE_ORDER_ID, ORDERS.WORKFLOW_ID)
                        .from(ORDERS)
                        .where(ORDERS.SIGNAL_ID.eq(UUID.fromString(signalId)))
                        .fetchOne())
                .satisfies(order -> {
                    assertThat(order.value1()).isEqualTo(Long.toString(atVenue.orderId()));
                    assertThat(order.value2()).isEqualTo(WorkflowIds.order(subscriber.portfolioId(), signalId));
                });
        ReconciliationRunsRecord firstRun = run(first);
        assertThat(firstRun.getConnectionId()).isEqualTo(UUID.fromString(subscriber.connectionId()));
        assertThat(firstRun.getOpenOrders()).isEqualTo(1);
        assertThat(firstRun.getAdopted()).isEqualTo(1);
        assertThat(firstRun.getMismatches()).isZero();
        assertThat(firstRun.getFinishedAt()).isAfterOrEqualTo(firstRun.getStartedAt());
        assertThat(run(second).getAdopted()).isZero();
        assertThat(run(second).getStartedAt()).isAfterOrEqualTo(firstRun.getFinishedAt());
        assertThat(reconciliations.searchAttribute(subscriber.connectionId())).isEqualTo("OK");
        assertThat(portfolio(subscriber).get("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void givenOrdersTheDatabaseKnowsOnlyAsNew_whenReconciled_thenAdoptedFromTheVenueAndTheFilledOneResolved() {
        Subscriber subscriber = subscriber();
        DirectOrders direct = new DirectOrders(workflowClient, orders, subscriber);
        // Sent, but the worker stopped before it recorded the venue's answer, and the workflow is lost: the rows stay
        // NEW without the venue's id. One order rests at the venue, the other has filled there.
        OrderInput resting = direct.order(Side.BUY, OrderType.LIMIT, "0.001", "30000", 60);
        PaperOrder restingAtVenue = venue.placeBuy(subscriber.key(), resting.clientOrderId(), "0.001", "30000");
        OrderInput filled = direct.order(Side.BUY, OrderType.MARKET, "0.002", null, 60);
        PaperOrder filledAtVenue = venue.placeBuy(subscriber.key(), filled.clientOrderId(), "0.002", null);
        List<PaperTrade> trades = trades(subscriber, filledAtVenue);

        ReconciliationResult first = reconciliations.now(subscriber.connectionId());
        ReconciliationResult second = reconciliations.now(subscriber.connectionId());

        assertThat(first.adopted()).isEqualTo(2);
        assertThat(first.resolved()).isEqualTo(1);
        assertThat(first.fillsImported()).isEqualTo(trades.size());
        assertThat(first.mismatches()).isEmpty();
        assertThat(second.adopted()).as("adopted once").isZero();
        assertThat(second.resolved()).isZero();
        assertThat(second.fillsImported()).isZero();
        assertThat(second.mismatches()).isEmpty();
        assertThat(orderRow(resting)).satisfies(order -> {
            assertThat(order.getStatus()).isEqualTo(OrderStatus.PENDING);
            assertThat(order.getExchangeOrderId()).isEqualTo(Long.toString(restingAtVenue.orderId()));
            assertThat(order.getReason()).startsWith("adopted by reconciliation");
        });
        assertThat(orderRow(filled)).satisfies(order -> {
            assertThat(order.getStatus()).isEqualTo(OrderStatus.FILLED);
            assertThat(order.getExchangeOrderId()).isEqualTo(Long.toString(filledAtVenue.orderId()));
            assertThat(order.getFilledQuantity()).isEqualByComparingTo("0.002");
        });
        assertThat(dsl.fetchCount(FILLS, FILLS.ORDER_ID.eq(UUID.fromString(filled.orderId()))))
                .isEqualTo(trades.size());
        assertThat(rows.position(subscriber.portfolioId())).isEqualByComparingTo("0.002");
        assertThat(run(first).getAdopted()).isEqualTo(2);
        assertThat(portfolio(subscriber).get("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void givenAnOrderLeftOpenWhoseVenueOrderFilled_whenReconciledTwice_thenResolvedAndItsFillsImportedOnce() {
        Subscriber subscriber = subscriber();
        DirectOrders direct = new DirectOrders(workflowClient, orders, subscriber);
        // Sent and recorded as PENDING, then its workflow is lost: nothing follows the order but the reconciliation.
        OrderInput input = direct.order(Side.BUY, OrderType.MARKET, "0.002", null, 60);
        PaperOrder filled = venue.placeBuy(subscriber.key(), input.clientOrderId(), "0.002", null);
        assertThat(filled.status()).isEqualTo(PaperOrder.Status.FILLED);
        recordSent(input, filled);
        List<PaperTrade> trades = trades(subscriber, filled);

        ReconciliationResult first = reconciliations.now(subscriber.connectionId());
        ReconciliationResult second = reconciliations.now(subscriber.connectionId());

        assertThat(first.resolved()).isEqualTo(1);
        assertThat(first.fillsImported()).isEqualTo(trades.size());
        assertThat(first.mismatches()).isEmpty();
        assertThat(second.resolved()).isZero();
        assertThat(second.fillsImported()).as("imported once").isZero();
        assertThat(orderRow(input)).satisfies(order -> {
            assertThat(order.getStatus()).isEqualTo(OrderStatus.FILLED);
            assertThat(order.getFilledQuantity()).isEqualByComparingTo("0.002");
        });
        assertThat(dsl.fetchCount(FILLS, FILLS.ORDER_ID.eq(UUID.fromString(input.orderId()))))
                .isEqualTo(trades.size());
        assertThat(rows.position(subscriber.portfolioId())).isEqualByComparingTo("0.002");
        assertThat(run(first).getResolved()).isEqualTo(1);
        assertThat(run(first).getFillsImported()).isEqualTo(trades.size());
        assertThat(run(second).getFillsImported()).isZero();
    }

    @Test
    void givenTheOrderWorkflowImportingItsFills_whenReconciledAtTheSameTime_thenEachTradeIsOneFillRow() {
        Subscriber subscriber = subscriber();
        DirectOrders direct = new DirectOrders(workflowClient, orders, subscriber);
        OrderInput input = direct.order(Side.BUY, OrderType.MARKET, "0.003", null, 60);

        WorkflowClient.start(direct.workflow(input)::run, input);
        // Comparisons while the workflow places, follows and imports the order, until it is final, and one after.
        Await.until(
                DEADLINE,
                () -> {
                    reconciliations.now(subscriber.connectionId());
                    return dsl.select(ORDERS.STATUS)
                            .from(ORDERS)
                            .where(ORDERS.ID.eq(UUID.fromString(input.orderId())))
                            .fetchOne(ORDERS.STATUS);
                },
                OrderStatus::isFinal);
        reconciliations.now(subscriber.connectionId());
        assertThat(workflowClient
                        .newUntypedWorkflowStub(WorkflowIds.order(input.portfolioId(), input.signalId()))
                        .getResult(OrderStatus.class))
                .isEqualTo(OrderStatus.FILLED);

        PaperOrder filled =
                venue.exchange().allOrders(subscriber.key().apiKey()).getFirst();
        List<PaperTrade> trades = trades(subscriber, filled);
        assertThat(dsl.select(FILLS.EXCHANGE_TRADE_ID)
                        .from(FILLS)
                        .where(FILLS.ORDER_ID.eq(UUID.fromString(input.orderId())))
                        .fetch(FILLS.EXCHANGE_TRADE_ID))
                .containsExactlyInAnyOrderElementsOf(
                        trades.stream().map(trade -> Long.toString(trade.id())).toList());
        assertThat(rows.position(subscriber.portfolioId())).isEqualByComparingTo("0.003");
    }

    @Test
    void givenAnOrderFinalInTheDatabaseButOpenAtTheVenue_whenReconciled_thenMismatchRecordedCountedAndPaused() {
        Subscriber subscriber = subscriber();
        OrderInput input = new DirectOrders(workflowClient, orders, subscriber)
                .order(Side.BUY, OrderType.LIMIT, "0.001", "30000", 60);
        PaperOrder resting = venue.placeBuy(subscriber.key(), input.clientOrderId(), "0.001", "30000");
        orders.update(
                UUID.fromString(input.orderId()),
                new OrderChange(
                        OrderStatus.FILLED,
                        Long.toString(resting.orderId()),
                        new BigDecimal("0.001"),
                        new BigDecimal("30000"),
                        null));

        assertMismatchPauses(List.of(subscriber), "FILLED in the database but open at the exchange");
    }

    @Test
    void givenAnOpenOrderTheVenueDoesNotKnow_whenReconciled_thenMismatchRecordedCountedAndPaused() {
        Subscriber subscriber = subscriber();
        OrderInput input = new DirectOrders(workflowClient, orders, subscriber)
                .order(Side.BUY, OrderType.LIMIT, "0.001", "30000", 60);
        orders.update(
                UUID.fromString(input.orderId()), new OrderChange(OrderStatus.PENDING, "987654321", null, null, null));

        assertMismatchPauses(List.of(subscriber), "PENDING in the database and unknown to the exchange");
    }

    @Test
    void givenAnOrderWithOurMarkerThatNoSignalExplains_whenReconciled_thenEveryPortfolioOfTheConnectionPaused() {
        Subscriber subscriber = subscriber();
        // A second portfolio of the same user on the same connection: the order names neither, so both stop.
        String second = subscribers.portfolio(subscriber.http(), algorithmId, subscriber.connectionId(), "1000");
        String stranger = ClientOrderIds.forBusinessKey(
                WorkflowIds.order(subscriber.portfolioId(), UUID.randomUUID().toString()));
        venue.placeBuy(subscriber.key(), stranger, "0.001", "30000");

        assertMismatchPauses(
                List.of(
                        subscriber,
                        new Subscriber(subscriber.http(), second, subscriber.connectionId(), subscriber.key())),
                "carries our marker but matches no recent signal");
    }

    /**
     * Compares the subscriber's connection now and checks the mismatch path: one mismatch saying {@code what}, the run
     * row with it, the metric moved, the Reconciliation search attribute MISMATCH, and every given portfolio PAUSED with
     * the reason.
     */
    private void assertMismatchPauses(List<Subscriber> paused, String what) {
        String connectionId = paused.getFirst().connectionId();
        double countedBefore = mismatchesCounted();

        ReconciliationResult result = reconciliations.now(connectionId);

        assertThat(result.mismatches()).singleElement().asString().contains(what);
        ReconciliationRunsRecord run = run(result);
        assertThat(run.getMismatches()).isEqualTo(1);
        assertThat(run.getDetails().data()).contains(what);
        // At least: another connection's run may count its own mismatches meanwhile.
        assertThat(mismatchesCounted()).isGreaterThanOrEqualTo(countedBefore + 1);
        Await.until(DEADLINE, () -> reconciliations.searchAttribute(connectionId), "MISMATCH"::equals);
        for (Subscriber subscriber : paused) {
            var portfolio = portfolio(subscriber);
            assertThat(portfolio.get("status").asString()).isEqualTo("PAUSED");
            assertThat(portfolio.get("statusReason").asString())
                    .startsWith("reconciliation: ")
                    .contains(what);
        }
    }

    private double mismatchesCounted() {
        var counter = meters.find(MISMATCHES_METER).tag("exchange", "PAPER").counter();
        return counter == null ? 0 : counter.count();
    }

    private OrdersRecord orderRow(OrderInput input) {
        return dsl.selectFrom(ORDERS)
                .where(ORDERS.ID.eq(UUID.fromString(input.orderId())))
                .fetchOne();
    }

    private ReconciliationRunsRecord run(ReconciliationResult result) {
        return dsl.selectFrom(RECONCILIATION_RUNS)
                .where(RECONCILIATION_RUNS.ID.eq(UUID.fromString(result.runId())))
                .fetchOne();
    }

    private JsonNode portfolio(Subscriber subscriber) {
        return subscriber
                .http()
                .get("/api/v1/portfolios/" + subscriber.portfolioId())
                .body();
    }

    /** What the order workflow records once the venue has taken the order: PENDING, under the venue's id. */
    private void recordSent(OrderInput input, PaperOrder atVenue) {
        orders.update(
                UUID.fromString(input.orderId()),
                new OrderChange(OrderStatus.PENDING, Long.toString(atVenue.orderId()), null, null, null));
    }

    private List<PaperTrade> trades(Subscriber subscriber, PaperOrder order) {
        List<PaperTrade> trades =
                venue.exchange().trades(subscriber.key().apiKey(), "BTCEUR", order.orderId(), null, null, null, 1_000);
        assertThat(trades).isNotEmpty();
        return trades;
    }
}
