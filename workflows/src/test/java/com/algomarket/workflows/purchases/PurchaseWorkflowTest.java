package com.algomarket.workflows.purchases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.support.Await;
import com.algomarket.workflows.support.RecordedHistories;
import com.algomarket.workflows.support.TestTemporal;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PurchaseWorkflowTest {

    @RegisterExtension
    static final TestWorkflowExtension TEMPORAL = TestTemporal.forWorkflow(PurchaseWorkflowImpl.class, "AlgorithmId");

    private final PurchaseActivities activities = TestTemporal.mockActivities(PurchaseActivities.class);

    @Test
    void givenPaymentSucceeds_whenReported_thenActiveUntilPeriodsTimesDaysThenExpiredAndSeatReleased(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        when(activities.verifiedOutcome("p1")).thenReturn(PaymentOutcome.SUCCEEDED);
        PurchaseWorkflow workflow = paying(env, worker, client, "p1", 2990, "pi_1");

        assertThat(workflow.paymentId()).isEqualTo("pi_1");
        workflow.paymentReported(PaymentOutcome.SUCCEEDED);
        workflow.paymentReported(PaymentOutcome.FAILED); // a late contradiction changes nothing

        ActivateInput activated = activated();
        assertThat(activated.endsAtMillis() - activated.startsAtMillis())
                .isEqualTo(Duration.ofDays(2 * 30).toMillis());
        // The activity was called; the workflow sets its status once the activity returned.
        Await.until(Duration.ofSeconds(5), workflow::status, PurchaseStatus.ACTIVE::equals);

        env.sleep(Duration.ofDays(59));
        verify(activities, never()).end(any());
        env.sleep(Duration.ofDays(2));
        assertEnded(workflow, "p1", PurchaseStatus.EXPIRED);
    }

    @Test
    void givenNoPaymentBeforeTheDeadline_whenItPasses_thenPaymentCancelledAndSeatReleased(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        PurchaseWorkflow workflow = unpaidPastTheDeadline(env, worker, client, "p2", PaymentOutcome.FAILED);

        assertEnded(workflow, "p2", PurchaseStatus.CANCELLED);
        verify(activities, never()).activate(any());
    }

    @Test
    void givenPaidInTheLastSecond_whenTheCancelFindsItPaid_thenActive(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        PurchaseWorkflow workflow = unpaidPastTheDeadline(env, worker, client, "p3", PaymentOutcome.SUCCEEDED);

        verify(activities, timeout(5_000)).activate(any());
        assertThat(workflow.status()).isEqualTo(PurchaseStatus.ACTIVE);
        verify(activities, never()).end(any());
    }

    @Test
    void givenPaymentFails_whenReported_thenSeatReleasedAtOnce(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        when(activities.verifiedOutcome("p4")).thenReturn(PaymentOutcome.FAILED);
        PurchaseWorkflow workflow = paidAndReported(env, worker, client, "p4", PaymentOutcome.FAILED);

        assertEnded(workflow, "p4", PurchaseStatus.PAYMENT_FAILED);
        verify(activities, never()).cancelPayment(any());
    }

    @Test
    void givenAForgedSignal_whenNoVerifiedEventBacksIt_thenNothingActivatedAndCancelledAtTheDeadline(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        when(activities.cancelPayment("p5")).thenReturn(PaymentOutcome.FAILED);
        PurchaseWorkflow workflow = paidAndReported(env, worker, client, "p5", PaymentOutcome.SUCCEEDED);
        verify(activities, timeout(5_000)).verifiedOutcome("p5");
        assertThat(workflow.status()).isEqualTo(PurchaseStatus.AWAITING_PAYMENT);
        env.sleep(Duration.ofMinutes(31));

        assertThat(outcome(workflow)).isEqualTo(PurchaseStatus.CANCELLED);
        verify(activities, never()).activate(any());
    }

    @Test
    void givenASignalAheadOfTheStoredEvent_whenReportedAgain_thenTheVerifiedOutcomeActivates(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        when(activities.verifiedOutcome("p6")).thenReturn(null, PaymentOutcome.SUCCEEDED);
        PurchaseWorkflow workflow = paidAndReported(env, worker, client, "p6", PaymentOutcome.FAILED);
        verify(activities, timeout(5_000)).verifiedOutcome("p6");
        workflow.paymentReported(PaymentOutcome.FAILED); // the content is not what decides

        verify(activities, timeout(5_000)).activate(any());
        Await.until(Duration.ofSeconds(5), workflow::status, PurchaseStatus.ACTIVE::equals);
        verify(activities, never()).cancelPayment(any());
    }

    @Test
    void givenNothingToPay_whenStarted_thenActiveWithoutPayment(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        PurchaseWorkflow workflow = started(env, worker, client, "p5", 0);

        assertThat(workflow.paymentId()).isEmpty();
        verify(activities, timeout(5_000)).activate(any());
        verify(activities, never()).createPayment(any());
    }

    @Test
    void givenPaymentCreated_whenClientSecretAsked_thenReadFromTheProviderAndNotKept(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        when(activities.clientSecret("pi_6")).thenReturn("pi_6_secret_a", "pi_6_secret_b");
        PurchaseWorkflow workflow = paying(env, worker, client, "p6", 1000, "pi_6");

        assertThat(workflow.clientSecret()).isEqualTo("pi_6_secret_a");
        assertThat(workflow.clientSecret()).isEqualTo("pi_6_secret_b");
    }

    @Test
    void givenNothingToPay_whenClientSecretAsked_thenNone(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        PurchaseWorkflow workflow = started(env, worker, client, "p7", 0);

        assertThat(workflow.clientSecret()).isNull();
        verify(activities, never()).clientSecret(any());
    }

    @Test
    void givenAnActiveSubscription_whenThreeAndOneDayBeforeItsEnd_thenTheBuyerIsRemindedOnDurableTimers(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        PurchaseWorkflow workflow = started(env, worker, client, "p6", 0);
        Await.until(Duration.ofSeconds(5), workflow::status, PurchaseStatus.ACTIVE::equals);

        assertRemindedThreeDaysBeforeTheEnd(env, "p6", Duration.ofDays(57));
        env.sleep(Duration.ofDays(2));
        verify(activities, timeout(5_000)).remindEnding(new EndingReminderInput("p6", 1));
        verify(activities, never()).end(any());

        env.sleep(Duration.ofDays(1));
        assertThat(outcome(workflow)).isEqualTo(PurchaseStatus.EXPIRED);
    }

    @Test
    void givenARenewalPaidBeforeTheCurrentEnd_whenActivated_thenItStartsAtThatEndAndTheSubscriptionEndMoves(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        when(activities.verifiedOutcome("r7")).thenReturn(PaymentOutcome.SUCCEEDED);
        long currentEnd = endOfTheRenewedPurchase(env, worker);
        PurchaseWorkflow renewal = startRenewal(client, worker, "r7", currentEnd);

        renewal.paymentId();
        renewal.paymentReported(PaymentOutcome.SUCCEEDED);

        ActivateInput activated = activated();
        assertThat(activated.startsAtMillis()).isEqualTo(currentEnd);
        assertThat(activated.endsAtMillis())
                .isEqualTo(currentEnd + Duration.ofDays(2 * 30).toMillis());

        // Its own reminders and end follow its own end, 10 + 60 days away, not the renewed purchase's.
        assertRemindedThreeDaysBeforeTheEnd(env, "r7", Duration.ofDays(67));
        verify(activities, never()).end(any());
        env.sleep(Duration.ofDays(3));
        assertThat(outcome(renewal)).isEqualTo(PurchaseStatus.EXPIRED);
        verify(activities).remindEnding(new EndingReminderInput("r7", 1));
        RecordedHistories.recordIfAsked(
                client, WorkflowIds.purchase("r7"), "purchase", "renewal-paid-reminded-expired");
    }

    @Test
    void givenARenewalPaidAfterTheCurrentEnded_whenActivated_thenItStartsWhenPaid(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        when(activities.verifiedOutcome("r8")).thenReturn(PaymentOutcome.SUCCEEDED);
        PurchaseWorkflow renewal = startRenewal(client, worker, "r8", startEnvironment(env, worker));
        renewal.paymentId();
        env.sleep(Duration.ofMinutes(10));

        renewal.paymentReported(PaymentOutcome.SUCCEEDED);

        ActivateInput activated = activated();
        assertThat(activated.startsAtMillis()).isGreaterThan(env.currentTimeMillis() - 60_000);
    }

    @Test
    void givenAnUnpaidRenewal_whenTheDeadlinePasses_thenItEndsWithoutActivatingOrReminding(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        when(activities.cancelPayment("r9")).thenReturn(PaymentOutcome.FAILED);
        long currentEnd = endOfTheRenewedPurchase(env, worker);
        PurchaseWorkflow renewal = startRenewal(client, worker, "r9", currentEnd);

        env.sleep(Duration.ofMinutes(31));

        assertEnded(renewal, "r9", PurchaseStatus.CANCELLED);
        verify(activities, never()).activate(any());
        verify(activities, never()).remindEnding(any());
        RecordedHistories.recordIfAsked(client, WorkflowIds.purchase("r9"), "purchase", "renewal-unpaid");
    }

    /** Stubs the payment the provider creates as {@code paymentId}, then starts a purchase of {@code amount} cents. */
    private PurchaseWorkflow paying(
            TestWorkflowEnvironment env,
            Worker worker,
            WorkflowClient client,
            String purchaseId,
            long amount,
            String paymentId) {
        when(activities.createPayment(any())).thenReturn(paymentId);
        return started(env, worker, client, purchaseId, amount);
    }

    /**
     * Starts a purchase of 10 EUR whose payment the provider creates, waits until it exists, then reports
     * {@code reported} by signal as the webhook would.
     */
    private PurchaseWorkflow paidAndReported(
            TestWorkflowEnvironment env,
            Worker worker,
            WorkflowClient client,
            String purchaseId,
            PaymentOutcome reported) {
        PurchaseWorkflow workflow = paying(env, worker, client, purchaseId, 1000, "pi_" + purchaseId);
        workflow.paymentId();
        workflow.paymentReported(reported);
        return workflow;
    }

    /**
     * Starts a purchase of 10 EUR that nobody pays, checks that nothing is cancelled before its 30-minute deadline, and
     * lets the deadline pass; the provider answers the cancel with {@code cancelAnswer}.
     */
    private PurchaseWorkflow unpaidPastTheDeadline(
            TestWorkflowEnvironment env,
            Worker worker,
            WorkflowClient client,
            String purchaseId,
            PaymentOutcome cancelAnswer) {
        when(activities.cancelPayment(purchaseId)).thenReturn(cancelAnswer);
        PurchaseWorkflow workflow = paying(env, worker, client, purchaseId, 1000, "pi_" + purchaseId);
        env.sleep(Duration.ofMinutes(29));
        verify(activities, never()).cancelPayment(any());
        env.sleep(Duration.ofMinutes(2));
        return workflow;
    }

    /** Starts the environment (see {@link #startEnvironment}) and answers when the purchase a renewal renews ends. */
    private long endOfTheRenewedPurchase(TestWorkflowEnvironment env, Worker worker) {
        return startEnvironment(env, worker) + Duration.ofDays(10).toMillis();
    }

    /**
     * Lets time pass to an hour before {@code reminderIn} from now, when no reminder has come yet, then to an hour after
     * it, when the reminder three days before the end has come.
     */
    private void assertRemindedThreeDaysBeforeTheEnd(
            TestWorkflowEnvironment env, String purchaseId, Duration reminderIn) {
        env.sleep(reminderIn.minusHours(1));
        verify(activities, never()).remindEnding(any());
        env.sleep(Duration.ofHours(2));
        verify(activities, timeout(5_000)).remindEnding(new EndingReminderInput(purchaseId, 3));
    }

    /** What {@code workflow} ended as: waits for its result. */
    private static PurchaseStatus outcome(PurchaseWorkflow workflow) {
        return WorkflowStub.fromTyped(workflow).getResult(PurchaseStatus.class);
    }

    /** Asserts that {@code workflow} ended as {@code status} and released the seat of {@code purchaseId} so. */
    private void assertEnded(PurchaseWorkflow workflow, String purchaseId, PurchaseStatus status) {
        assertThat(outcome(workflow)).isEqualTo(status);
        verify(activities).end(new EndPurchaseInput(purchaseId, status));
    }

    /** The input of the activation, which must come within five seconds. */
    private ActivateInput activated() {
        ArgumentCaptor<ActivateInput> activated = ArgumentCaptor.forClass(ActivateInput.class);
        verify(activities, timeout(5_000)).activate(activated.capture());
        return activated.getValue();
    }

    /** Registers the mocked activities (every payment is "pi_renewal"), starts the environment, answers its time. */
    private long startEnvironment(TestWorkflowEnvironment env, Worker worker) {
        when(activities.createPayment(any())).thenReturn("pi_renewal");
        worker.registerActivitiesImplementations(activities);
        env.start();
        return env.currentTimeMillis();
    }

    /** Starts a renewal of 2 x 30 days for 29.90 EUR of the purchase "p-" + id that ends at {@code renewedEndsAt}. */
    private static PurchaseWorkflow startRenewal(
            WorkflowClient client, Worker worker, String purchaseId, long renewedEndsAt) {
        return start(client, worker, purchaseId, 2990, "p-" + purchaseId, renewedEndsAt);
    }

    /** Registers the mocked activities, starts the environment and a purchase of {@code amount} cents. */
    private PurchaseWorkflow started(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client, String purchaseId, long amount) {
        worker.registerActivitiesImplementations(activities);
        env.start();
        return start(client, worker, purchaseId, amount);
    }

    private static PurchaseWorkflow start(WorkflowClient client, Worker worker, String purchaseId, long amount) {
        return start(client, worker, purchaseId, amount, null, 0);
    }

    /** A purchase of 2 x 30 days with a payment deadline of 30 minutes. */
    private static PurchaseWorkflow start(
            WorkflowClient client,
            Worker worker,
            String purchaseId,
            long amount,
            String renewsPurchaseId,
            long startsNotBeforeMillis) {
        return start(
                client,
                worker,
                new PurchaseInput(
                        purchaseId,
                        "u1",
                        "a1",
                        amount,
                        "EUR",
                        2,
                        30,
                        Duration.ofMinutes(30).toSeconds(),
                        renewsPurchaseId,
                        startsNotBeforeMillis));
    }

    private static PurchaseWorkflow start(WorkflowClient client, Worker worker, PurchaseInput input) {
        PurchaseWorkflow workflow = TestTemporal.newWorkflow(
                client, worker, PurchaseWorkflow.class, WorkflowIds.purchase(input.purchaseId()));
        WorkflowClient.start(workflow::purchase, input);
        return workflow;
    }
}
