package com.algomarket.workflows.purchases;

import static com.algomarket.workflows.common.ActivityStubOptions.attempts;
import static com.algomarket.workflows.common.ActivityStubOptions.retryAtMost;
import static com.algomarket.workflows.common.ActivityStubOptions.retryWithBackoff;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;

import com.algomarket.workflows.common.SearchAttributeKeys;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.onboarding.OnboardingWorkflow;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;

public class PurchaseWorkflowImpl implements PurchaseWorkflow {

    private static final long DAY_MILLIS = ofDays(1).toMillis();

    // Payment and database calls are retried until they succeed: giving up would leave a seat reserved or a payment
    // dangling. Stripe calls carry the purchase id as idempotency key, so a retry never charges twice.
    private final PurchaseActivities activities = Workflow.newActivityStub(
            PurchaseActivities.class, attempts(ofSeconds(30), retryWithBackoff(ofSeconds(1), 2.0, ofMinutes(1))));

    // A buyer's REST request waits for the client secret, so a provider that does not answer fails it within seconds;
    // the buyer can ask again (GET /purchases/{id}).
    private final PurchaseActivities clientSecrets =
            Workflow.newActivityStub(PurchaseActivities.class, attempts(ofSeconds(10), retryAtMost(2, ofMillis(500))));

    /**
     * Version 1 takes the payment's outcome only from {@link PurchaseActivities#verifiedOutcome}, the stored events the
     * webhook verified: whoever can reach Temporal can send {@code paymentReported}, so the signal only says "look
     * again". Histories recorded before it keep the signal's content.
     */
    static final String VERIFIED_PAYMENT = "verified-payment";

    /**
     * Version 1 starts a renewal when the purchase it renews ends ({@link PurchaseInput#startsNotBeforeMillis}) and
     * reminds the buyer {@link #REMINDER_DAYS_LEFT} days before the end on durable timers. Histories recorded before
     * it keep their single timer from payment to end.
     */
    static final String RENEWALS_AND_REMINDERS = "renewals-and-reminders";

    /** The ending reminders, in days before the end, earliest first. */
    static final int[] REMINDER_DAYS_LEFT = {3, 1};

    private PurchaseStatus status = PurchaseStatus.AWAITING_PAYMENT;
    private String paymentId;
    private PaymentOutcome reportedOutcome;
    private int reports;

