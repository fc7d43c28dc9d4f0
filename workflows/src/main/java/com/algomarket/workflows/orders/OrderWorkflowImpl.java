package com.algomarket.workflows.orders;

import static com.algomarket.workflows.common.ActivityStubOptions.attempts;
import static com.algomarket.workflows.common.ActivityStubOptions.attemptsUntil;
import static com.algomarket.workflows.common.ActivityStubOptions.localAttemptsUntil;
import static com.algomarket.workflows.common.ActivityStubOptions.retryBetween;
import static com.algomarket.workflows.common.ActivityStubOptions.retryWithBackoff;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;

import com.algomarket.workflows.common.SearchAttributeKeys;
import com.algomarket.workflows.common.TaskQueues;
import com.algomarket.workflows.exchange.ExchangeFailure;
import com.algomarket.workflows.notifications.NotificationActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.math.BigDecimal;
import java.time.Duration;

public class OrderWorkflowImpl implements OrderWorkflow {

    /** How often the exchange is asked about an open order, at first and at most. */
    static final Duration FIRST_POLL = ofSeconds(1);

    static final Duration MAX_POLL = ofSeconds(30);
    /**
     * After an UNKNOWN outcome the order is looked up twice, this far apart, before it is taken as absent: an exchange
     * may list an order a moment after accepting it.
     */
    static final Duration LOOKUP_SETTLE = ofSeconds(5);

    // Database steps: retried until they succeed, the order's record must not be lost.
    private final OrderActivities database = Workflow.newActivityStub(
            OrderActivities.class, attempts(ofSeconds(10), retryBetween(ofMillis(200), ofSeconds(30))));

    // Placing: rate limits and unavailability are retried with backoff (nothing was accepted); REJECTED and AUTH are
    // final; UNKNOWN must not be retried blindly, the workflow looks the order up first.
    private final OrderActivities placing = Workflow.newActivityStub(
            OrderActivities.class,
            attempts(
                    ofSeconds(30),
                    retryWithBackoff(
                            ofSeconds(1),
                            2.0,
                            ofMinutes(1),
                            ExchangeFailure.REJECTED.name(),
                            ExchangeFailure.AUTH.name(),
                            ExchangeFailure.UNKNOWN.name())));

    // Reads (lookup, poll, reconcile) and cancels: every failure but AUTH is worth another try; a cancel is idempotent.
    private final OrderActivities following = Workflow.newActivityStub(
            OrderActivities.class,
            attempts(ofSeconds(30), retryWithBackoff(ofSeconds(1), 2.0, ofMinutes(1), ExchangeFailure.AUTH.name())));

    /**
     * Version 1 runs the risk check and the intent as local activities: short database steps (and one balance read)
     * that need no round trip through the task queue, which takes two dispatches off the signal-to-order path.
     * Histories recorded before it replay through ordinary activities.
     */
    static final String LOCAL_RISK_AND_INTENT = "local-risk-and-intent";

    /**
     * Version 2 of {@value #LOCAL_RISK_AND_INTENT}: the risk check and the intent are one local activity, one database
     * transaction against the portfolio's ledger, and read the free balance the account stream keeps (the exchange
     * only where no stream vouches for it). Histories of versions 1 and 0 replay through their two steps.
     */
    static final int ONE_RISK_AND_INTENT_STEP = 2;

    /**
     * Version 1 asks the database, each time the workflow wakes while it follows an open order, whether its portfolio
     * was killed, and cancels the order by itself if so: the kill switch's cancel signal is best effort, and an order
     * whose signal was lost must not rest at the exchange until its own timeout. Histories recorded before it have no
     * such step and replay without it.
     */
    static final String CANCEL_WHEN_KILLED = "cancel-when-killed";

    /**
     * Version 1 waits for the account stream's execution signals after the submit instead of polling, for an order
     * whose input says a stream follows its connection ({@link OrderInput#followedByStream()}); others poll as
     * before and take no version marker. Histories recorded before it never wait.
     */
    static final String WAIT_FOR_EXECUTIONS = "wait-for-executions";

    /** The reason an order records when it cancels itself for its killed portfolio. */
    static final String KILLED_REASON = "kill switch: portfolio KILLED";

