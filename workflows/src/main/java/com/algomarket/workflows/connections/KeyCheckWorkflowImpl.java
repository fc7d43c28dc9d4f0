package com.algomarket.workflows.connections;

public class KeyCheckWorkflowImpl implements KeyCheckWorkflow {

    @Override
    public KeyCheckResult check(KeyCheckInput input) {
        return ShortWorkflows.ask(
                activities -> activities.checkKey(input),
                reason -> KeyCheckResult.failed(KeyCheckFailure.EXCHANGE_UNAVAILABLE, reason));
    }
}
