package com.algomarket.workflows.orders.trailing;

import static com.algomarket.workflows.common.ActivityStubOptions.attempts;
import static com.algomarket.workflows.common.ActivityStubOptions.retryUpTo;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofSeconds;

import com.algomarket.workflows.orders.OrderActivities;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderUpdate;
import com.algomarket.workflows.orders.OrderWorkflow;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ContinueAsNewOptions;
import io.temporal.workflow.Workflow;
import java.math.BigDecimal;
import java.time.Duration;
import org.slf4j.Logger;

public class TrailingStopWorkflowImpl implements TrailingStopWorkflow {

    private static final Logger log = Workflow.getLogger(TrailingStopWorkflowImpl.class);

    /**
     * How long one activity follows the price before the workflow records where the stop stands: the history shows
     * the stop's progress once an hour, and a week-long stop stays a few hundred events.
     */
    static final Duration WINDOW = ofHours(1);

    /** A worker that dies is noticed within this long, and the follow resumes elsewhere from its last heartbeat. */
    static final Duration HEARTBEAT_TIMEOUT = ofSeconds(20);

    private final TrailingStopActivities activities = Workflow.newActivityStub(
            TrailingStopActivities.class,
            ActivityOptions.newBuilder(attempts(WINDOW.plusMinutes(5), retryUpTo(ofSeconds(30))))
                    .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
                    // A cancel is over when the activity has stopped following, not when it was asked to.
                    .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
                    .build());

    /** The order workflow's type name: the simple name of its interface, Temporal's default. */
    static final String ORDER_WORKFLOW_TYPE = OrderWorkflow.class.getSimpleName();

    /** Records how an armed stop ended on the order's row, which the planner wrote when it planned the exit. */
    private final OrderActivities orders =
            Workflow.newActivityStub(OrderActivities.class, attempts(ofSeconds(30), retryUpTo(ofSeconds(30))));

    private TrailingStop state;
    private String cancelReason;
    private CancellationScope following;

    @Override
    public OrderStatus run(TrailingStopInput input) {
        state = input.initialState();
        long deadline = Workflow.currentTimeMillis() + input.exit().timeoutSeconds() * 1_000;
        while (!state.triggered()) {
            if (cancelReason != null) {
                return ended(input, OrderStatus.CANCELLED, cancelReason);
            }
            long left = deadline - Workflow.currentTimeMillis();
            if (left <= 0) {
                return ended(input, OrderStatus.EXPIRED, "the trailing stop timed out before it was crossed");
            }
            TrailingFollow follow =
                    new TrailingFollow(input.exit(), state, Math.min(WINDOW.toSeconds(), Math.max(1, left / 1_000)));
            TrailingFollowed[] followed = new TrailingFollowed[1];
            following = Workflow.newCancellationScope(() -> followed[0] = activities.follow(follow));
            try {
                following.run();
            } catch (ActivityFailure | CanceledFailure cancelled) {
                if (cancelReason == null) {
                    throw cancelled;
                }
                continue;
            }
            state = followed[0].state();
            if (followed[0].stoppedBecause() != null) {
                return ended(input, OrderStatus.CANCELLED, followed[0].stoppedBecause());
            }
        }
        // Crossed: from here on this is the exit order's workflow, under the same id.
        Workflow.continueAsNew(
                ORDER_WORKFLOW_TYPE,
                ContinueAsNewOptions.newBuilder()
                        .setWorkflowRunTimeout(OrderWorkflow.RUN_TIMEOUT)
                        .build(),
                input.exitAt(state.stop()));
        throw new IllegalStateException("continueAsNew returned");
    }

    /** Ends an armed stop that never reached the exchange: its row says how, settled, with nothing filled. */
    private OrderStatus ended(TrailingStopInput input, OrderStatus status, String reason) {
        log.info("Trailing stop {} ended {}: {}", input.exit().orderId(), status, reason);
        orders.record(new OrderUpdate(input.exit().orderId(), status, null, BigDecimal.ZERO, null, reason, true));
        return status;
    }

    @Override
    public void requestCancel(String reason) {
        if (cancelReason == null) {
            cancelReason = reason;
        }
        if (following != null) {
            following.cancel(reason);
        }
    }

    @Override
    public TrailingStop state() {
        return state;
    }
}