    @Override
    public PurchaseStatus purchase(PurchaseInput input) {
        Workflow.upsertTypedSearchAttributes(SearchAttributeKeys.ALGORITHM_ID.valueSet(input.algorithmId()));
        if (input.amountMinor() > 0) {
            paymentId = activities.createPayment(
                    new CreatePaymentInput(input.purchaseId(), input.amountMinor(), input.currency()));
            PaymentOutcome outcome;
            boolean reported;
            if (Workflow.getVersion(VERIFIED_PAYMENT, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
                reported = Workflow.await(ofSeconds(input.paymentDeadlineSeconds()), () -> reportedOutcome != null);
                outcome = reportedOutcome;
            } else {
                outcome = awaitVerifiedOutcome(input);
                reported = outcome != null;
            }
            if (!reported) {
                outcome = activities.cancelPayment(input.purchaseId());
            }
            if (outcome == PaymentOutcome.FAILED) {
                return end(input, reported ? PurchaseStatus.PAYMENT_FAILED : PurchaseStatus.CANCELLED);
            }
        } else {
            paymentId = "";
        }
        if (Workflow.getVersion(RENEWALS_AND_REMINDERS, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
            long startsAt = Workflow.currentTimeMillis();
            long endsAt = startsAt + (long) input.periods() * input.periodDays() * DAY_MILLIS;
            activities.activate(new ActivateInput(input.purchaseId(), startsAt, endsAt));
            status = PurchaseStatus.ACTIVE;
            tellOnboarding(input);
            Workflow.sleep(ofMillis(endsAt - startsAt));
            return end(input, PurchaseStatus.EXPIRED);
        }
        // A renewal paid before the purchase it renews ends starts at that end, so the subscription has no gap; one
        // paid later starts when it is paid.
        long startsAt = Math.max(Workflow.currentTimeMillis(), input.startsNotBeforeMillis());
        long endsAt = startsAt + (long) input.periods() * input.periodDays() * DAY_MILLIS;
        activities.activate(new ActivateInput(input.purchaseId(), startsAt, endsAt));
        status = PurchaseStatus.ACTIVE;
        if (input.renewsPurchaseId() == null) {
            tellOnboarding(input);
        }
        for (int daysLeft : REMINDER_DAYS_LEFT) {
            long remindAt = endsAt - daysLeft * DAY_MILLIS;
            // A subscription shorter than the lead gets no reminder before it has even started.
            if (remindAt >= startsAt && sleepUntil(remindAt)) {
                activities.remindEnding(new EndingReminderInput(input.purchaseId(), daysLeft));
            }
        }
        sleepUntil(endsAt);
        return end(input, PurchaseStatus.EXPIRED);
    }

    /** Sleeps on a durable timer until {@code epochMillis}; false when that moment had passed already. */
    private static boolean sleepUntil(long epochMillis) {
        long left = epochMillis - Workflow.currentTimeMillis();
        if (left < 0) {
            return false;
        }
        if (left > 0) {
            Workflow.sleep(ofMillis(left));
        }
        return true;
    }

    /**
     * Waits until the deadline for a report that the stored, verified events confirm; answers null when none did. A
     * report the events do not confirm (a forged signal, or one that raced the webhook's write) is ignored.
     */
    private PaymentOutcome awaitVerifiedOutcome(PurchaseInput input) {
        long deadline = Workflow.currentTimeMillis()
                + ofSeconds(input.paymentDeadlineSeconds()).toMillis();
        int handled = 0;
        while (true) {
            long left = deadline - Workflow.currentTimeMillis();
            int seen = handled;
            if (left <= 0 || !Workflow.await(ofMillis(left), () -> reports > seen)) {
                return null;
            }
            handled = reports;
            PaymentOutcome verified = activities.verifiedOutcome(input.purchaseId());
            if (verified != null) {
                return verified;
            }
        }
    }

    /** A first purchase completes the BUY_ALGORITHM step; for a user who has finished onboarding it is nothing. */
    private static void tellOnboarding(PurchaseInput input) {
        try {
            Workflow.newExternalWorkflowStub(OnboardingWorkflow.class, WorkflowIds.onboarding(input.userId()))
                    .purchaseActivated(input.purchaseId());
        } catch (ApplicationFailure failure) {
            // The SDK reports a signal to a workflow that has completed (or never existed) this way.
            if (!failure.getType().endsWith("EXTERNAL_WORKFLOW_EXECUTION_NOT_FOUND")) {
                throw failure;
            }
        }
    }

    private PurchaseStatus end(PurchaseInput input, PurchaseStatus finalStatus) {
        activities.end(new EndPurchaseInput(input.purchaseId(), finalStatus));
        status = finalStatus;
        return finalStatus;
    }

    @Override
    public String paymentId() {
        Workflow.await(() -> paymentId != null);
        return paymentId;
    }

    @Override
    public String clientSecret() {
        String payment = paymentId();
        return payment.isEmpty() ? null : clientSecrets.clientSecret(payment);
    }

    @Override
    public void paymentReported(PaymentOutcome reported) {
        // Before VERIFIED_PAYMENT the first report decides; Stripe may deliver a later, contradicting or repeated event
        // out of order. From it on every report makes the workflow read the verified outcome again.
        reports++;
        if (reportedOutcome == null) {
            reportedOutcome = reported;
        }
    }

    @Override
    public PurchaseStatus status() {
        return status;
    }
}
