package com.algomarket.api.streams;

import static com.algomarket.db.jooq.Tables.FILLS;
import static com.algomarket.db.jooq.Tables.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.paper.PaperFaults;
import com.algomarket.api.support.DirectOrders;
import com.algomarket.api.support.HistoryRecorder;
import com.algomarket.api.support.OnDevelopersAlgorithm;
import com.algomarket.api.support.PaperSubscribers.Subscriber;
import com.algomarket.api.support.RealServersOnPaper;
import com.algomarket.api.support.RestingOrders;
import com.algomarket.api.support.StreamedBalances;
import com.algomarket.api.temporal.codec.PayloadEncryptionCodec;
import com.algomarket.db.streams.AccountStreamRepository;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.orders.OrderInput;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.OrderWorkflow;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.support.Await;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Orders followed through the account stream (ACCOUNT_STREAMS=true) on the real servers against the paper venue: a
 * resting limit order that the venue fills becomes FILLED in the database from the stream's execution signals, while
 * the order workflow asks the venue nothing about it; and when the stream drops as the order fills, the reconnect's
 * catch-up read finds the trade and signals it, so the fill still arrives without a lookup.
 */
@RealServersOnPaper(
        seed = 31,
        properties = {"algomarket.streams.enabled=true"})
class StreamedOrderIT extends OnDevelopersAlgorithm {

    @Autowired
    AccountStreamRepository streamRecords;

    @Autowired
    PayloadEncryptionCodec payloadCodec;

    private Subscriber subscriber;
    private BigDecimal marketPrice;

    /** A subscriber whose connection's stream (started by the app, streams being on) has subscribed and caught up. */
    @BeforeEach
    void subscriberWithItsStream() {
        venue.faults().clear();
        marketPrice = venue.exchange().marketView("BTCEUR").price();
        subscriber = subscribers.subscribe(algorithmId, "50000", new BigDecimal("100000"));
        UUID connectionId = UUID.fromString(subscriber.connectionId());
        StreamedBalances.awaitAsset(streamRecords, connectionId, "EUR");
    }

    @AfterEach
    void restoreTheMarket() {
        venue.faults().clear();
        venue.exchange().setMarket("BTCEUR", marketPrice, null);
    }

    @Test
    void givenRestingLimitOrder_whenTheVenueFillsIt_thenFilledThroughTheStreamWithoutALookup() {
        String signalId = restingBuy();
        long lookupsWhileResting = lookups();

        venue.exchange().setMarket("BTCEUR", new BigDecimal("29000"), null);

        awaitFilled(signalId);
        String workflowId = WorkflowIds.order(subscriber.portfolioId(), signalId);
        assertThat(lookups())
                .as("order lookups the workflow made after its order was resting")
                .isEqualTo(lookupsWhileResting);
        assertThat(executionSignals(workflowId)).isNotEmpty();
        assertThat(streamRecords.executions(UUID.fromString(subscriber.connectionId())))
                .extracting(AccountStreamRepository.Execution::source)
                .containsOnly("STREAM");
        assertFillsImported(signalId);
        HistoryRecorder.recordClosed(workflowClient, payloadCodec, workflowId, "order", "streamed-limit-filled");
    }

    @Test
    void givenStreamDroppedAsTheOrderFills_whenItReconnects_thenTheCatchUpSignalsTheFill() {
        String signalId = restingBuy();
        long lookupsWhileResting = lookups();
        // The next event on the stream, the fill's first report, drops the connection: the fill is never pushed.
        venue.faults().add(new PaperFaults.Fault(PaperFaults.STREAM, PaperFaults.Kind.LOST_RESPONSE, 1, null, 1));

        venue.exchange().setMarket("BTCEUR", new BigDecimal("29000"), null);

        awaitFilled(signalId);
        assertThat(venue.faults().injected()).containsEntry(PaperFaults.Kind.LOST_RESPONSE, 1);
        assertThat(streamRecords.executions(UUID.fromString(subscriber.connectionId())))
                .extracting(AccountStreamRepository.Execution::source)
                .contains("CATCH_UP");
        assertThat(lookups())
                .as("order lookups the workflow made after its order was resting")
                .isEqualTo(lookupsWhileResting);
        assertThat(executionSignals(WorkflowIds.order(subscriber.portfolioId(), signalId)))
                .isNotEmpty();
        assertFillsImported(signalId);
    }

    @Test
    void givenOrderStartedToPoll_whenStreamsAreOn_thenItStillPollsAndTheCounterSeesIt() {
        // The control: an order whose input says nothing follows it (as before the streams, and as a flatten's sells)
        // polls the venue, and the count above is the one that shows it; the stream's signals change nothing for it.
        DirectOrders directOrders = new DirectOrders(workflowClient, orders, subscriber);
        OrderInput polled = directOrders.order(Side.BUY, OrderType.LIMIT, "0.01", "30000", 600);
        long before = lookups();
        OrderWorkflow workflow = directOrders.workflow(polled);
        WorkflowClient.start(workflow::run, polled);
        Await.until(DEADLINE, this::lookups, lookups -> lookups >= before + 2);

        venue.exchange().setMarket("BTCEUR", new BigDecimal("29000"), null);

        assertThat(WorkflowStub.fromTyped(workflow).getResult(OrderStatus.class))
                .isEqualTo(OrderStatus.FILLED);
    }

    private String restingBuy() {
        return new RestingOrders(dsl).buy(developer, algorithmId, subscriber);
    }

    private void awaitFilled(String signalId) {
        new RestingOrders(dsl).awaitFilled(subscriber, signalId);
    }

    /** The order's fills are in the database, once each, adding up to its quantity. */
    private void assertFillsImported(String signalId) {
        UUID orderId = rows.orderId(subscriber.portfolioId(), signalId);
        BigDecimal filled =
                dsl.select(FILLS.QUANTITY).from(FILLS).where(FILLS.ORDER_ID.eq(orderId)).fetch(FILLS.QUANTITY).stream()
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(filled).isEqualByComparingTo("0.01");
        assertThat(dsl.select(ORDERS.FILLED_QUANTITY)
                        .from(ORDERS)
                        .where(ORDERS.ID.eq(orderId))
                        .fetchOne(ORDERS.FILLED_QUANTITY))
                .isEqualByComparingTo("0.01");
    }

    private long lookups() {
        return RestingOrders.lookups(venue.stats(), venue.exchange(), subscriber);
    }

    private List<HistoryEvent> executionSignals(String workflowId) {
        return workflowClient.fetchHistory(workflowId).getEvents().stream()
                .filter(event -> event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
                .filter(event -> event.getWorkflowExecutionSignaledEventAttributes()
                        .getSignalName()
                        .equals("execution"))
                .toList();
    }
}
