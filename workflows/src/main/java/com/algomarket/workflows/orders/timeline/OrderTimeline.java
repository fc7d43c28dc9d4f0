package com.algomarket.workflows.orders.timeline;

import com.algomarket.workflows.orders.OrderInput;
import com.algomarket.workflows.orders.OrderSnapshot;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.RiskDecision;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.ActivityTaskStartedEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.MarkerRecordedEventAttributes;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import io.temporal.internal.common.ProtobufTimeUtils;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An order's life in plain steps, read from its order workflow's history: risk check passed, sent at 07:43:09.024
 * UTC, no answer (connection lost), looked up by client order id, found, not sent again, filled 0.02 at 60,030.00,
 * reconciled, FILLED. It maps the activities of {@link com.algomarket.workflows.orders.OrderActivities} (scheduled on
 * the server, or local activities recorded as markers), their results and failures, and the cancel signal.
 *
 * <p>Payloads are decoded with {@code payloads}, the data converter of the process that holds the payload codec's
 * key. What a step says is chosen here from the decoded facts: quantities, prices, statuses, failure kinds and times.
 * An exchange's error message is read only to tell a lost connection from a timeout, and is never repeated; order
 * workflows carry no credentials at all (their activities load keys themselves).
 */
public final class OrderTimeline {

    static final String CANCEL_SIGNAL = "requestCancel";
    private static final String LOCAL_ACTIVITY_MARKER = "LocalActivity";

    private final DataConverter payloads;
    private final Map<Long, String> activityTypes = new HashMap<>();
    private final List<OrderStep> steps = new ArrayList<>();
    private OrderInput input;
    private BigDecimal filled = BigDecimal.ZERO;
    private OrderStatus lastStatus;
    private boolean cancelAsked;
    private int sends;
    private int emptyLookups;
    /** Whether the last {@link #decode} failed: an answer that was there but could not be read is not an absence. */
    private boolean unreadable;

    private OrderTimeline(DataConverter payloads) {
        this.payloads = payloads;
    }

    /** The steps of one order workflow's history, oldest first. */
    public static List<OrderStep> of(WorkflowExecutionHistory history, DataConverter payloads) {
        return of(List.of(history), payloads);
    }

    /**
     * The steps of every run under an order's workflow id, oldest run first: a trailing stop's run (armed, stop moved,
     * triggered) and then the run it continued as new into, its exit's order workflow.
     */
    public static List<OrderStep> of(List<WorkflowExecutionHistory> runs, DataConverter payloads) {
        List<OrderStep> steps = new ArrayList<>();
        for (WorkflowExecutionHistory run : runs) {
            if (TrailingStopSteps.isTrailingStop(run)) {
                TrailingStopSteps.read(run, payloads, steps);
            } else {
                OrderTimeline timeline = new OrderTimeline(payloads);
                run.getEvents().forEach(timeline::read);
                steps.addAll(timeline.steps);
            }
        }
        return List.copyOf(steps);
    }

    private void read(HistoryEvent event) {
        // Temporal's own conversion: this module reads protobuf types only through Temporal's classes.
        Instant at = ProtobufTimeUtils.toJavaInstant(event.getEventTime());
        switch (event.getEventType()) {
            case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED ->
                input = decode(
                        Optional.of(event.getWorkflowExecutionStartedEventAttributes()
                                .getInput()),
                        OrderInput.class);
            case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED ->
                activityTypes.put(
                        event.getEventId(),
                        event.getActivityTaskScheduledEventAttributes()
                                .getActivityType()
                                .getName());
            case EVENT_TYPE_ACTIVITY_TASK_STARTED -> {
                ActivityTaskStartedEventAttributes started = event.getActivityTaskStartedEventAttributes();
                started(at, activityTypes.get(started.getScheduledEventId()), started);
            }
            case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> {
                var completed = event.getActivityTaskCompletedEventAttributes();
                completed(
                        at,
                        activityTypes.get(completed.getScheduledEventId()),
                        completed.hasResult() ? Optional.of(completed.getResult()) : Optional.empty());
            }
            case EVENT_TYPE_ACTIVITY_TASK_FAILED -> {
                var failed = event.getActivityTaskFailedEventAttributes();
                failed(at, activityTypes.get(failed.getScheduledEventId()), failed.getFailure());
            }
            case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT ->
                timedOut(
                        at,
                        activityTypes.get(
                                event.getActivityTaskTimedOutEventAttributes().getScheduledEventId()));
            case EVENT_TYPE_MARKER_RECORDED -> marker(at, event.getMarkerRecordedEventAttributes());
            case EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED -> signaled(at, event);
            case EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED -> finished(at, event);
            default -> {
                // Workflow tasks, timers, search attributes and the rest are how, not what: no step;
                // a run that ended without an answer (terminated, timed out, failed) says so.
                StepWords.endedWithoutAnswer(event.getEventType())
                        .ifPresent(text -> add(at, OrderStepKind.FINISHED, text, Map.of()));
            }
        }
    }

