package com.algomarket.workflows.orders.timeline;

import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.orders.trailing.TrailingFollowed;
import com.algomarket.workflows.orders.trailing.TrailingStop;
import com.algomarket.workflows.orders.trailing.TrailingStopInput;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import io.temporal.internal.common.ProtobufTimeUtils;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The steps of a trailing stop's own run, before it continues as new into its exit's order workflow: armed (or
 * waiting for its activation price), each stretch of following that moved the stop, triggered when the price crossed
 * it, or how it ended uncrossed (a cancel, a kill, its timeout). The stop moves within a stretch are kept in the
 * following activity's heartbeat, not in the history: a stretch's step tells where the stop stood when it ended.
 */
final class TrailingStopSteps {

    static final String WORKFLOW_TYPE = "TrailingStopWorkflow";

    private final DataConverter payloads;
    private final List<OrderStep> steps;
    private TrailingStopInput input;
    private BigDecimal toldStop;
    private boolean toldArmed;
    private boolean cancelAsked;

    private TrailingStopSteps(DataConverter payloads, List<OrderStep> steps) {
        this.payloads = payloads;
        this.steps = steps;
    }

    /** Whether the run is a trailing stop's, from its first event's workflow type. */
    static boolean isTrailingStop(WorkflowExecutionHistory run) {
        List<HistoryEvent> events = run.getEvents();
        return !events.isEmpty()
                && events.getFirst().hasWorkflowExecutionStartedEventAttributes()
                && WORKFLOW_TYPE.equals(events.getFirst()
                        .getWorkflowExecutionStartedEventAttributes()
                        .getWorkflowType()
                        .getName());
    }

    /** Appends the steps of one run of {@code TrailingStopWorkflow} to {@code steps}. */
    static void read(WorkflowExecutionHistory run, DataConverter payloads, List<OrderStep> steps) {
        TrailingStopSteps reader = new TrailingStopSteps(payloads, steps);
        run.getEvents().forEach(reader::read);
    }

    private void read(HistoryEvent event) {
        Instant at = ProtobufTimeUtils.toJavaInstant(event.getEventTime());
        switch (event.getEventType()) {
            case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED -> {
                var started = event.getWorkflowExecutionStartedEventAttributes();
                input = decode(
                        started.hasInput() ? Optional.of(started.getInput()) : Optional.empty(),
                        TrailingStopInput.class);
                set(at);
            }
            case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> {
                // Follow is the one activity of a trailing stop that answers something (Record answers nothing); a
                // result of any other shape reads as no state, and tells nothing.
                var completed = event.getActivityTaskCompletedEventAttributes();
                if (completed.hasResult()) {
                    followed(at, decode(Optional.of(completed.getResult()), TrailingFollowed.class));
                }
            }
            case EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED -> {
                var signaled = event.getWorkflowExecutionSignaledEventAttributes();
                if (OrderTimeline.CANCEL_SIGNAL.equals(signaled.getSignalName()) && !cancelAsked) {
                    cancelAsked = true;
                    String reason = decode(
                            signaled.hasInput() ? Optional.of(signaled.getInput()) : Optional.empty(), String.class);
                    add(at, OrderStepKind.CANCEL_REQUESTED, StepWords.cancelReason(reason), Map.of());
                }
            }
            case EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED -> {
                var completed = event.getWorkflowExecutionCompletedEventAttributes();
                OrderStatus status = decode(
                        completed.hasResult() ? Optional.of(completed.getResult()) : Optional.empty(),
                        OrderStatus.class);
                String text = StepWords.finalStatus(status) + ", nothing was sent to the exchange";
                add(at, OrderStepKind.FINISHED, text, Map.of("status", String.valueOf(status)));
            }
            default -> {
                // Continued as new once triggered: the exit's order workflow tells the rest. Tasks are how, not what;
                // a run that ended without an answer (terminated, timed out, failed) says so.
                StepWords.endedWithoutAnswer(event.getEventType())
                        .ifPresent(text -> add(at, OrderStepKind.FINISHED, text, Map.of()));
            }
        }
    }

    /** The first step: the trailing distance, and the price that arms it when there is one. */
    private void set(Instant at) {
        if (input == null) {
            add(at, OrderStepKind.TRAILING_STOP_SET, "trailing stop set at " + StepWords.clock(at), Map.of());
            return;
        }
        Map<String, String> details = new LinkedHashMap<>();
        boolean sell = input.exit().side() == Side.SELL;
        String distance;
        if (input.trailingPct() != null) {
            details.put("trailingPct", input.trailingPct().stripTrailingZeros().toPlainString());
            distance = StepWords.quantity(input.trailingPct().movePointRight(2)) + " %";
        } else {
            details.put(
                    "trailingAmount",
                    input.trailingAmount().stripTrailingZeros().toPlainString());
            distance = StepWords.price(input.trailingAmount());
        }
        String what = (sell ? "sell " : "buy ")
                + StepWords.quantity(input.exit().quantity()) + " once the price "
                + (sell ? "falls " + distance + " below its highest" : "rises " + distance + " above its lowest");
        if (input.activationPrice() == null) {
            toldArmed = true;
            add(
                    at,
                    OrderStepKind.TRAILING_STOP_SET,
                    "trailing stop armed at " + StepWords.clock(at) + ": " + what,
                    details);
        } else {
            details.put(
                    "activationPrice",
                    input.activationPrice().stripTrailingZeros().toPlainString());
            add(
                    at,
                    OrderStepKind.TRAILING_STOP_SET,
                    "trailing stop set at " + StepWords.clock(at) + ", to arm once the price reaches "
                            + StepWords.price(input.activationPrice()) + ": " + what,
                    details);
        }
    }

    /** Where a stretch of following left the stop: armed, moved, crossed, or stopped with the portfolio. */
    private void followed(Instant at, TrailingFollowed followed) {
        if (followed == null || followed.state() == null) {
            return;
        }
        TrailingStop state = followed.state();
        if (state.armed() && !toldArmed) {
            toldArmed = true;
            add(at, OrderStepKind.TRAILING_STOP_ARMED, "armed: the price reached its activation price", Map.of());
        }
        if (state.stop() != null && (toldStop == null || state.stop().compareTo(toldStop) != 0)) {
            toldStop = state.stop();
            add(
                    at,
                    OrderStepKind.STOP_MOVED,
                    "stop moved to " + StepWords.price(state.stop()),
                    Map.of("stop", state.stop().stripTrailingZeros().toPlainString()));
        }
        if (state.triggered()) {
            String crossed = state.side() == Side.SELL ? "fell to the stop at " : "rose to the stop at ";
            add(
                    at,
                    OrderStepKind.TRIGGERED,
                    "triggered at " + StepWords.clock(at) + ": the price " + crossed + StepWords.price(state.stop())
                            + ", exit order placed",
                    Map.of("stop", state.stop().stripTrailingZeros().toPlainString()));
        } else if (followed.stoppedBecause() != null) {
            // The activity's own words about the user's own portfolio ("portfolio is KILLED").
            add(at, OrderStepKind.CANCELLED, "ended before it was crossed: " + followed.stoppedBecause(), Map.of());
        }
    }

    /** The payload's value, or null when there is none or it cannot be read (a key rotated out): no step's facts. */
    private <T> T decode(Optional<Payloads> payload, Class<T> type) {
        if (payload.isEmpty() || payload.get().getPayloadsCount() == 0) {
            return null;
        }
        try {
            return payloads.fromPayloads(0, payload, type, type);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private void add(Instant at, OrderStepKind kind, String text, Map<String, String> details) {
        steps.add(new OrderStep(at, kind, text, details));
    }
}
