package com.algomarket.api.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.paper.PaperFaults;
import com.algomarket.activities.paper.PaperStats;
import com.algomarket.activities.paper.PaperTrade;
import com.algomarket.activities.streams.AccountStream;
import com.algomarket.activities.streams.AccountStreams;
import com.algomarket.api.support.DirectOrders;
import com.algomarket.api.support.HistoryRecorder;
import com.algomarket.api.support.OnPaperVenue;
import com.algomarket.api.support.PaperSubscribers.Subscriber;
import com.algomarket.api.support.RealServersOnPaper;
import com.algomarket.api.support.StreamedBalances;
import com.algomarket.api.temporal.WorkflowStarts;
import com.algomarket.api.temporal.codec.PayloadEncryptionCodec;
import com.algomarket.db.streams.AccountStreamRepository;
import com.algomarket.workflows.common.TaskQueues;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.orders.OrderInput;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.streams.AccountStreamInput;
import com.algomarket.workflows.streams.AccountStreamWorkflow;
import com.algomarket.workflows.support.Await;
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
 * A connection's account stream on the real servers against the paper venue's WebSocket API: a paper order fills
 * (placed by the order workflow) and the stream records its executions and the balances in the database; a stream
 * dropped by a fault as the order fills reconnects and its catch-up read records the fill it missed; the venue's
 * stats count what it was asked.
 */
@RealServersOnPaper(seed = 29)
class AccountStreamIT extends OnPaperVenue {

    @Autowired
    AccountStreams streams;

    @Autowired
    AccountStreamRepository streamRecords;

    @Autowired
    PayloadEncryptionCodec payloadCodec;

    private Subscriber subscriber;
    private UUID connectionId;
    private DirectOrders directOrders;
    private AccountStream stream;
    private Thread streamThread;
    private volatile boolean running = true;

    /** A user with a PAPER connection (100,000 EUR), a portfolio, and the connection's stream running. */
    @BeforeEach
    void streamRunning() {
        venue.faults().clear();
        subscriber = subscribers.subscribeToNewAlgorithm("50000", new BigDecimal("100000"));
        connectionId = UUID.fromString(subscriber.connectionId());
        directOrders = new DirectOrders(workflowClient, orders, subscriber);
        stream = streams.open(connectionId);
        streamThread = Thread.ofVirtual().start(() -> stream.run(AccountStream.Control.whileTrue(() -> running)));
        // Subscribed and caught up: the catch-up's balance read is stored.
        StreamedBalances.awaitAsset(streamRecords, connectionId, "EUR");
    }

    @AfterEach
    void stopStream() throws InterruptedException {
        running = false;
        streamThread.join(DEADLINE.toMillis());
        venue.faults().clear();
    }

    @Test
    void givenStream_whenPaperOrderFills_thenExecutionsAndBalancesRecordedFromTheStream() {
        OrderInput input = directOrders.order(Side.BUY, OrderType.MARKET, "0.01", null, 30);

        assertThat(directOrders.run(input)).isEqualTo(OrderStatus.FILLED);

        List<AccountStreamRepository.Execution> executions = awaitExecutionsOf(input, "0.01");
        assertThat(executions).allSatisfy(execution -> {
            assertThat(execution.source()).isEqualTo("STREAM");
            assertThat(execution.clientOrderId()).isEqualTo(input.clientOrderId());
            assertThat(execution.fee()).isPositive();
            assertThat(execution.feeAsset()).isEqualTo("EUR");
        });
        assertThat(executions)
                .extracting(AccountStreamRepository.Execution::tradeId)
                .containsExactlyInAnyOrderElementsOf(
                        venueTradeIds(executions.getFirst().exchangeOrderId()));
        StreamedBalances.awaitBalance(streamRecords, connectionId, "BTC", "0.01");
        assertThat(streamRecords.lastPrice("PAPER", "BTCEUR")).isPresent();
    }

