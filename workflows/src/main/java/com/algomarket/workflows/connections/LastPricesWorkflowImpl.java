package com.algomarket.workflows.connections;

public class LastPricesWorkflowImpl implements LastPricesWorkflow {

    @Override
    public LastPrices lastPrices(LastPricesInput input) {
        return ShortWorkflows.ask(activities -> activities.lastPrices(input), LastPrices::unavailable);
    }
}