    // A local activity with neither a schedule-to-close timeout nor a maximum of attempts is not retried at all
    // (the SDK reads that as "no retry policy"): the deadline is what makes these retry. An order not even recorded
    // after five minutes was never sent, and is stale by then.
    private final OrderActivities localDatabase = Workflow.newLocalActivityStub(
            OrderActivities.class,
            localAttemptsUntil(ofSeconds(10), ofMinutes(5), retryBetween(ofMillis(200), ofSeconds(30))));

    /**
     * Version 1 tells the order's owner how it ended (by email and webhook, as they chose) once its final status is
     * recorded. Histories recorded before it end at the record and replay without the notice.
     */
    static final String NOTIFY_OWNER = "notify-owner";

    /**
     * How long the notice of the order's end is tried. The order's outcome is recorded already and does not wait on
     * it: a notice that cannot be handed over within the hour is logged and dropped rather than keep the order open.
     */
    static final Duration NOTICE_DEADLINE = ofHours(1);

    // On the notifications task queue, whose workers hold the notification activities.
    private final NotificationActivities notifications = Workflow.newActivityStub(
            NotificationActivities.class,
            ActivityOptions.newBuilder(
                            attemptsUntil(ofSeconds(30), NOTICE_DEADLINE, retryBetween(ofSeconds(1), ofMinutes(1))))
                    .setTaskQueue(TaskQueues.NOTIFICATIONS)
                    .build());

    // Settling from what the stream recorded reads only the database: retried like the other database steps.
    private final OrderStreamActivities streamRecords = Workflow.newActivityStub(
            OrderStreamActivities.class, attempts(ofSeconds(10), retryBetween(ofMillis(200), ofSeconds(30))));

    private final ReceivedExecutions received = new ReceivedExecutions();
    private String exchangeOrderId;
    private OrderStatus status = OrderStatus.NEW;
    private BigDecimal lastFilled;
    private String cancelReason;
    private boolean cancelSent;
    private boolean lookUpAsked; // set by lookUpNow only: histories without that signal wake and replay as before

    @Override
    public OrderStatus run(OrderInput input) {
        upsertStatus(OrderStatus.NEW);
        RiskDecision risk = checkRiskAndRecordIntent(input);
        if (!risk.approved()) {
            // Recorded with its reason, never sent.
            return finish(input, null, OrderStatus.REJECTED, null, null, "risk check: " + risk.reason());
        }

        OrderSnapshot snapshot;
        try {
            snapshot = submitOnce(input);
        } catch (ActivityFailure failure) {
            return finish(input, null, OrderStatus.REJECTED, null, null, reason(failure));
        }
        if (snapshot == null) {
            // Cancelled before the exchange ever had it.
            return finish(input, null, OrderStatus.CANCELLED, null, null, cancelReason);
        }
        exchangeOrderId = snapshot.exchangeOrderId();
        OrderSnapshot settled;
        if (input.followedByStream()
                && Workflow.getVersion(WAIT_FOR_EXECUTIONS, Workflow.DEFAULT_VERSION, 1) != Workflow.DEFAULT_VERSION) {
            snapshot = awaitExecutions(input, snapshot);
            settled = streamRecords.settleFromStream(input, snapshot);
            if (settled == null) {
                // The stream did not record every trade the order made: the exchange's own fills settle it.
                settled = following.reconcile(input, exchangeOrderId);
            }
        } else {
            snapshot = follow(input, snapshot);
            settled = following.reconcile(input, exchangeOrderId);
        }
        return finish(
                input,
                exchangeOrderId,
                settled.status(),
                settled.filledQuantity(),
                settled.averagePrice(),
                snapshot.status() == OrderStatus.CANCELLED ? cancelReason : null);
    }

    private RiskDecision checkRiskAndRecordIntent(OrderInput input) {
        int version = Workflow.getVersion(LOCAL_RISK_AND_INTENT, Workflow.DEFAULT_VERSION, ONE_RISK_AND_INTENT_STEP);
        if (version == ONE_RISK_AND_INTENT_STEP) {
            return localDatabase.checkRiskAndRecordIntent(input);
        }
        OrderActivities preparing = version == Workflow.DEFAULT_VERSION ? database : localDatabase;
        RiskDecision risk = preparing.checkRisk(input);
        preparing.recordIntent(input);
        return risk;
    }

