package com.algomarket.activities.reconciliation;

import com.algomarket.db.orders.OrderDetail;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.stereotype.Component;

/**
 * Tells an order's workflow that reconciliation found its order final at the exchange, so that it asks the exchange now
 * ({@link OrderWorkflow#lookUpNow}) instead of at its safety lookup hours later: the workflow stays the one that settles
 * its order. A plain signal to the running workflow, never a signal-with-start. Best effort: a workflow that has ended
 * needs nothing more, and a signal that fails otherwise (the server unreachable) does not fail the comparison, whose
 * writes stand; the order's safety lookup then catches it as before.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
@Slf4j
class WaitingOrders {

    private final WorkflowClient client;

    void lookUpNow(OrderDetail row, OrderStatus atExchange) {
        String reason = "reconciliation: " + atExchange + " at the exchange";
        try {
            client.newWorkflowStub(OrderWorkflow.class, row.workflowId()).lookUpNow(reason);
        } catch (WorkflowNotFoundException ended) {
            log.debug("Order workflow {} has ended; not asked to look up order {}", row.workflowId(), row.id());
        } catch (RuntimeException e) {
            log.warn(
                    "Could not ask order workflow {} to look up order {}: {}",
                    row.workflowId(),
                    row.id(),
                    e.toString());
        }
    }
}
