package com.algomarket.activities.orders;

import com.algomarket.db.orders.NewOrder;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.orders.OrderInput;
import java.util.UUID;

/**
 * The order row a planner (the signal fan-out, the flatten) writes before it starts the order's workflow. The row is
 * the authority the order activities check the workflow's input against, so only code that computed the order from
 * the database writes it, never an activity that was handed the order by a workflow.
 */
public final class OrderIntents {

    private OrderIntents() {}

    public static NewOrder of(OrderInput input) {
        return new NewOrder(
                UUID.fromString(input.orderId()),
                UUID.fromString(input.portfolioId()),
                signalId(input),
                input.clientOrderId(),
                input.exchange(),
                input.symbol(),
                input.side(),
                input.type(),
                input.timeInForce(),
                input.quantity(),
                input.limitPrice(),
                input.stopPrice(),
                WorkflowIds.order(input.portfolioId(), input.signalId()));
    }

    /** The signal's id; null for an order no signal table row stands behind (a flatten's sell). */
    static UUID signalId(OrderInput input) {
        try {
            return input.signalId() == null ? null : UUID.fromString(input.signalId());
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }
}
