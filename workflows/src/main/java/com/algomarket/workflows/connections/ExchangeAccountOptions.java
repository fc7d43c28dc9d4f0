package com.algomarket.workflows.connections;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
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
                ActivityOptions.newBuilder()
                        .setStartToCloseTimeout(Duration.ofSeconds(20))
                        .setRetryOptions(RetryOptions.newBuilder()
                                .setInitialInterval(Duration.ofMillis(500))
                                .setMaximumAttempts(2)
                                .build())
                        .build());
    }
}
