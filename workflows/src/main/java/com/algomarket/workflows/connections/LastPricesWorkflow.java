package com.algomarket.workflows.connections;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Reads last prices with a connection's key for a REST request: {@code last-prices-<connectionId>-<symbols>}.
 * Requests for the same prices that arrive while one runs share its answer.
 */
@WorkflowInterface
public interface LastPricesWorkflow {

    @WorkflowMethod
    LastPrices lastPrices(LastPricesInput input);
}