    private void signaled(Instant at, HistoryEvent event) {
        var signaled = event.getWorkflowExecutionSignaledEventAttributes();
        if (CANCEL_SIGNAL.equals(signaled.getSignalName())) {
            cancelRequested(
                    at,
                    decode(signaled.hasInput() ? Optional.of(signaled.getInput()) : Optional.empty(), String.class));
        }
    }

    private void finished(Instant at, HistoryEvent event) {
        var completed = event.getWorkflowExecutionCompletedEventAttributes();
        OrderStatus status = decode(
                completed.hasResult() ? Optional.of(completed.getResult()) : Optional.empty(), OrderStatus.class);
        add(at, OrderStepKind.FINISHED, StepWords.finalStatus(status), Map.of("status", String.valueOf(status)));
    }

    private void started(Instant at, String activity, ActivityTaskStartedEventAttributes started) {
        Map<String, String> details = new LinkedHashMap<>();
        String retried = "";
        if (started.getAttempt() > 1) {
            // The server records only the attempt that ended, with the failure before it.
            details.put("attempt", Integer.toString(started.getAttempt()));
            String earlier = failureKind(started.getLastFailure()).orElse("a failure");
            details.put("earlierFailure", earlier);
            retried = " (attempt " + started.getAttempt() + ", after " + StepWords.failure(earlier) + ")";
        }
        switch (String.valueOf(activity)) {
            case "Submit" -> {
                sends++;
                String text = (sends == 1 ? "sent at " : "not at the exchange, sent again at ") + StepWords.clock(at);
                add(at, OrderStepKind.SENT, text + retried, details);
            }
            case "Lookup" -> add(at, OrderStepKind.LOOKED_UP, "looked up by client order id" + retried, details);
            case "Cancel" -> {
                String why = cancelAsked || input == null
                        ? "cancel sent at "
                        : "not done within " + input.timeoutSeconds() + " s, cancel sent at ";
                add(at, OrderStepKind.CANCEL_SENT, why + StepWords.clock(at) + retried, details);
            }
            default -> {
                // Database steps and polls: their results tell the story, not their start.
            }
        }
    }

    private void completed(Instant at, String activity, Optional<Payloads> result) {
        switch (String.valueOf(activity)) {
            case "CheckRisk" -> risk(at, decode(result, RiskDecision.class));
            case "RecordIntent" -> recorded(at);
            case "CheckRiskAndRecordIntent" -> riskAndIntent(at, decode(result, RiskDecision.class));
            case "Submit" -> {
                OrderSnapshot accepted = decode(result, OrderSnapshot.class);
                add(at, OrderStepKind.ACCEPTED, "accepted by the exchange", Map.of());
                progress(at, accepted);
            }
            case "Lookup" -> {
                OrderSnapshot found = decode(result, OrderSnapshot.class);
                if (!unreadable) {
                    lookedUp(at, found);
                }
            }
            case "Poll", "Cancel" -> progress(at, decode(result, OrderSnapshot.class));
            case "Reconcile" -> reconciled(at, decode(result, OrderSnapshot.class));
            default -> {
                // Record writes the database: what it writes is already told by the step before it.
            }
        }
    }

