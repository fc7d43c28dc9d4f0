package com.algomarket.workflows.connections;

import io.temporal.failure.ActivityFailure;

public class KeyCheckWorkflowImpl implements KeyCheckWorkflow {

    private final ExchangeAccountActivities activities = ExchangeAccountOptions.activities();

    @Override
    public KeyCheckResult check(KeyCheckInput input) {
        try {
            return activities.checkKey(input);
        } catch (ActivityFailure failure) {
            return KeyCheckResult.failed(KeyCheckFailure.EXCHANGE_UNAVAILABLE, ShortWorkflows.reason(failure));
        }
    }
}
