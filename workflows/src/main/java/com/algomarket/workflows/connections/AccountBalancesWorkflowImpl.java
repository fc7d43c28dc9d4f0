package com.algomarket.workflows.connections;

public class AccountBalancesWorkflowImpl implements AccountBalancesWorkflow {

    @Override
    public AccountBalances balances(String connectionId) {
        return ShortWorkflows.ask(activities -> activities.balances(connectionId), AccountBalances::unavailable);
    }
}
