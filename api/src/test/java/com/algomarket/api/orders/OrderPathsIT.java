package com.algomarket.api.orders;

import static com.algomarket.db.jooq.Tables.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.paper.PaperFaults.Fault;
import com.algomarket.activities.paper.PaperFaults.Kind;
import com.algomarket.activities.paper.PaperOrder;
import com.algomarket.api.support.HistoryRecorder;
import com.algomarket.api.support.OnDevelopersAlgorithm;
import com.algomarket.api.support.PaperSubscribers;
import com.algomarket.api.support.PaperSubscribers.Subscriber;
import com.algomarket.api.support.RealServersOnPaper;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.exchange.ClientOrderIds;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.support.Await;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jooq.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The order lifecycle's paths from a signal, on the real dev server and a paper venue with faults: a partial fill
 * then the timeout; an unknown outcome not found and resubmitted; rate limited then filled; rejected by the exchange.
 * Each ends with exactly one venue order per client order id at most.
 *
 * <p>With {@code -Drecord.histories=<dir>} it also writes each order workflow's history there, named by path
 * ({@link HistoryRecorder}).
 */
@RealServersOnPaper(seed = 23)
class OrderPathsIT extends OnDevelopersAlgorithm {

    private Subscriber subscriber;

    @BeforeEach
    void subscriber() {
        venue.faults().clear();
        venue.exchange().setMarket("BTCEUR", new BigDecimal("60000"), new BigDecimal("0.5"));
        subscriber = subscribers.subscribe(algorithmId, "1000");
    }

    @Test
    void givenThinBook_whenALimitOrderPartlyFillsAndTimesOut_thenCancelledWithThePartialFillReconciled()
            throws TimeoutException {
        // 0.001 BTC at the best ask (60,000 + 5 bp); the rest of 0.005 rests below the next level until the timeout.
        venue.exchange().setMarket("BTCEUR", new BigDecimal("60000"), new BigDecimal("0.001"));
        String signalId = signal("""
                {"symbol":"BTC/EUR","side":"BUY","type":"LIMIT","limitPrice":"60030","sizing":{"quantity":"0.005"},
                 "timeoutSeconds":3}""");

        Record order = awaitFinal(signalId);

        assertThat(order.get(ORDERS.STATUS)).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.get(ORDERS.FILLED_QUANTITY)).isEqualByComparingTo("0.001");
        assertThat(order.get(ORDERS.AVERAGE_PRICE)).isEqualByComparingTo("60030");
        assertThat(order.get(ORDERS.REASON)).contains("timed out");
        assertThat(venueOrders(signalId))
                .singleElement()
                .satisfies(venue -> assertThat(venue.status()).isEqualTo(PaperOrder.Status.CANCELED));
        HistoryRecorder.recordClosed(workflowClient, workflowId(signalId), "order", "partial-fill-then-timeout");
    }

    @Test
    void givenOrderThatNeverArrives_whenItsOutcomeIsUnknown_thenLookedUpNotFoundAndSentOnceMore()
            throws TimeoutException {
        // TIMEOUT: the venue drops the request unexecuted and never answers; the client gives up after its read
        // timeout.
        venue.faults().add(new Fault("POST /api/v3/order", Kind.TIMEOUT, 1, Duration.ofSeconds(15), 1));
        String signalId = signal("""
                {"symbol":"BTC/EUR","side":"BUY","type":"MARKET","sizing":{"quantity":"0.001"}}""");

        Record order = awaitFinal(signalId);

        assertThat(order.get(ORDERS.STATUS)).isEqualTo(OrderStatus.FILLED);
        assertThat(venueOrders(signalId)).hasSize(1);
        HistoryRecorder.recordClosed(workflowClient, workflowId(signalId), "order", "unknown-not-found-resubmitted");
    }

    @Test
    void givenRateLimits_whenSubmitting_thenRetriedWithBackoffAndPlacedOnce() throws TimeoutException {
        venue.faults().add(new Fault("POST /api/v3/order", Kind.HTTP_429, 1, null, 2));
        String signalId = signal("""
                {"symbol":"BTC/EUR","side":"BUY","type":"MARKET","sizing":{"quantity":"0.001"}}""");

        Record order = awaitFinal(signalId);

        assertThat(order.get(ORDERS.STATUS)).isEqualTo(OrderStatus.FILLED);
        assertThat(venueOrders(signalId))
                .singleElement()
                .satisfies(venue -> assertThat(venue.status()).isEqualTo(PaperOrder.Status.FILLED));
        HistoryRecorder.recordClosed(workflowClient, workflowId(signalId), "order", "rate-limited-then-filled");
    }

    @Test
    void givenAPriceOffTheTick_whenSubmitted_thenRejectedByTheExchangeWithItsReason() throws TimeoutException {
        String signalId = signal("""
                {"symbol":"BTC/EUR","side":"BUY","type":"LIMIT","limitPrice":"50000.005","sizing":{"quantity":"0.001"}}""");

        Record order = awaitFinal(signalId);

        assertThat(order.get(ORDERS.STATUS)).isEqualTo(OrderStatus.REJECTED);
        assertThat(order.get(ORDERS.REASON)).startsWith("REJECTED: ");
        assertThat(venueOrders(signalId)).isEmpty();
        HistoryRecorder.recordClosed(workflowClient, workflowId(signalId), "order", "rejected-by-exchange");
    }

    private String signal(String json) {
        return PaperSubscribers.signal(developer, algorithmId, json);
    }

    /**
     * The order's row once its workflow has ended (a final status is recorded before the fills are settled). The row
     * is written before the workflow starts, so the wait is for the workflow's first status beyond NEW.
     */
    private Record awaitFinal(String signalId) throws TimeoutException {
        Await.until(
                DEADLINE,
                () -> dsl.fetchCount(
                        ORDERS, ORDERS.SIGNAL_ID.eq(UUID.fromString(signalId)).and(ORDERS.STATUS.ne(OrderStatus.NEW))),
                count -> count == 1);
        workflowClient
                .newUntypedWorkflowStub(workflowId(signalId))
                .getResult(DEADLINE.toSeconds(), TimeUnit.SECONDS, String.class);
        return dsl.selectFrom(ORDERS)
                .where(ORDERS.SIGNAL_ID.eq(UUID.fromString(signalId)))
                .fetchOne();
    }

    private List<PaperOrder> venueOrders(String signalId) {
        String clientOrderId = ClientOrderIds.forBusinessKey(workflowId(signalId));
        return venue.exchange().allOrders(subscriber.key().apiKey()).stream()
                .filter(order -> clientOrderId.equals(order.clientOrderId()))
                .toList();
    }

    private String workflowId(String signalId) {
        return WorkflowIds.order(subscriber.portfolioId(), signalId);
    }
}
