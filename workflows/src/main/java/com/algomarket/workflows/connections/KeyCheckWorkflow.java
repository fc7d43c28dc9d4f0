package com.algomarket.workflows.connections;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Checks a new exchange key on the worker before the API stores its connection: {@code key-check-<connectionId>}.
 * The API node may seal a key but not open it; the worker opens it for the one call to the exchange.
 */
@WorkflowInterface
public interface KeyCheckWorkflow {

    @WorkflowMethod
    KeyCheckResult check(KeyCheckInput input);
}
