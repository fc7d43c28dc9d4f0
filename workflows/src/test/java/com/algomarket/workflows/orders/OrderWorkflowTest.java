package com.algomarket.workflows.orders;

import static com.algomarket.workflows.orders.OrderFixtures.INPUT;
import static com.algomarket.workflows.orders.OrderFixtures.WORKFLOW_ID;
import static com.algomarket.workflows.orders.OrderFixtures.newWorkflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.algomarket.workflows.common.SearchAttributeKeys;
import com.algomarket.workflows.common.TaskQueues;
import com.algomarket.workflows.exchange.ExchangeFailure;
import com.algomarket.workflows.notifications.NotificationActivities;
import com.algomarket.workflows.support.Histories;
import com.algomarket.workflows.support.RecordedHistories;
import com.algomarket.workflows.support.TestTemporal;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.mockito.stubbing.Answer;

/** Every path of an order's life, with the exchange and the database mocked and time skipped. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OrderWorkflowTest {

    @RegisterExtension
    static final TestWorkflowExtension TEMPORAL = TestTemporal.forWorkflow(OrderWorkflowImpl.class, "OrderStatus");

    /** A submit whose outcome the exchange left unknown (the connection broke after the request went out). */
    private static final Answer<OrderSnapshot> UNKNOWN_OUTCOME = invocation -> {
        throw unknown();
    };

    private final OrderActivities activities = TestTemporal.mockActivities(OrderActivities.class);
    private final NotificationActivities notifications = TestTemporal.mockActivities(NotificationActivities.class);
    private int polls;

    @Test
    void givenOrderThatFills_whenFollowed_thenIntentFirstThenFilledFromTheExchangesFills(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        approvedOrderThatFills();

        assertThat(run(env, worker, client)).isEqualTo(OrderStatus.FILLED);

        InOrder order = inOrder(activities);
        order.verify(activities).checkRiskAndRecordIntent(INPUT);
        order.verify(activities).submit(INPUT);
        order.verify(activities).reconcile(INPUT, "x-1");
        verify(activities, never()).cancel(any(), anyString());
        assertThat(recordedStatuses()).containsSubsequence(OrderStatus.PENDING, OrderStatus.FILLED);
        assertThat(orderStatusAttribute(client)).isEqualTo("FILLED");
        assertThat(Histories.upsertedValues(history(client), "OrderStatus"))
                .containsSubsequence("NEW", "PENDING", "FILLED")
                .endsWith("FILLED");
    }

    @Test
    void givenPartialFill_whenTheTimeoutPasses_thenCancelledOnlyOnceTheExchangeSaysSo(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        approve();
        // The exchange accepts the cancel but still lists the order as partially filled.
        LongSupplier submitToCancel = timedSubmitAndCancel(env, snapshot(OrderStatus.PARTIALLY_FILLED, "0.2"));
        // Partly filled until well past the 60 s timeout (polls back off 1, 2, 4, ... s), then cancelled.
        when(activities.poll(any(), anyString()))
                .thenAnswer(invocation -> polls++ < 8
                        ? snapshot(OrderStatus.PARTIALLY_FILLED, "0.2")
                        : snapshot(OrderStatus.CANCELLED, "0.2"));
        when(activities.reconcile(any(), anyString())).thenReturn(snapshot(OrderStatus.CANCELLED, "0.2"));

        assertThat(run(env, worker, client)).isEqualTo(OrderStatus.CANCELLED);

        verify(activities, times(1)).cancel(INPUT, "x-1");
        // Not a moment before the order's own timeout, and not long after it: the last wait is cut at the deadline.
        assertThat(submitToCancel.getAsLong())
                .isBetween(
                        Duration.ofSeconds(60).toMillis(),
                        Duration.ofSeconds(62).toMillis());
        verify(activities).reconcile(INPUT, "x-1");
        OrderUpdate last = lastUpdate();
        assertThat(last.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(last.exchangeOrderId()).isEqualTo("x-1");
        assertThat(last.filledQuantity()).isEqualByComparingTo("0.2");
        assertThat(last.averagePrice()).isEqualByComparingTo("59000");
        assertThat(last.reason()).isEqualTo("timed out after 60 s");
        assertThat(orderStatusAttribute(client)).isEqualTo("CANCELLED");
    }

    @Test
    void givenRestingOrder_whenTheUserCancelsWithoutReasonTwice_thenOneCancelAndCancelledOnRequest(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        approve();
        // The exchange takes the cancel but lists the order as open a moment longer: only the next poll confirms.
        LongSupplier submitToCancel = timedSubmitAndCancel(env, open("0"));
        when(activities.poll(any(), anyString())).thenReturn(open("0"), snapshot(OrderStatus.CANCELLED, "0"));
        when(activities.reconcile(any(), anyString())).thenReturn(snapshot(OrderStatus.CANCELLED, "0"));
        OrderWorkflow workflow = start(env, worker, client);
        awaitResting();

        workflow.requestCancel(null);
        workflow.requestCancel("   ");

        assertThat(result(workflow)).isEqualTo(OrderStatus.CANCELLED);
        verify(activities, times(1)).cancel(INPUT, "x-1");
        // The signal wakes the workflow: the cancel does not wait for the order's own 60 s timeout.
        assertThat(submitToCancel.getAsLong()).isLessThan(Duration.ofSeconds(60).toMillis());
        assertThat(lastUpdate().reason()).isEqualTo("cancelled on request");
        assertThat(lastUpdate().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(orderStatusAttribute(client)).isEqualTo("CANCELLED");
    }

    @Test
    void givenFillRacingTheCancel_whenTheCancelAnswersFilled_thenFilled(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        approvedOpenOrderWhoseCancelAnswers(OrderStatus.FILLED, "0.5");

        assertThat(run(env, worker, client)).isEqualTo(OrderStatus.FILLED);
        verify(activities, times(1)).cancel(INPUT, "x-1");
        assertThat(recordedStatuses()).doesNotContain(OrderStatus.CANCELLED).endsWith(OrderStatus.FILLED);
        assertThat(lastUpdate().reason()).isNull();
        assertThat(orderStatusAttribute(client)).isEqualTo("FILLED");
        assertThat(Histories.upsertedValues(history(client), "OrderStatus")).doesNotContain("CANCELLED");
    }

    @Test
    void givenUserCancelRacingAFill_whenTheCancelAnswersFilled_thenFilledAndNeverCancelled(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        approvedOpenOrderWhoseCancelAnswers(OrderStatus.FILLED, "0.5");
        OrderWorkflow workflow = start(env, worker, client);
        awaitResting();

        workflow.requestCancel("user cancelled");

        assertThat(result(workflow)).isEqualTo(OrderStatus.FILLED);
        verify(activities, times(1)).cancel(INPUT, "x-1");
        assertThat(recordedStatuses()).doesNotContain(OrderStatus.CANCELLED);
        assertThat(lastUpdate().filledQuantity()).isEqualByComparingTo("0.5");
        assertThat(lastUpdate().reason())
                .as("a filled order carries no cancel reason")
                .isNull();
        assertThat(orderStatusAttribute(client)).isEqualTo("FILLED");
    }

    @Test
    void givenRejection_whenSubmitted_thenRejectedWithTheExchangesReasonAndNoLookup(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        assertRejectedAtTheOnlySubmit(
                env,
                worker,
                client,
                ApplicationFailure.newNonRetryableFailure(
                        "PAPER answered HTTP 400 code -2010: Account has insufficient balance",
                        ExchangeFailure.REJECTED.name()));

        InOrder order = inOrder(activities);
        order.verify(activities).checkRiskAndRecordIntent(INPUT);
        order.verify(activities).submit(INPUT);
        OrderUpdate last = lastUpdate();
        assertThat(last.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(last.exchangeOrderId()).isNull();
        assertThat(last.reason()).contains("REJECTED").contains("insufficient balance");
        assertThat(orderStatusAttribute(client)).isEqualTo("REJECTED");
        assertThat(Histories.lastAttempts(history(client), "Submit")).containsExactly(1);
    }

    @Test
    void givenAuthFailureMarkedRetryable_whenSubmitted_thenTheRetryPolicyStopsItAndTheOrderIsRejected(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        // Retryable by its own flag: only the workflow's retry policy, which names AUTH, keeps it from a retry.
        assertRejectedAtTheOnlySubmit(
                env,
                worker,
                client,
                ApplicationFailure.newFailure("API key lacks the trade permission", ExchangeFailure.AUTH.name()));

        assertEnded(OrderStatus.REJECTED, "AUTH: API key lacks the trade permission", client);
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
        assertThat(Histories.scheduledSteps(history(client)))
                .containsSubsequence("Submit", "Lookup", "Reconcile")
                .doesNotContain("timer " + OrderWorkflowImpl.LOOKUP_SETTLE);
        assertThat(orderStatusAttribute(client)).isEqualTo("FILLED");
    }

    @Test
    void givenUnknownOutcome_whenTheOrderShowsOnlyAtTheSecondLookup_thenFollowedAndNeverResubmitted(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        approve();
        when(activities.submit(any())).thenThrow(unknown());
        // The exchange lists the order a moment after it accepted it.
        when(activities.lookup(any())).thenReturn(null, open("0"));
        pollAndReconcileFind(OrderStatus.FILLED, "0.5");

        assertThat(run(env, worker, client)).isEqualTo(OrderStatus.FILLED);

        verify(activities, times(1)).submit(any());
        verify(activities, times(2)).lookup(INPUT);
        assertThat(Histories.scheduledSteps(history(client)))
                .containsSubsequence(
                        "Submit", "Lookup", "timer " + OrderWorkflowImpl.LOOKUP_SETTLE, "Lookup", "Poll", "Reconcile");
        assertThat(recordedStatuses()).containsSubsequence(OrderStatus.PENDING, OrderStatus.FILLED);
    }

    @Test
    void givenUnknownOutcome_whenTheOrderIsNotThereTwice_thenResubmittedOnce(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        approve();
        List<Long> lookedUpAt = new CopyOnWriteArrayList<>();
        when(activities.submit(any())).thenThrow(unknown()).thenReturn(open("0"));
        when(activities.lookup(any())).thenAnswer(at(env, lookedUpAt, null));
        pollAndReconcileFind(OrderStatus.FILLED, "0.5");

        assertThat(run(env, worker, client)).isEqualTo(OrderStatus.FILLED);

        verify(activities, times(2)).submit(INPUT);
        verify(activities, times(2)).lookup(INPUT);
        List<String> steps = Histories.scheduledSteps(history(client));
        assertThat(steps.subList(steps.indexOf("Submit"), steps.lastIndexOf("Submit") + 1))
                .containsExactly("Submit", "Lookup", "timer " + OrderWorkflowImpl.LOOKUP_SETTLE, "Lookup", "Submit");
        assertThat(lookedUpAt.get(1) - lookedUpAt.get(0))
                .isGreaterThanOrEqualTo(OrderWorkflowImpl.LOOKUP_SETTLE.toMillis());
        assertThat(orderStatusAttribute(client)).isEqualTo("FILLED");
    }

    @Test
    void givenRateLimit_whenSubmitted_thenRetriedWithBackoffUntilAccepted(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        approve();
        List<Long> attemptedAt = new CopyOnWriteArrayList<>();
        when(activities.submit(any())).thenAnswer(invocation -> {
            attemptedAt.add(env.currentTimeMillis());
            return switch (attemptedAt.size()) {
                case 1 -> throw ApplicationFailure.newFailure("429", ExchangeFailure.RATE_LIMITED.name());
                case 2 -> throw ApplicationFailure.newFailure("503 before sending", ExchangeFailure.UNAVAILABLE.name());
                default -> open("0");
            };
        });
        pollAndReconcileFind(OrderStatus.FILLED, "0.5");

        assertThat(run(env, worker, client)).isEqualTo(OrderStatus.FILLED);
        verify(activities, times(3)).submit(INPUT);
        verify(activities, never()).lookup(any());
        // One order: the server retried one scheduled submit, and its third attempt placed it.
        WorkflowExecutionHistory history = history(client);
        assertThat(Histories.scheduledActivities(history)).containsOnlyOnce("Submit");
        assertThat(Histories.lastAttempts(history, "Submit")).containsExactly(3);
        // Backoff of 1 s, then 2 s.
        assertThat(attemptedAt.get(1) - attemptedAt.get(0)).isGreaterThanOrEqualTo(1_000);
        assertThat(attemptedAt.get(2) - attemptedAt.get(1)).isGreaterThanOrEqualTo(2_000);
        assertThat(recordedStatuses()).containsOnlyOnce(OrderStatus.PENDING);
    }

    @Test
    void givenRiskRefusal_whenChecked_thenRecordedAsRejectedWithTheReasonAndNeverSent(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        when(activities.checkRiskAndRecordIntent(any())).thenReturn(RiskDecision.refuse("portfolio is KILLED"));

        assertThat(run(env, worker, client)).isEqualTo(OrderStatus.REJECTED);

        InOrder order = inOrder(activities);
        order.verify(activities).checkRiskAndRecordIntent(INPUT);
        order.verify(activities).record(any());
        verify(activities, never()).submit(any());
        verify(activities, never()).lookup(any());
        verify(activities, never()).cancel(any(), anyString());
        verify(activities, never()).reconcile(any(), anyString());
        assertThat(lastUpdate().status()).isEqualTo(OrderStatus.REJECTED);
        assertEnded(OrderStatus.REJECTED, "risk check: portfolio is KILLED", client);
    }

    @Test
    void givenOrderThatFills_whenItsFinalStatusIsRecorded_thenItsOwnerIsToldAfterwards(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        approvedOrderThatFills();

        assertThat(run(env, worker, client)).isEqualTo(OrderStatus.FILLED);

        InOrder order = inOrder(activities, notifications);
        order.verify(activities).record(argThat(OrderUpdate::settled));
        order.verify(notifications).orderEnded(INPUT.orderId());
        RecordedHistories.recordIfAsked(client, WORKFLOW_ID, "order", "filled-then-owner-notified");
    }

    @Test
    void givenNoticeThatKeepsFailing_whenTheOrderEnds_thenTheOrderStillEndsWithItsStatus(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        approvedOrderThatFills();
        doThrow(new IllegalStateException("database down")).when(notifications).orderEnded(anyString());

        assertThat(run(env, worker, client)).isEqualTo(OrderStatus.FILLED);

        verify(notifications, atLeast(2)).orderEnded(INPUT.orderId());
    }

    @Test
    void givenKillDeliveredWithTheStart_whenPreparing_thenNothingReachesTheExchange(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        approve();
        registerActivities(env, worker);
        env.start();
        OrderWorkflow workflow = newWorkflow(client, worker);
        BatchRequest signalWithStart = client.newSignalWithStartRequest();
        signalWithStart.add(workflow::run, INPUT);
        signalWithStart.add(workflow::requestCancel, "kill switch");
        client.signalWithStart(signalWithStart);

        assertThat(result(workflow)).isEqualTo(OrderStatus.CANCELLED);
        verify(activities, never()).submit(any());
        assertThat(lastUpdate().reason()).isEqualTo("kill switch");
        assertThat(lastUpdate().exchangeOrderId()).isNull();
        assertThat(orderStatusAttribute(client)).isEqualTo("CANCELLED");
    }

    @Test
    void givenKillDuringTheRiskCheck_whenSubmitting_thenAnOrderThatReachedTheExchangeIsCancelled(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
        // The risk check is a local activity: a signal that arrives while it runs is delivered after the workflow
        // task that also schedules the submit, so the workflow may send the order (the submit activity itself refuses
        // a KILLED portfolio, see the next test). Whatever reached the exchange is cancelled and confirmed.
        CountDownLatch killed = stubRiskCheckBlockedUntilKilled();
        OrderWorkflow workflow = start(env, worker, client);
        verify(activities, timeout(5_000)).checkRiskAndRecordIntent(INPUT);

        assertThat(killAndRelease(workflow, killed)).isEqualTo(OrderStatus.CANCELLED);
        // What holds either way: at most one order, and whatever the exchange accepted is cancelled there.
        long submits = mockingDetails(activities).getInvocations().stream()
                .filter(invocation -> invocation.getMethod().getName().equals("submit"))
                .count();
        assertThat(submits).isLessThanOrEqualTo(1);
        verify(activities, times((int) submits)).cancel(INPUT, "x-1");
        assertEnded(OrderStatus.CANCELLED, "kill switch", client);
    }

    @Test
    void givenKillDuringTheRiskCheck_whenTheSubmitFailsClosed_thenRejectedAndNothingPlaced(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
        CountDownLatch killed = stubRiskCheckBlockedUntilKilled();
        // What the submit activity answers for a portfolio killed after its risk check.
        when(activities.submit(any()))
                .thenThrow(ApplicationFailure.newNonRetryableFailure(
                        "portfolio is KILLED", ExchangeFailure.REJECTED.name()));
        OrderWorkflow workflow = start(env, worker, client);
        verify(activities, timeout(5_000)).checkRiskAndRecordIntent(INPUT);

        assertThat(killAndRelease(workflow, killed)).isEqualTo(OrderStatus.REJECTED);
        verify(activities, times(1)).submit(any());
        verify(activities, never()).lookup(any());
        verify(activities, never()).cancel(any(), anyString());
        assertThat(lastUpdate().exchangeOrderId()).isNull();
        assertEnded(OrderStatus.REJECTED, "REJECTED: portfolio is KILLED", client);
    }

    @Test
    void givenKillWhileTheSubmitRuns_whenTheExchangeAcceptsTheOrder_thenNoSecondSubmitAndItIsCancelled(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
        when(activities.poll(any(), anyString())).thenReturn(open("0"));
        cancelAndReconcileFind(OrderStatus.CANCELLED, "0");

        assertCancelledByTheKillAfterOneSubmit(env, worker, client, invocation -> open("0"));

        InOrder order = inOrder(activities);
        order.verify(activities).submit(INPUT);
        order.verify(activities).cancel(INPUT, "x-1");
        verify(activities, times(1)).cancel(any(), anyString());
        assertThat(lastUpdate().exchangeOrderId()).isEqualTo("x-1");
    }

    @Test
    void givenKillWhileTheSubmitRuns_whenTheOutcomeIsUnknownAndTheOrderIsNotThere_thenNeverResubmitted(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
        when(activities.lookup(any())).thenReturn(null);

        assertCancelledByTheKillAfterOneSubmit(env, worker, client, UNKNOWN_OUTCOME);

        verify(activities, times(2)).lookup(INPUT);
        verify(activities, never()).cancel(any(), anyString());
        assertThat(lastUpdate().exchangeOrderId()).isNull();
    }

    @Test
    void givenKillWhileTheSubmitRuns_whenTheOutcomeIsUnknownButTheOrderIsThere_thenItIsCancelledThere(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
        when(activities.lookup(any())).thenReturn(open("0"));
        cancelAndReconcileFind(OrderStatus.CANCELLED, "0");

        assertCancelledByTheKillAfterOneSubmit(env, worker, client, UNKNOWN_OUTCOME);

        verify(activities, times(1)).lookup(INPUT);
        verify(activities, times(1)).cancel(INPUT, "x-1");
    }

    @Test
    void givenKillAfterSubmit_whenFollowing_thenCancelSentAndConfirmed(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        approvedOpenOrderWhoseCancelAnswers(OrderStatus.CANCELLED, "0");
        OrderWorkflow workflow = startAndAwaitTheSubmit(env, worker, client);

        workflow.requestCancel("kill switch");

        assertThat(result(workflow)).isEqualTo(OrderStatus.CANCELLED);
        verify(activities, times(1)).cancel(INPUT, "x-1");
        assertEnded(OrderStatus.CANCELLED, "kill switch", client);
    }

    @Test
    void givenRestingOrderWhoseCancelSignalWasLost_whenItsPortfolioIsKilled_thenItCancelsItselfAtTheNextWake(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        approvedOpenOrderWhoseCancelAnswers(OrderStatus.CANCELLED, "0");
        // No signal ever arrives: the database says KILLED from the third wake on.
        when(activities.stoppedByKill(any())).thenReturn(false, false, true);
        LongSupplier submitToCancel = timedSubmitAndCancel(env, snapshot(OrderStatus.CANCELLED, "0"));

        assertThat(run(env, worker, client)).isEqualTo(OrderStatus.CANCELLED);

        verify(activities, times(3)).stoppedByKill(INPUT);
        verify(activities, times(1)).cancel(INPUT, "x-1");
        // Wakes after 1, 2 and 4 s: cancelled at the third, long before the order's own 60 s timeout.
        assertThat(submitToCancel.getAsLong())
                .isBetween(
                        Duration.ofSeconds(7).toMillis(), Duration.ofSeconds(8).toMillis());
        assertEnded(OrderStatus.CANCELLED, OrderWorkflowImpl.KILLED_REASON, client);
        // The check is a local activity behind its own version marker.
        assertThat(Histories.markerNames(history(client))).contains("Version", "LocalActivity");
    }

    @Test
    void givenPortfolioKilledButTheStatusReadFails_whenFollowing_thenFollowedOnUntilItsOwnTimeout(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        approvedOpenOrderWhoseCancelAnswers(OrderStatus.CANCELLED, "0");
        when(activities.stoppedByKill(any()))
                .thenThrow(ApplicationFailure.newNonRetryableFailure("order row disagrees", "REJECTED"));

        assertThat(run(env, worker, client)).isEqualTo(OrderStatus.CANCELLED);

        verify(activities, atLeastOnce()).stoppedByKill(INPUT);
        assertEnded(OrderStatus.CANCELLED, "timed out after 60 s", client);
    }

    // --- Helpers ---------------------------------------------------------------------------------------------

    private OrderStatus run(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        registerActivities(env, worker);
        env.start();
        return newWorkflow(client, worker).run(INPUT);
    }

    /** The order's activities on its worker, the owner's notice on a worker of the notifications task queue. */
    private void registerActivities(TestWorkflowEnvironment env, Worker worker) {
        worker.registerActivitiesImplementations(activities);
        env.newWorker(TaskQueues.NOTIFICATIONS).registerActivitiesImplementations(notifications);
    }

    private OrderWorkflow start(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        registerActivities(env, worker);
        env.start();
        OrderWorkflow workflow = newWorkflow(client, worker);
        WorkflowClient.start(workflow::run, INPUT);
        return workflow;
    }

    private static OrderStatus result(OrderWorkflow workflow) {
        return WorkflowStub.fromTyped(workflow).getResult(OrderStatus.class);
    }

    private void approve() {
        when(activities.checkRiskAndRecordIntent(any())).thenReturn(RiskDecision.approve());
    }

    /** An approved order that the exchange accepts open, then lists as filled at its first poll. */
    private void approvedOrderThatFills() {
        approve();
        when(activities.submit(any())).thenReturn(open("0"));
        pollAndReconcileFind(OrderStatus.FILLED, "0.5");
    }

    /** Runs an approved order whose submit fails with {@code failure}: rejected after one attempt, never looked up. */
    private void assertRejectedAtTheOnlySubmit(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client, ApplicationFailure failure) {
        approve();
        when(activities.submit(any())).thenThrow(failure);

        assertThat(run(env, worker, client)).isEqualTo(OrderStatus.REJECTED);

        verify(activities, times(1)).submit(any());
        verify(activities, never()).lookup(any());
    }

    /** The order rests at the exchange: submitted and recorded PENDING, the workflow waiting for its first poll. */
    private void awaitResting() {
        verify(activities, timeout(5_000)).record(argThat(update -> update.status() == OrderStatus.PENDING));
    }

    /** A risk check that approves once the test has signalled the kill, and an exchange that accepts and cancels. */
    private CountDownLatch stubRiskCheckBlockedUntilKilled() {
        CountDownLatch killed = new CountDownLatch(1);
        when(activities.checkRiskAndRecordIntent(any()))
                .thenAnswer(afterKill(killed, invocation -> RiskDecision.approve()));
        when(activities.submit(any())).thenReturn(open("0"));
        when(activities.poll(any(), anyString())).thenReturn(open("0"));
        cancelAndReconcileFind(OrderStatus.CANCELLED, "0");
        return killed;
    }

    /**
     * Starts an approved order whose submit answers {@code answer} only once the test has signalled the kill, so that
     * the kill switch's cancel arrives while the submit runs; asserts what holds however the submit ended: the order
     * was submitted once and ended cancelled by the kill switch.
     */
    private void assertCancelledByTheKillAfterOneSubmit(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client, Answer<OrderSnapshot> answer) {
        approve();
        CountDownLatch killed = new CountDownLatch(1);
        when(activities.submit(any())).thenAnswer(afterKill(killed, answer));
        OrderWorkflow workflow = startAndAwaitTheSubmit(env, worker, client);

        assertThat(killAndRelease(workflow, killed)).isEqualTo(OrderStatus.CANCELLED);
        verify(activities, times(1)).submit(any());
        assertEnded(OrderStatus.CANCELLED, "kill switch", client);
    }

    private OrderWorkflow startAndAwaitTheSubmit(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        OrderWorkflow workflow = start(env, worker, client);
        verify(activities, timeout(5_000)).submit(INPUT);
        return workflow;
    }

    /** Answers only once the test has signalled the kill, so that the signal arrives while the activity runs. */
    private static <T> Answer<T> afterKill(CountDownLatch killed, Answer<T> answer) {
        return invocation -> {
            assertThat(killed.await(10, TimeUnit.SECONDS))
                    .as("the test signals the kill")
                    .isTrue();
            return answer.answer(invocation);
        };
    }

    /** Notes the test server's time of each call, then answers. */
    private static <T> Answer<T> at(TestWorkflowEnvironment env, List<Long> times, T answer) {
        return invocation -> {
            times.add(env.currentTimeMillis());
            return answer;
        };
    }

    /**
     * Stubs the submit to accept the order open and the cancel to answer {@code cancelAnswer}, noting the test
     * server's time of each call; answers the time in milliseconds from the first submit to the first cancel.
     */
    private LongSupplier timedSubmitAndCancel(TestWorkflowEnvironment env, OrderSnapshot cancelAnswer) {
        List<Long> submittedAt = new CopyOnWriteArrayList<>();
        List<Long> cancelledAt = new CopyOnWriteArrayList<>();
        when(activities.submit(any())).thenAnswer(at(env, submittedAt, open("0")));
        when(activities.cancel(any(), anyString())).thenAnswer(at(env, cancelledAt, cancelAnswer));
        return () -> cancelledAt.getFirst() - submittedAt.getFirst();
    }

    /** The exchange's answer to the order's polls and to its reconciliation. */
    private void pollAndReconcileFind(OrderStatus status, String filledQuantity) {
        when(activities.poll(any(), anyString())).thenReturn(snapshot(status, filledQuantity));
        when(activities.reconcile(any(), anyString())).thenReturn(snapshot(status, filledQuantity));
    }

    /** The exchange's answer to a cancel and to the reconciliation after it. */
    private void cancelAndReconcileFind(OrderStatus status, String filledQuantity) {
        when(activities.cancel(any(), anyString())).thenReturn(snapshot(status, filledQuantity));
        when(activities.reconcile(any(), anyString())).thenReturn(snapshot(status, filledQuantity));
    }

    /** Signals the kill switch's cancel, then lets the blocked activity answer; answers the workflow's result. */
    private static OrderStatus killAndRelease(OrderWorkflow workflow, CountDownLatch killed) {
        workflow.requestCancel("kill switch");
        killed.countDown();
        return result(workflow);
    }

    /** The order's last record gives {@code reason}, and its search attribute shows {@code status}. */
    private void assertEnded(OrderStatus status, String reason, WorkflowClient client) {
        assertThat(lastUpdate().reason()).isEqualTo(reason);
        assertThat(orderStatusAttribute(client)).isEqualTo(status.name());
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

    private static String orderStatusAttribute(WorkflowClient client) {
        return TestTemporal.searchAttribute(client, WORKFLOW_ID, SearchAttributeKeys.ORDER_STATUS);
    }

    private static WorkflowExecutionHistory history(WorkflowClient client) {
        return client.fetchHistory(WORKFLOW_ID);
    }

    private static ApplicationFailure unknown() {
        return ApplicationFailure.newFailure(
                "connection lost; the request may have been executed", ExchangeFailure.UNKNOWN.name());
    }

    private static OrderSnapshot open(String filled) {
        return new OrderSnapshot("x-1", OrderStatus.PENDING, new BigDecimal(filled), null);
    }

    private static OrderSnapshot snapshot(OrderStatus status, String filled) {
        return new OrderSnapshot(
                "x-1",
                status,
                new BigDecimal(filled),
                new BigDecimal(filled).signum() > 0 ? new BigDecimal("59000") : null);
    }

    /** An approved order that rests open until it is cancelled; the cancel and the reconciliation find it so. */
    private void approvedOpenOrderWhoseCancelAnswers(OrderStatus status, String filledQuantity) {
        approve();
        when(activities.submit(any())).thenReturn(open("0"));
        when(activities.poll(any(), anyString())).thenReturn(open("0"));
        cancelAndReconcileFind(status, filledQuantity);
    }
}
