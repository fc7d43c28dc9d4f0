package com.algomarket.workflows.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.algomarket.workflows.common.TaskQueues;
import com.algomarket.workflows.notifications.NotificationActivities;
import com.algomarket.workflows.support.TestTemporal;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;

/**
 * An order an account stream follows: after the submit it waits for execution signals instead of polling, counts each
 * trade once, asks the exchange only after its long safety interval without news, and settles from what the stream
 * recorded (the exchange's fills only where that does not add up). The exchange and the database are mocked, time is
 * skipped.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OrderWorkflowStreamTest {

    /** Ten minutes without news before the one lookup; the order's own timeout is an hour. */
    private static final long SAFETY_SECONDS = 600;

    private static final OrderInput STREAMED = OrderFixtures.input(3600, SAFETY_SECONDS);

    @RegisterExtension
    static final TestWorkflowExtension TEMPORAL = TestTemporal.forWorkflow(OrderWorkflowImpl.class, "OrderStatus");

    private final OrderActivities activities = TestTemporal.mockActivities(OrderActivities.class);
    private final OrderStreamActivities streamRecords = TestTemporal.mockActivities(OrderStreamActivities.class);

    @Test
    void givenRestingOrder_whenItsTradesAreSignalled_thenFilledFromTheStreamWithoutAskingTheExchange(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        OrderWorkflow workflow = restingWithItsFirstTrade(env, worker, client);
        awaitRecorded(OrderStatus.PARTIALLY_FILLED, "0.2");
        workflow.execution(trade("t-2", "0.3", OrderStatus.FILLED, "0.5"));

        assertThat(result(workflow)).isEqualTo(OrderStatus.FILLED);
        assertSettledFromTheStream(OrderStatus.FILLED, "0.5", "59100");
        assertTheExchangeWasNotAskedAfterTheSubmit();
        verify(activities, never()).cancel(any(), anyString());
        OrderUpdate last = lastUpdate();
        assertThat(last.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(last.settled()).isTrue();
        assertThat(last.filledQuantity()).isEqualByComparingTo("0.5");
    }

    @Test
    void givenTradesSignalledBeforeTheSubmitAnswers_whenItAnswers_thenSettledWithoutWaiting(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        approve();
        CountDownLatch signalled = new CountDownLatch(1);
        when(activities.submit(any())).thenAnswer(invocation -> {
            assertThat(signalled.await(10, TimeUnit.SECONDS)).isTrue();
            return open();
        });
        when(streamRecords.settleFromStream(any(), any())).thenAnswer(invocation -> invocation.getArgument(1));
        OrderWorkflow workflow = start(env, worker, client, STREAMED);
        verify(activities, timeout(5_000)).submit(STREAMED);

        // The exchange filled the order at once and the stream was quicker than the submit's answer.
        workflow.execution(trade("t-1", "0.5", OrderStatus.FILLED, "0.5"));
        signalled.countDown();

        assertThat(result(workflow)).isEqualTo(OrderStatus.FILLED);
        assertNothingWaitedFor(client);
        assertTheExchangeWasNotAskedAfterTheSubmit();
        assertThat(lastUpdate().filledQuantity()).isEqualByComparingTo("0.5");
    }

    @Test
    void givenTheSameTradesSignalledAgain_whenCounted_thenEachTradeCountsOnce(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        restingOrderSettledFromTheStream();
        OrderWorkflow workflow = start(env, worker, client, STREAMED);
        awaitRecorded(OrderStatus.PENDING, "0");

        // A catch-up read reports trades without the order's status or cumulative quantity, and again after each
        // reconnect; the stream may repeat an event too.
        workflow.execution(caughtUp("t-1", "0.2"));
        workflow.execution(caughtUp("t-1", "0.2"));
        workflow.execution(trade("t-1", "0.2", OrderStatus.PARTIALLY_FILLED, "0.2"));
        awaitRecorded(OrderStatus.PARTIALLY_FILLED, "0.2");
        workflow.execution(caughtUp("t-1", "0.2"));
        workflow.execution(caughtUp("t-2", "0.3"));

        assertThat(result(workflow)).isEqualTo(OrderStatus.FILLED);
        assertSettledFromTheStream(OrderStatus.FILLED, "0.5", "59100");
        assertThat(recordedFills()).allSatisfy(filled -> assertThat(filled).isLessThanOrEqualTo(new BigDecimal("0.5")));
        assertTheExchangeWasNotAskedAfterTheSubmit();
    }

    @Test
    void givenNoSignalAtAll_whenTheSafetyIntervalPasses_thenOneLookupAndSettledFromTheExchangesFills(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        approve();
        List<Long> submittedAt = new CopyOnWriteArrayList<>();
        List<Long> polledAt = new CopyOnWriteArrayList<>();
        when(activities.submit(any())).thenAnswer(invocation -> {
            submittedAt.add(env.currentTimeMillis());
            return open();
        });
        when(activities.poll(any(), anyString())).thenAnswer(invocation -> {
            polledAt.add(env.currentTimeMillis());
            return snapshot(OrderStatus.FILLED, "0.5", "59000");
        });
        // The stream recorded none of it: its trades must come from the exchange.
        settledFromTheExchangesFills();

        assertThat(run(env, worker, client, STREAMED)).isEqualTo(OrderStatus.FILLED);

        assertThat(polledAt).hasSize(1);
        assertThat(polledAt.getFirst() - submittedAt.getFirst())
                .isBetween(
                        Duration.ofSeconds(SAFETY_SECONDS).toMillis(),
                        Duration.ofSeconds(SAFETY_SECONDS + 2).toMillis());
        assertSettledFromTheExchangesFills();
    }

    @Test
    void givenRestingOrder_whenReconciliationAsksToLookUpNow_thenLooksUpAtOnceNotAtTheSafetyTimer(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        approve();
        when(activities.submit(any())).thenReturn(open());
        when(activities.poll(any(), anyString())).thenReturn(snapshot(OrderStatus.FILLED, "0.5", "59000"));
        // Reconciliation found the order filled at the exchange: the stream had missed its trades.
        settledFromTheExchangesFills();
        OrderWorkflow workflow = start(env, worker, client, STREAMED);
        awaitRecorded(OrderStatus.PENDING, "0");

        workflow.lookUpNow("reconciliation: FILLED at the exchange");

        assertThat(result(workflow)).isEqualTo(OrderStatus.FILLED);
        verify(activities).poll(STREAMED, "x-1");
        // Read from the history, not the clock: the lookup follows the signal with no timer fired in between.
        List<HistoryEvent> events =
                client.fetchHistory(OrderFixtures.WORKFLOW_ID).getEvents();
        int signalled = indexOf(
                events,
                event -> event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED
                        && event.getWorkflowExecutionSignaledEventAttributes()
                                .getSignalName()
                                .equals("lookUpNow"));
        int polled = indexOf(
                events,
                event -> event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
                        && event.getActivityTaskScheduledEventAttributes()
                                .getActivityType()
                                .getName()
                                .equals("Poll"));
        assertThat(signalled).isNotNegative().isLessThan(polled);
        assertThat(events.subList(0, polled))
                .noneMatch(event -> event.getEventType() == EventType.EVENT_TYPE_TIMER_FIRED);
        assertSettledFromTheExchangesFills();
    }

    @Test
    void givenSettledOrder_whenAskedToLookUpNow_thenTheSignalChangesNothing(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        restingOrderSettledFromTheStream();
        OrderWorkflow workflow = start(env, worker, client, STREAMED);
        workflow.execution(trade("t-1", "0.5", OrderStatus.FILLED, "0.5"));
        assertThat(result(workflow)).isEqualTo(OrderStatus.FILLED);

        // Reconciliation may find the order final after its workflow ended: the server refuses the signal.
        assertThatThrownBy(() -> workflow.lookUpNow("reconciliation: FILLED at the exchange"))
                .isInstanceOf(WorkflowNotFoundException.class);
        assertTheExchangeWasNotAskedAfterTheSubmit();
    }

    @Test
    void givenNoFillBeforeTheTimeout_whenItPasses_thenCancelledAsTodayAndNothingPolled(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        approve();
        OrderInput shortLived = OrderFixtures.input(60, SAFETY_SECONDS);
        when(activities.submit(any())).thenReturn(open());
        when(activities.cancel(any(), anyString())).thenReturn(snapshot(OrderStatus.CANCELLED, "0", null));
        when(streamRecords.settleFromStream(any(), any())).thenAnswer(invocation -> invocation.getArgument(1));

        assertThat(run(env, worker, client, shortLived)).isEqualTo(OrderStatus.CANCELLED);

        verify(activities).cancel(shortLived, "x-1");
        assertTheExchangeWasNotAskedAfterTheSubmit();
        assertThat(lastUpdate().reason()).isEqualTo("timed out after 60 s");
    }

    @Test
    void givenMarketOrderFilledInTheSubmitAnswer_whenSubmitted_thenSettledAtOnceWithoutWaiting(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        approve();
        when(activities.submit(any())).thenReturn(snapshot(OrderStatus.FILLED, "0.5", "59000"));
        // The stream has not recorded the trades yet: the exchange's fills settle the order now.
        when(streamRecords.settleFromStream(any(), any())).thenReturn(null);
        when(activities.reconcile(any(), anyString())).thenReturn(snapshot(OrderStatus.FILLED, "0.5", "59000"));

        assertThat(run(env, worker, client, STREAMED)).isEqualTo(OrderStatus.FILLED);

        assertNothingWaitedFor(client);
        verify(activities, never()).poll(any(), anyString());
        verify(activities).reconcile(STREAMED, "x-1");
    }

    @Test
    void givenCancelledAtTheExchange_whenTheStreamSaysSo_thenCancelledWithTheFillsItMade(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        OrderWorkflow workflow = restingWithItsFirstTrade(env, worker, client);
        // A cancel at the exchange (by its user, say) is reported without a trade.
        workflow.execution(new OrderExecution(null, "x-1", null, null, null, null, OrderStatus.CANCELLED, null));

        assertThat(result(workflow)).isEqualTo(OrderStatus.CANCELLED);
        assertSettledFromTheStream(OrderStatus.CANCELLED, "0.2", "59000");
        verify(activities, never()).cancel(any(), anyString());
        assertTheExchangeWasNotAskedAfterTheSubmit();
    }

    // --- Helpers ---------------------------------------------------------------------------------------------

    /** The stream recorded none of the order's trades: the exchange's fills settle it, filled. */
    private void settledFromTheExchangesFills() {
        when(streamRecords.settleFromStream(any(), any())).thenReturn(null);
        when(activities.reconcile(any(), anyString())).thenReturn(snapshot(OrderStatus.FILLED, "0.5", "59000"));
    }

    private void assertSettledFromTheExchangesFills() {
        verify(activities).reconcile(STREAMED, "x-1");
        assertThat(lastUpdate().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(lastUpdate().settled()).isTrue();
    }

    private static int indexOf(List<HistoryEvent> events, Predicate<HistoryEvent> matches) {
        for (int i = 0; i < events.size(); i++) {
            if (matches.test(events.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** A resting order settled from the stream, recorded PENDING, whose first trade (0.2 of 0.5) is signalled. */
    private OrderWorkflow restingWithItsFirstTrade(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        restingOrderSettledFromTheStream();
        OrderWorkflow workflow = start(env, worker, client, STREAMED);
        awaitRecorded(OrderStatus.PENDING, "0");
        workflow.execution(trade("t-1", "0.2", OrderStatus.PARTIALLY_FILLED, "0.2"));
        return workflow;
    }

    private void restingOrderSettledFromTheStream() {
        approve();
        when(activities.submit(any())).thenReturn(open());
        when(streamRecords.settleFromStream(any(), any())).thenAnswer(invocation -> invocation.getArgument(1));
    }

    /** Neither a lookup nor the exchange's fills: the stream said it all. */
    private void assertTheExchangeWasNotAskedAfterTheSubmit() {
        verify(activities, never()).poll(any(), anyString());
        verify(activities, never()).lookup(any());
        verify(activities, never()).reconcile(any(), anyString());
    }

    /**
     * Settled without waiting: the order's history started no timer (no safety lookup, no poll backoff). Read from the
     * history, not the test server's clock: with time skipping that clock may jump years ahead once the workflow has
     * ended, before the test reads it (seen in CI: 315,360,000,063 ms).
     */
    private static void assertNothingWaitedFor(WorkflowClient client) {
        assertThat(client.fetchHistory(OrderFixtures.WORKFLOW_ID).getEvents())
                .noneMatch(event -> event.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED);
    }

    private void approve() {
        when(activities.checkRiskAndRecordIntent(any())).thenReturn(RiskDecision.approve());
    }

    private OrderWorkflow start(TestWorkflowEnvironment env, Worker worker, WorkflowClient client, OrderInput input) {
        worker.registerActivitiesImplementations(activities, streamRecords);
        // The owner's notice at the order's end runs on the notifications task queue.
        env.newWorker(TaskQueues.NOTIFICATIONS)
                .registerActivitiesImplementations(TestTemporal.mockActivities(NotificationActivities.class));
        env.start();
        OrderWorkflow workflow = OrderFixtures.newWorkflow(client, worker);
        WorkflowClient.start(workflow::run, input);
        return workflow;
    }

    private OrderStatus run(TestWorkflowEnvironment env, Worker worker, WorkflowClient client, OrderInput input) {
        return result(start(env, worker, client, input));
    }

    private static OrderStatus result(OrderWorkflow workflow) {
        return WorkflowStub.fromTyped(workflow).getResult(OrderStatus.class);
    }

    private void awaitRecorded(OrderStatus status, String filled) {
        verify(activities, timeout(5_000))
                .record(argThat(update ->
                        update.status() == status && update.filledQuantity().compareTo(new BigDecimal(filled)) == 0));
    }

    /** The stream's records were asked to settle the order as the signals left it. */
    private void assertSettledFromTheStream(OrderStatus status, String filled, String average) {
        ArgumentCaptor<OrderSnapshot> known = ArgumentCaptor.forClass(OrderSnapshot.class);
        verify(streamRecords).settleFromStream(eq(STREAMED), known.capture());
        assertThat(known.getValue().exchangeOrderId()).isEqualTo("x-1");
        assertThat(known.getValue().status()).isEqualTo(status);
        assertThat(known.getValue().filledQuantity()).isEqualByComparingTo(filled);
        assertThat(known.getValue().averagePrice()).isEqualByComparingTo(average);
    }

    private List<OrderUpdate> updates() {
        ArgumentCaptor<OrderUpdate> updates = ArgumentCaptor.forClass(OrderUpdate.class);
        verify(activities, atLeastOnce()).record(updates.capture());
        return updates.getAllValues();
    }

    private OrderUpdate lastUpdate() {
        return updates().getLast();
    }

    private List<BigDecimal> recordedFills() {
        return updates().stream()
                .map(OrderUpdate::filledQuantity)
                .filter(filled -> filled != null)
                .toList();
    }

    /** A trade the stream pushed: 0.2 at 59,000 or 0.3 at 59,166.67, so that both together average 59,100. */
    private static OrderExecution trade(String tradeId, String quantity, OrderStatus status, String cumulative) {
        return new OrderExecution(
                tradeId,
                "x-1",
                new BigDecimal(quantity),
                price(tradeId),
                new BigDecimal("0.1"),
                "EUR",
                status,
                new BigDecimal(cumulative));
    }

    /** A trade a catch-up read found: no status, no cumulative quantity. */
    private static OrderExecution caughtUp(String tradeId, String quantity) {
        return new OrderExecution(
                tradeId, "x-1", new BigDecimal(quantity), price(tradeId), new BigDecimal("0.1"), "EUR", null, null);
    }

    private static BigDecimal price(String tradeId) {
        // 0.2 x 59,000 + 0.3 x 59,166.666... = 0.5 x 59,100.
        return tradeId.equals("t-1") ? new BigDecimal("59000") : new BigDecimal("59166.66666666666666666667");
    }

    private static OrderSnapshot open() {
        return new OrderSnapshot("x-1", OrderStatus.PENDING, BigDecimal.ZERO, null);
    }

    private static OrderSnapshot snapshot(OrderStatus status, String filled, String average) {
        return new OrderSnapshot(
                "x-1", status, new BigDecimal(filled), average == null ? null : new BigDecimal(average));
    }
}
