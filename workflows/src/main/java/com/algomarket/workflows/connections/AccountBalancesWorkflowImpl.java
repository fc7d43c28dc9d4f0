package com.algomarket.workflows.connections;

import io.temporal.failure.ActivityFailure;

public class AccountBalancesWorkflowImpl implements AccountBalancesWorkflow {

    private final ExchangeAccountActivities activities = ExchangeAccountOptions.activities();

    @Override
    public AccountBalances balances(String connectionId) {
        try {
            return activities.balances(connectionId);
        } catch (ActivityFailure failure) {
            return AccountBalances.unavailable(ShortWorkflows.reason(failure));
        }
    }
}