    private void failed(Instant at, String activity, Failure failure) {
        String kind = failureKind(failure).orElse("FAILED");
        Map<String, String> details = Map.of("failure", kind);
        if ("Submit".equals(activity)) {
            switch (kind) {
                case "UNKNOWN" -> add(at, OrderStepKind.NO_ANSWER, "no answer (" + lostHow(failure) + ")", details);
                case "REJECTED" -> add(at, OrderStepKind.REJECTED, "rejected by the exchange", details);
                default -> add(at, OrderStepKind.NOT_SENT, "not sent: " + StepWords.failure(kind), details);
            }
        } else if (activity != null && !activity.startsWith("Record")) {
            add(at, OrderStepKind.NOT_SENT, StepWords.call(activity) + " failed: " + StepWords.failure(kind), details);
        }
    }

    private void timedOut(Instant at, String activity) {
        if ("Submit".equals(activity)) {
            add(at, OrderStepKind.NO_ANSWER, "no answer within the time allowed", Map.of("failure", "TIMEOUT"));
        }
    }

    private void marker(Instant at, MarkerRecordedEventAttributes marker) {
        if (!LOCAL_ACTIVITY_MARKER.equals(marker.getMarkerName()) || marker.hasFailure()) {
            // Version markers are how; a failed local activity was retried until it answered, or ended the workflow.
            return;
        }
        Map<String, Payloads> details = marker.getDetailsMap();
        String type = decode(Optional.ofNullable(details.get("type")), String.class);
        Optional<Payloads> result = Optional.ofNullable(details.get("result"));
        switch (String.valueOf(type)) {
            case "CheckRisk" -> risk(at, decode(result, RiskDecision.class));
            case "RecordIntent" -> recorded(at);
            case "CheckRiskAndRecordIntent" -> riskAndIntent(at, decode(result, RiskDecision.class));
            case "StoppedByKill" -> {
                if (Boolean.TRUE.equals(decode(result, Boolean.class)) && !cancelAsked) {
                    cancelAsked = true;
                    add(at, OrderStepKind.CANCEL_REQUESTED, "your portfolio was killed: cancelling", Map.of());
                }
            }
            default -> {
                // No other local activity belongs to an order's story.
            }
        }
    }

    private void risk(Instant at, RiskDecision decision) {
        if (decision == null) {
            // Not readable (see decode): the steps after it tell whether the order went on.
            return;
        }
        if (decision.approved()) {
            add(at, OrderStepKind.RISK_CHECK_PASSED, "risk check passed", Map.of());
        } else {
            // The reason is the risk policy's own sentence about the user's own portfolio.
            String reason = decision.reason() == null ? "" : ": " + decision.reason();
            add(at, OrderStepKind.RISK_CHECK_REFUSED, "refused by the risk check" + reason, Map.of());
        }
    }

    /** The one pre-trade step of version 2 of the order workflow: the check, and the intent of an approved order. */
    private void riskAndIntent(Instant at, RiskDecision decision) {
        risk(at, decision);
        if (decision != null && decision.approved()) {
            recorded(at);
        }
    }

    private void recorded(Instant at) {
        add(at, OrderStepKind.RECORDED, "recorded before anything was sent", Map.of());
    }

    private void lookedUp(Instant at, OrderSnapshot found) {
        if (found == null) {
            emptyLookups++;
            add(
                    at,
                    OrderStepKind.NOT_FOUND,
                    emptyLookups % 2 == 1 ? "not found yet, looking again shortly" : "not found, safe to send again",
                    Map.of());
            return;
        }
        emptyLookups = 0;
        add(at, OrderStepKind.FOUND, "found, not sent again", Map.of());
        progress(at, found);
    }

