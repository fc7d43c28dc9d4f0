package com.algomarket.workflows.connections;

import io.temporal.failure.ActivityFailure;

public class LastPricesWorkflowImpl implements LastPricesWorkflow {

    private final ExchangeAccountActivities activities = ExchangeAccountOptions.activities();

    @Override
    public LastPrices lastPrices(LastPricesInput input) {
        try {
            return activities.lastPrices(input);
        } catch (ActivityFailure failure) {
            return LastPrices.unavailable(ShortWorkflows.reason(failure));
        }
    }
}
