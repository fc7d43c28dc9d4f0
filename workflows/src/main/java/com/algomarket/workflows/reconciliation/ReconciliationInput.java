package com.algomarket.workflows.reconciliation;

/**
 * {@code intervalSeconds}: how long the workflow waits between comparisons; {@code streamedIntervalSeconds}: how long
 * instead after a comparison found the connection's account stream connected (the stream reports executions at once,
 * so the comparison is only a backstop); 0 (inputs recorded before it existed): always {@code intervalSeconds}.
 * {@code lastResult} carries the previous run's result across continue-as-new (null at the first start).
 */
public record ReconciliationInput(
        String connectionId, long intervalSeconds, long streamedIntervalSeconds, ReconciliationResult lastResult) {}
