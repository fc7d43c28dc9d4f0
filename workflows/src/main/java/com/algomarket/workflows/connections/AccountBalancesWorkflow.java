package com.algomarket.workflows.connections;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Reads a connection's balances for a REST request: {@code balances-<connectionId>}. Requests that arrive while one
 * runs share its answer.
 */
@WorkflowInterface
public interface AccountBalancesWorkflow {

    @WorkflowMethod
    AccountBalances balances(String connectionId);
}
