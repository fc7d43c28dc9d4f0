package com.algomarket.workflows.connections;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * Reads last prices with a connection's key for a REST request: {@code last-prices-<connectionId>-<symbols>}.
 * Requests for the same prices that arrive while one runs share its answer.
 */
@WorkflowInterface
public interface LastPricesWorkflow {

    static String workflowId(String connectionId, List<String> symbols) {
        return "last-prices-" + connectionId + "-" + String.join(",", symbols);
    }

    @WorkflowMethod
    LastPrices lastPrices(LastPricesInput input);
}