    /**
     * Sends the order until the exchange has it exactly once. On UNKNOWN the order may exist: it is looked up under
     * its client order id (twice, {@link #LOOKUP_SETTLE} apart) and only resubmitted when it is not there.
     * Answers null when a cancel arrived before anything reached the exchange.
     */
    private OrderSnapshot submitOnce(OrderInput input) {
        while (true) {
            if (cancelReason != null) {
                return null;
            }
            try {
                OrderSnapshot placed = placing.submit(input);
                record(input, placed);
                return placed;
            } catch (ActivityFailure failure) {
                if (!isFailure(failure, ExchangeFailure.UNKNOWN)) {
                    throw failure;
                }
            }
            OrderSnapshot found = following.lookup(input);
            if (found == null) {
                Workflow.sleep(LOOKUP_SETTLE);
                found = following.lookup(input);
            }
            if (found != null) {
                record(input, found);
                return found;
            }
            // Not at the exchange after all: sending it again cannot make a second order.
        }
    }

    /** Polls with backoff until the order is final, cancelling once at its timeout or on request. */
    private OrderSnapshot follow(OrderInput input, OrderSnapshot snapshot) {
        boolean checksKill =
                Workflow.getVersion(CANCEL_WHEN_KILLED, Workflow.DEFAULT_VERSION, 1) != Workflow.DEFAULT_VERSION;
        long deadline =
                Workflow.currentTimeMillis() + ofSeconds(input.timeoutSeconds()).toMillis();
        Duration wait = FIRST_POLL;
        while (!snapshot.status().isFinal()) {
            long untilTimeout = deadline - Workflow.currentTimeMillis();
            if (!cancelSent && (untilTimeout <= 0 || cancelReason != null)) {
                if (cancelReason == null) {
                    cancelReason = "timed out after " + input.timeoutSeconds() + " s";
                }
                // A cancel request never makes the order cancelled by itself: the exchange's answer does.
                snapshot = following.cancel(input, snapshot.exchangeOrderId());
                cancelSent = true;
                record(input, snapshot);
                continue;
            }
            Duration sleep = cancelSent || untilTimeout <= 0 ? wait : ofMillis(Math.min(wait.toMillis(), untilTimeout));
            Workflow.await(sleep, () -> (cancelReason != null && !cancelSent) || lookUpAsked);
            if (checksKill && cancelReason == null && portfolioKilled(input)) {
                // The top of the loop sends the cancel, as it would have for the kill switch's signal.
                cancelReason = KILLED_REASON;
                continue;
            }
            lookUpAsked = false;
            snapshot = following.poll(input, snapshot.exchangeOrderId());
            record(input, snapshot);
            wait = wait.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : wait.multipliedBy(2);
        }
        return snapshot;
    }

    /**
     * Waits for the account stream's signals until the order is final, cancelling once at its timeout or on request as
     * {@link #follow} does. The exchange is asked only when nothing arrived for the input's safety interval (the
     * stream and its catch-up reads should have said everything; this catches what they could not), sooner after a
     * cancel the exchange did not confirm at once, and at once when reconciliation found the order final (lookUpNow).
     * An order the submit answer already reports final (a market order filled at once) is not waited for at all.
     */
    private OrderSnapshot awaitExecutions(OrderInput input, OrderSnapshot snapshot) {
        boolean checksKill =
                Workflow.getVersion(CANCEL_WHEN_KILLED, Workflow.DEFAULT_VERSION, 1) != Workflow.DEFAULT_VERSION;
        long safety = ofSeconds(input.safetyLookupSeconds()).toMillis();
        long deadline =
                Workflow.currentTimeMillis() + ofSeconds(input.timeoutSeconds()).toMillis();
        long lookupAt = Workflow.currentTimeMillis() + safety;
        while (true) {
            snapshot = received.applyTo(snapshot, input.quantity());
            record(input, snapshot);
            if (snapshot.status().isFinal()) {
                return snapshot;
            }
            long now = Workflow.currentTimeMillis();
            if (!cancelSent && (deadline <= now || cancelReason != null)) {
                if (cancelReason == null) {
                    cancelReason = "timed out after " + input.timeoutSeconds() + " s";
                }
                snapshot = following.cancel(input, snapshot.exchangeOrderId());
                cancelSent = true;
                // The stream reports the cancel too; should neither answer arrive, the exchange is asked soon.
                lookupAt = Math.min(lookupAt, now + MAX_POLL.toMillis());
                continue;
            }
            if (lookupAt <= now || lookUpAsked) {
                lookUpAsked = false;
                snapshot = following.poll(input, snapshot.exchangeOrderId());
                lookupAt = now + safety;
                continue;
            }
            int seen = received.changes();
            Workflow.await(
                    ofMillis(cancelSent ? lookupAt - now : Math.min(lookupAt, deadline) - now),
                    () -> received.changes() != seen || (cancelReason != null && !cancelSent) || lookUpAsked);
            if (checksKill && cancelReason == null && portfolioKilled(input)) {
                cancelReason = KILLED_REASON;
            }
        }
    }

