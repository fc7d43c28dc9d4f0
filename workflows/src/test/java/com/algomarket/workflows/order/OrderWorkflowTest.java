package com.algomarket.workflows.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import com.algomarket.workflows.exchange.ExchangeFailure;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/** Every path of an order's life, with the exchange and the database mocked and time skipped. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OrderWorkflowTest {

    @RegisterExtension
    static final TestWorkflowExtension TEMPORAL = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(OrderWorkflowImpl.class)
            .registerSearchAttribute("OrderStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
            .setDoNotStart(true)
            .build();

    private static final OrderInput INPUT = new OrderInput("o-1", "p-1", "s-1", "c-1", "PAPER", "BTC/EUR", "BUY",
            "LIMIT", new BigDecimal("0.5"), new BigDecimal("59000"), null, "GTC", 60,
            "a1a0c0de-0000-8000-8000-000000000001", new BigDecimal("59000"), false);

    private final OrderActivities activities = mock(OrderActivities.class, withSettings().withoutAnnotations());
    private int polls;

    @Test
    void givenOrderThatFills_whenFollowed_thenIntentFirstThenFilledFromTheExchangesFills(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        approve();
        when(activities.submit(any())).thenReturn(open("0"));
        when(activities.poll(any(), anyString())).thenReturn(snapshot(OrderStatus.FILLED, "0.5"));
        when(activities.reconcile(any(), anyString())).thenReturn(snapshot(OrderStatus.FILLED, "0.5"));

        assertThat(run(env, worker, client)).isEqualTo(OrderStatus.FILLED);

        InOrder order = inOrder(activities);
        order.verify(activities).checkRisk(INPUT);
        order.verify(activities).recordIntent(INPUT);
        order.verify(activities).submit(INPUT);
        order.verify(activities).reconcile(INPUT, "x-1");
        verify(activities, never()).cancel(any(), anyString());
        assertThat(recordedStatuses()).containsSubsequence(OrderStatus.PENDING, OrderStatus.FILLED);
    }

    @Test
    void givenPartialFill_whenTheTimeoutPasses_thenCancelledOnlyOnceTheExchangeSaysSo(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        approve();
        when(activities.submit(any())).thenReturn(open("0"));
        // Partly filled until well past the 60 s timeout (polls back off 1, 2, 4, ... s), then cancelled.
        when(activities.poll(any(), anyString())).thenAnswer(invocation -> polls++ < 8
                ? snapshot(OrderStatus.PARTIALLY_FILLED, "0.2") : snapshot(OrderStatus.CANCELLED, "0.2"));
        // The exchange accepts the cancel but still lists the order as partially filled.
        when(activities.cancel(any(), anyString())).thenReturn(snapshot(OrderStatus.PARTIALLY_FILLED, "0.2"));
        when(activities.reconcile(any(), anyString())).thenReturn(snapshot(OrderStatus.CANCELLED, "0.2"));

        assertThat(run(env, worker, client)).isEqualTo(OrderStatus.CANCELLED);

        verify(activities, times(1)).cancel(INPUT, "x-1");
        ArgumentCaptor<OrderUpdate> updates = ArgumentCaptor.forClass(OrderUpdate.class);
        verify(activities, atLeastOnce()).record(updates.capture());
        OrderUpdate last = updates.getValue();
        assertThat(last.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(last.filledQuantity()).isEqualByComparingTo("0.2");
        assertThat(last.reason()).contains("timed out");
    }

    @Test
    void givenFillRacingTheCancel_whenTheCancelAnswersFilled_thenFilled(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        approve();
        when(activities.submit(any())).thenReturn(open("0"));
        when(activities.poll(any(), anyString())).thenReturn(open("0"));
        when(activities.cancel(any(), anyString())).thenReturn(snapshot(OrderStatus.FILLED, "0.5"));
        when(activities.reconcile(any(), anyString())).thenReturn(snapshot(OrderStatus.FILLED, "0.5"));

        assertThat(run(env, worker, client)).isEqualTo(OrderStatus.FILLED);
        verify(activities, times(1)).cancel(INPUT, "x-1");
    }

    @Test
    void givenRejection_whenSubmitted_thenRejectedWithTheExchangesReasonAndNoLookup(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        approve();
        when(activities.submit(any())).thenThrow(ApplicationFailure.newNonRetryableFailure(
                "PAPER answered HTTP 400 code -2010: Account has insufficient balance", ExchangeFailure.REJECTED.name()));

        assertThat(run(env, worker, client)).isEqualTo(OrderStatus.REJECTED);

        verify(activities, times(1)).submit(any());
        verify(activities, never()).lookup(any());
        assertThat(lastUpdate().reason()).contains("REJECTED").contains("insufficient balance");
    }

    @Test
    void givenUnknownOutcome_whenTheLookupFindsTheOrder_thenNeverResubmitted(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        approve();
        when(activities.submit(any())).thenThrow(unknown());
        when(activities.lookup(any())).thenReturn(snapshot(OrderStatus.FILLED, "0.5"));
        when(activities.reconcile(any(), anyString())).thenReturn(snapshot(OrderStatus.FILLED, "0.5"));

        assertThat(run(env, worker, client)).isEqualTo(OrderStatus.FILLED);

        verify(activities, times(1)).submit(any());
        verify(activities, times(1)).lookup(INPUT);
    }

    @Test
    void givenUnknownOutcome_whenTheOrderIsNotThereTwice_thenResubmittedOnce(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        approve();
        when(activities.submit(any())).thenThrow(unknown()).thenReturn(open("0"));
        when(activities.lookup(any())).thenReturn(null);
        when(activities.poll(any(), anyString())).thenReturn(snapshot(OrderStatus.FILLED, "0.5"));
        when(activities.reconcile(any(), anyString())).thenReturn(snapshot(OrderStatus.FILLED, "0.5"));

        assertThat(run(env, worker, client)).isEqualTo(OrderStatus.FILLED);

        verify(activities, times(2)).submit(INPUT);
        verify(activities, times(2)).lookup(INPUT);
    }

    @Test
    void givenRateLimit_whenSubmitted_thenRetriedWithBackoffUntilAccepted(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        approve();
        when(activities.submit(any()))
                .thenThrow(ApplicationFailure.newFailure("429", ExchangeFailure.RATE_LIMITED.name()))
                .thenThrow(ApplicationFailure.newFailure("503 before sending", ExchangeFailure.UNAVAILABLE.name()))
                .thenReturn(open("0"));
        when(activities.poll(any(), anyString())).thenReturn(snapshot(OrderStatus.FILLED, "0.5"));
        when(activities.reconcile(any(), anyString())).thenReturn(snapshot(OrderStatus.FILLED, "0.5"));

        assertThat(run(env, worker, client)).isEqualTo(OrderStatus.FILLED);
        verify(activities, times(3)).submit(INPUT);
        verify(activities, never()).lookup(any());
    }

    @Test
    void givenRiskRefusal_whenChecked_thenRecordedAsRejectedWithTheReasonAndNeverSent(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        when(activities.checkRisk(any())).thenReturn(RiskDecision.refuse("portfolio is KILLED"));

        assertThat(run(env, worker, client)).isEqualTo(OrderStatus.REJECTED);

        verify(activities).recordIntent(INPUT);
        verify(activities, never()).submit(any());
        assertThat(lastUpdate().status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(lastUpdate().reason()).contains("portfolio is KILLED");
    }

    @Test
    void givenKillDuringTheRiskCheck_whenSubmitting_thenNothingReachesTheExchange(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
        CountDownLatch killed = new CountDownLatch(1);
        when(activities.checkRisk(any())).thenAnswer(invocation -> {
            killed.await(10, TimeUnit.SECONDS);
            return RiskDecision.approve();
        });
        worker.registerActivitiesImplementations(activities);
        env.start();
        OrderWorkflow workflow = newWorkflow(client, worker);
        WorkflowClient.start(workflow::run, INPUT);

        workflow.requestCancel("kill switch");
        killed.countDown();

        assertThat(WorkflowStub.fromTyped(workflow).getResult(OrderStatus.class)).isEqualTo(OrderStatus.CANCELLED);
        verify(activities, never()).submit(any());
        assertThat(lastUpdate().reason()).isEqualTo("kill switch");
    }

    @Test
    void givenKillAfterSubmit_whenFollowing_thenCancelSentAndConfirmed(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        approve();
        when(activities.submit(any())).thenReturn(open("0"));
        when(activities.poll(any(), anyString())).thenReturn(open("0"));
        when(activities.cancel(any(), anyString())).thenReturn(snapshot(OrderStatus.CANCELLED, "0"));
        when(activities.reconcile(any(), anyString())).thenReturn(snapshot(OrderStatus.CANCELLED, "0"));
        worker.registerActivitiesImplementations(activities);
        env.start();
        OrderWorkflow workflow = newWorkflow(client, worker);
        WorkflowClient.start(workflow::run, INPUT);
        verify(activities, timeout(5_000)).submit(any());

        workflow.requestCancel("kill switch");

        assertThat(WorkflowStub.fromTyped(workflow).getResult(OrderStatus.class)).isEqualTo(OrderStatus.CANCELLED);
        verify(activities, times(1)).cancel(INPUT, "x-1");
        assertThat(lastUpdate().reason()).isEqualTo("kill switch");
    }

    // --- Helpers ---------------------------------------------------------------------------------------------

    private OrderStatus run(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        worker.registerActivitiesImplementations(activities);
        env.start();
        return newWorkflow(client, worker).run(INPUT);
    }

    private void approve() {
        when(activities.checkRisk(any())).thenReturn(RiskDecision.approve());
    }

    private List<OrderStatus> recordedStatuses() {
        ArgumentCaptor<OrderUpdate> updates = ArgumentCaptor.forClass(OrderUpdate.class);
        verify(activities, atLeastOnce()).record(updates.capture());
        return updates.getAllValues().stream().map(OrderUpdate::status).toList();
    }

    private OrderUpdate lastUpdate() {
        ArgumentCaptor<OrderUpdate> updates = ArgumentCaptor.forClass(OrderUpdate.class);
        verify(activities, atLeastOnce()).record(updates.capture());
        return updates.getValue();
    }

    private static ApplicationFailure unknown() {
        return ApplicationFailure.newFailure("connection lost; the request may have been executed",
                ExchangeFailure.UNKNOWN.name());
    }

    private static OrderSnapshot open(String filled) {
        return new OrderSnapshot("x-1", OrderStatus.PENDING, new BigDecimal(filled), null);
    }

    private static OrderSnapshot snapshot(OrderStatus status, String filled) {
        return new OrderSnapshot("x-1", status, new BigDecimal(filled),
                new BigDecimal(filled).signum() > 0 ? new BigDecimal("59000") : null);
    }

    private static OrderWorkflow newWorkflow(WorkflowClient client, Worker worker) {
        return client.newWorkflowStub(OrderWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(OrderWorkflow.workflowId("p-1", "s-1"))
                .setTaskQueue(worker.getTaskQueue())
                .build());
    }
}
