package com.algomarket.workflows.reconciliation;

/** {@code lastResult} carries the previous run's result across continue-as-new (null at the first start). */
public record ReconciliationInput(String connectionId, long intervalSeconds, ReconciliationResult lastResult) {}