    @Test
    void givenStreamDroppedMidFill_whenReconnected_thenTheCatchUpReadRecordsTheMissedFill() {
        // The next event (the order's NEW report) drops the connection: its trades are never pushed.
        venue.faults().add(new PaperFaults.Fault(PaperFaults.STREAM, PaperFaults.Kind.LOST_RESPONSE, 1, null, 1));
        OrderInput input = directOrders.order(Side.BUY, OrderType.MARKET, "0.02", null, 30);

        assertThat(directOrders.run(input)).isEqualTo(OrderStatus.FILLED);

        List<AccountStreamRepository.Execution> executions = awaitExecutionsOf(input, "0.02");
        assertThat(venue.faults().injected()).containsEntry(PaperFaults.Kind.LOST_RESPONSE, 1);
        assertThat(executions)
                .extracting(AccountStreamRepository.Execution::source)
                .contains("CATCH_UP");
        assertThat(stream.status().reconnects()).isGreaterThanOrEqualTo(1);
        StreamedBalances.awaitBalance(streamRecords, connectionId, "BTC", "0.02");
    }

    @Test
    void givenStreamAndOrder_whenStatsRead_thenTheVenueCountedSubscriptionsRequestsAndOrders() {
        OrderInput input = directOrders.order(Side.BUY, OrderType.MARKET, "0.01", null, 30);
        assertThat(directOrders.run(input)).isEqualTo(OrderStatus.FILLED);

        PaperStats.Snapshot stats = venue.stats().snapshot(venue.exchange());

        String key = subscriber.key().apiKey().substring(0, 8);
        assertThat(stats.streams()).isGreaterThanOrEqualTo(1);
        assertThat(stats.orders()).isGreaterThanOrEqualTo(1);
        assertThat(stats.requests())
                .filteredOn(count -> key.equals(count.key()))
                .extracting(PaperStats.RequestCount::endpoint)
                .contains("WS userDataStream.subscribe.signature", "POST /api/v3/order", "GET /api/v3/account");
        assertThat(stats.requests())
                .filteredOn(count -> key.equals(count.key()) && count.endpoint().equals("POST /api/v3/order"))
                .singleElement()
                .satisfies(count -> assertThat(count.count()).isEqualTo(1));
    }

    @Test
    void givenTheSupervisorWorkflow_whenAnOrderFillsAndItIsStopped_thenItsActivityRecordedTheFillAndEnded() {
        // The stream of @BeforeEach stops first: this one is the workflow's.
        running = false;
        Await.until(DEADLINE, () -> streamThread.isAlive(), alive -> !alive);
        String workflowId = WorkflowIds.accountStream(subscriber.connectionId());
        AccountStreamWorkflow workflow = workflowClient.newWorkflowStub(
                AccountStreamWorkflow.class, WorkflowStarts.options(workflowId, TaskQueues.STREAMS));
        WorkflowClient.start(workflow::run, new AccountStreamInput(subscriber.connectionId(), 3600));
        Await.until(DEADLINE, () -> venue.stats().snapshot(venue.exchange()).streams(), open -> open >= 1);
        OrderInput input = directOrders.order(Side.BUY, OrderType.MARKET, "0.03", null, 30);
        assertThat(directOrders.run(input)).isEqualTo(OrderStatus.FILLED);
        awaitExecutionsOf(input, "0.03");

        workflow.stop();

        WorkflowStub.fromTyped(workflow).getResult(Void.class);
        HistoryRecorder.recordClosed(
                workflowClient, payloadCodec, workflowId, "account-stream", "followed-then-stopped");
        Await.until(DEADLINE, () -> venue.stats().snapshot(venue.exchange()).streams(), open -> open == 0);
    }

    /** Waits until the order's recorded executions add up to {@code quantity}. */
    private List<AccountStreamRepository.Execution> awaitExecutionsOf(OrderInput input, String quantity) {
        String exchangeOrderId = venue.exchange().allOrders(subscriber.key().apiKey()).stream()
                .filter(order -> order.clientOrderId().equals(input.clientOrderId()))
                .findFirst()
                .map(order -> Long.toString(order.orderId()))
                .orElseThrow();
        return Await.until(
                DEADLINE,
                () -> streamRecords.executions(connectionId).stream()
                        .filter(execution -> execution.exchangeOrderId().equals(exchangeOrderId))
                        .toList(),
                executions -> executions.stream()
                                .map(AccountStreamRepository.Execution::quantity)
                                .reduce(BigDecimal.ZERO, BigDecimal::add)
                                .compareTo(new BigDecimal(quantity))
                        == 0);
    }

    private List<String> venueTradeIds(String exchangeOrderId) {
        return venue
                .exchange()
                .trades(subscriber.key().apiKey(), "BTCEUR", Long.parseLong(exchangeOrderId), null, null, null, 1000)
                .stream()
                .map(PaperTrade::id)
                .map(String::valueOf)
                .toList();
    }
}
