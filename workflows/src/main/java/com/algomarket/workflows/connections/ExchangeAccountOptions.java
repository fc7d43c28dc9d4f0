package com.algomarket.workflows.connections;

import static com.algomarket.workflows.common.ActivityStubOptions.attempts;
import static com.algomarket.workflows.common.ActivityStubOptions.retryAtMost;

import io.temporal.workflow.Workflow;
import java.time.Duration;

/** The activity stub shared by the short workflows a REST request waits for. */
final class ExchangeAccountOptions {

    private ExchangeAccountOptions() {}

    /**
     * A REST request is waiting, so an exchange that does not answer must fail it within seconds: the gateway's own
     * timeouts (connect 5 s, read 10 s) fit in the start-to-close timeout, and an exchange's failure comes back as a
     * value, not a retry. Only a lost worker is retried, once.
     */
    static ExchangeAccountActivities activities() {
        return Workflow.newActivityStub(
                ExchangeAccountActivities.class,
                attempts(Duration.ofSeconds(20), retryAtMost(2, Duration.ofMillis(500))));
    }
}
