package com.algomarket.workflows.orders.trailing;

import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderWorkflow;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ContinueAsNewOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.slf4j.Logger;

public class TrailingStopWorkflowImpl implements TrailingStopWorkflow {

    private static final Logger log = Workflow.getLogger(TrailingStopWorkflowImpl.class);

    /**
     * How long one activity follows the price before the workflow records where the stop stands: the history shows
     * the stop's progress once an hour, and a week-long stop stays a few hundred events.
     */
    static final Duration WINDOW = Duration.ofHours(1);

    /** A worker that dies is noticed within this long, and the follow resumes elsewhere from its last heartbeat. */
    static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(20);

    private final TrailingStopActivities activities = Workflow.newActivityStub(
            TrailingStopActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(WINDOW.plusMinutes(5))
                    .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
                    // A cancel is over when the activity has stopped following, not when it was asked to.
                    .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
                    .setRetryOptions(RetryOptions.newBuilder()
                            .setMaximumInterval(Duration.ofSeconds(30))
                            .build())
                    .build());

    /** The order workflow's type name: the simple name of its interface, Temporal's default. */
    static final String ORDER_WORKFLOW_TYPE = OrderWorkflow.class.getSimpleName();

    private TrailingStop state;
    private String cancelReason;
    private CancellationScope following;

    @Override
    public OrderStatus run(TrailingStopInput input) {
        state = input.initialState();
        long deadline = Workflow.currentTimeMillis() + input.exit().timeoutSeconds() * 1_000;
        while (!state.triggered()) {
            if (cancelReason != null) {
                log.info("Trailing stop {} cancelled: {}", input.exit().orderId(), cancelReason);
                return OrderStatus.CANCELLED;
            }
            long left = deadline - Workflow.currentTimeMillis();
            if (left <= 0) {
                return OrderStatus.EXPIRED;
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
                log.info("Trailing stop {} ended: {}", input.exit().orderId(), followed[0].stoppedBecause());
                return OrderStatus.CANCELLED;
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
