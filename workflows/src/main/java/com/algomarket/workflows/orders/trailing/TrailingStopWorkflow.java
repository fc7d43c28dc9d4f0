package com.algomarket.workflows.orders.trailing;

import com.algomarket.workflows.orders.OrderStatus;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A trailing stop, durable: it follows the venue's price (the account stream's last prices where one is kept fresh,
 * else one read per symbol and interval shared by every trailing stop of the worker), moves its stop, and once the
 * price crosses it continues as new into the {@code OrderWorkflow} of its exit under the same workflow id: from then on
 * it is an order like any other, cancelled and followed as one. A worker that dies while it is armed loses nothing:
 * the activity's heartbeat holds the stop, and the retry starts from it.
 */
@WorkflowInterface
public interface TrailingStopWorkflow {

    @WorkflowMethod
    OrderStatus run(TrailingStopInput input);

    /**
     * A user's or the kill switch's cancel; the same signal name as the order workflow's, so that whoever cancels an
     * order by its workflow id cancels an armed trailing stop too.
     */
    @SignalMethod
    void requestCancel(String reason);

    /** The stop as it stands after the last completed stretch of following. */
    @QueryMethod
    TrailingStop state();
}