    /** A step for what changed since the exchange's last answer: more filled, or a final status. */
    private void progress(Instant at, OrderSnapshot snapshot) {
        if (snapshot == null) {
            return;
        }
        BigDecimal quantity = snapshot.filledQuantity() == null ? BigDecimal.ZERO : snapshot.filledQuantity();
        if (quantity.compareTo(filled) > 0) {
            filled = quantity;
            boolean whole = snapshot.status() == OrderStatus.FILLED;
            add(
                    at,
                    whole ? OrderStepKind.FILLED : OrderStepKind.PARTIALLY_FILLED,
                    (whole ? "filled " : "partially filled ") + StepWords.fill(quantity, snapshot.averagePrice()),
                    StepWords.fillDetails(quantity, snapshot.averagePrice()));
        }
        if (snapshot.status() != lastStatus) {
            lastStatus = snapshot.status();
            switch (snapshot.status()) {
                case CANCELLED -> add(at, OrderStepKind.CANCELLED, "cancelled at the exchange", Map.of());
                case EXPIRED -> add(at, OrderStepKind.EXPIRED, "expired at the exchange", Map.of());
                case REJECTED -> add(at, OrderStepKind.REJECTED, "rejected by the exchange", Map.of());
                default -> {
                    // Open statuses and FILLED: the fill step above told it.
                }
            }
        }
    }

    private void reconciled(Instant at, OrderSnapshot settled) {
        progress(at, settled);
        if (unreadable) {
            add(at, OrderStepKind.RECONCILED, "reconciled with the exchange", Map.of());
        } else if (settled == null
                || settled.filledQuantity() == null
                || settled.filledQuantity().signum() == 0) {
            add(at, OrderStepKind.RECONCILED, "reconciled with the exchange: nothing filled", Map.of());
        } else {
            add(
                    at,
                    OrderStepKind.RECONCILED,
                    "reconciled with the exchange: " + StepWords.fill(settled.filledQuantity(), settled.averagePrice()),
                    StepWords.fillDetails(settled.filledQuantity(), settled.averagePrice()));
        }
    }

    private void cancelRequested(Instant at, String reason) {
        if (cancelAsked) {
            return;
        }
        cancelAsked = true;
        add(at, OrderStepKind.CANCEL_REQUESTED, StepWords.cancelReason(reason), Map.of());
    }

    /** The ApplicationFailure type (an ExchangeFailure name), in clear in the history even with an encoding codec. */
    private static Optional<String> failureKind(Failure failure) {
        for (Failure cause = failure; cause != null; cause = cause.hasCause() ? cause.getCause() : null) {
            if (cause.hasApplicationFailureInfo()
                    && !cause.getApplicationFailureInfo().getType().isEmpty()) {
                return Optional.of(cause.getApplicationFailureInfo().getType());
            }
            if (cause.hasTimeoutFailureInfo()) {
                return Optional.of("TIMEOUT");
            }
        }
        return Optional.empty();
    }

    /** How an answer was lost, from the decoded failure message, in this class's own words only. */
    private String lostHow(Failure failure) {
        String message;
        try {
            message = String.valueOf(payloads.failureToException(failure).getMessage());
        } catch (RuntimeException undecodable) {
            return "the outcome is unknown";
        }
        if (message.contains("connection lost")) {
            return "connection lost";
        }
        if (message.contains("no answer in time")) {
            return "timed out";
        }
        return message.contains("answered HTTP 5")
                ? "the exchange answered with a server error"
                : "the outcome is unknown";
    }

    /**
     * The payload's value, or null when there is none or it cannot be read: a payload encrypted with a key since
     * rotated out of the keyset loses its facts (quantities, prices), not the whole timeline.
     */
    private <T> T decode(Optional<Payloads> payload, Class<T> type) {
        unreadable = false;
        if (payload.isEmpty() || payload.get().getPayloadsCount() == 0) {
            return null;
        }
        try {
            return payloads.fromPayloads(0, payload, type, type);
        } catch (RuntimeException e) {
            unreadable = true;
            return null;
        }
    }

    private void add(Instant at, OrderStepKind kind, String text, Map<String, String> details) {
        steps.add(new OrderStep(at, kind, text, details));
    }
}
