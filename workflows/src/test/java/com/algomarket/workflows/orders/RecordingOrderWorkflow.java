package com.algomarket.workflows.orders;

import io.temporal.workflow.Workflow;
import java.util.Map;

/**
 * A stand-in for the order workflow in tests of the workflows that start orders: it notes the input it was started
 * with under its workflow id and then rests, like an order waiting at the exchange, until it is asked to cancel.
 * Resting is what lets a test see that its parent finished while the order still runs.
 */
public class RecordingOrderWorkflow implements OrderWorkflow {

    private final Map<String, OrderInput> started;
    private OrderStatus status = OrderStatus.PENDING;

    public RecordingOrderWorkflow(Map<String, OrderInput> started) {
        this.started = started;
    }

    @Override
    public OrderStatus run(OrderInput input) {
        // A replay puts the same input again under the same id: the map stays as it was.
        started.put(Workflow.getInfo().getWorkflowId(), input);
        Workflow.await(() -> status == OrderStatus.CANCELLED);
        return status;
    }

    @Override
    public void requestCancel(String reason) {
        status = OrderStatus.CANCELLED;
    }

    @Override
    public void execution(OrderExecution execution) {
        // Executions concern the order's own life, which this stand-in does not live.
    }

    @Override
    public void lookUpNow(String reason) {
        // Nothing to look up: this stand-in never reaches an exchange.
    }

    @Override
    public OrderStatus status() {
        return status;
    }
}