    /**
     * Asks the database whether the portfolio was killed. A failed read is no answer: the order is followed on, as it
     * was before the check existed, and the next wake asks again.
     */
    private boolean portfolioKilled(OrderInput input) {
        try {
            return localDatabase.stoppedByKill(input);
        } catch (ActivityFailure failure) {
            Workflow.getLogger(OrderWorkflowImpl.class)
                    .warn(
                            "Could not read whether order {}'s portfolio was killed: {}",
                            input.orderId(),
                            reason(failure));
            return false;
        }
    }

    @Override
    public void requestCancel(String reason) {
        if (cancelReason == null) {
            cancelReason = reason == null || reason.isBlank() ? "cancelled on request" : reason;
        }
    }

    @Override
    public void execution(OrderExecution execution) {
        received.add(execution, exchangeOrderId);
    }

    @Override
    public void lookUpNow(String reason) {
        lookUpAsked = true; // the reason stays in the history's signal event
    }

    @Override
    public OrderStatus status() {
        return status;
    }

    /** Records a change of status (or of the filled quantity); repeated polls of an unchanged order record nothing. */
    private void record(OrderInput input, OrderSnapshot snapshot) {
        OrderStatus next = snapshot.status() == OrderStatus.NEW ? OrderStatus.PENDING : snapshot.status();
        if (next == status && lastFilled != null && lastFilled.compareTo(snapshot.filledQuantity()) == 0) {
            return;
        }
        lastFilled = snapshot.filledQuantity();
        database.record(new OrderUpdate(
                input.orderId(),
                next,
                snapshot.exchangeOrderId(),
                snapshot.filledQuantity(),
                snapshot.averagePrice(),
                null,
                false));
        upsertStatus(next);
    }

    private OrderStatus finish(
            OrderInput input,
            String exchangeOrderId,
            OrderStatus finalStatus,
            BigDecimal filled,
            BigDecimal averagePrice,
            String reason) {
        database.record(
                new OrderUpdate(input.orderId(), finalStatus, exchangeOrderId, filled, averagePrice, reason, true));
        upsertStatus(finalStatus);
        if (Workflow.getVersion(NOTIFY_OWNER, Workflow.DEFAULT_VERSION, 1) != Workflow.DEFAULT_VERSION) {
            tellOwner(input);
        }
        return finalStatus;
    }

    /** The owner's notice of the order's end; its failure changes nothing about the order. */
    private void tellOwner(OrderInput input) {
        try {
            notifications.orderEnded(input.orderId());
        } catch (ActivityFailure failure) {
            Workflow.getLogger(OrderWorkflowImpl.class)
                    .warn("Could not notify the owner of order {}: {}", input.orderId(), reason(failure));
        }
    }

    private void upsertStatus(OrderStatus next) {
        status = next;
        Workflow.upsertTypedSearchAttributes(SearchAttributeKeys.ORDER_STATUS.valueSet(next.name()));
    }

    private static boolean isFailure(ActivityFailure failure, ExchangeFailure type) {
        return failure.getCause() instanceof ApplicationFailure cause
                && type.name().equals(cause.getType());
    }

    private static String reason(ActivityFailure failure) {
        return failure.getCause() instanceof ApplicationFailure cause
                ? cause.getType() + ": " + cause.getOriginalMessage()
                : failure.getMessage();
    }
}
