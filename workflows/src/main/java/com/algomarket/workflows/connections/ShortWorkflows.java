package com.algomarket.workflows.connections;

import static com.algomarket.workflows.common.ActivityStubOptions.attempts;
import static com.algomarket.workflows.common.ActivityStubOptions.retryAtMost;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import java.util.function.Function;

/** The short workflows a REST request waits for: one exchange call each, answered as a value even when it failed. */
final class ShortWorkflows {

    private ShortWorkflows() {}

    /**
     * Makes {@code call} on an activity stub; when the activity failed rather than the exchange, answers what
     * {@code unavailable} makes of the {@link #reason}. The exchange's own refusals come back inside the call's value.
     */
    static <T> T ask(Function<ExchangeAccountActivities, T> call, Function<String, T> unavailable) {
        try {
            return call.apply(activities());
        } catch (ActivityFailure failure) {
            return unavailable.apply(reason(failure));
        }
    }

    /**
     * A REST request is waiting, so an exchange that does not answer must fail it within seconds: the gateway's own
     * timeouts (connect 5 s, read 10 s) fit in the start-to-close timeout, and an exchange's failure comes back as a
     * value, not a retry. Only a lost worker is retried, once.
     */
    private static ExchangeAccountActivities activities() {
        return Workflow.newActivityStub(
                ExchangeAccountActivities.class, attempts(ofSeconds(20), retryAtMost(2, ofMillis(500))));
    }

    /** A short reason for the REST answer: the failure's type, TIMEOUT, or UNAVAILABLE. */
    static String reason(ActivityFailure failure) {
        if (failure.getCause() instanceof ApplicationFailure application) {
            return application.getType();
        }
        if (failure.getCause() instanceof TimeoutFailure) {
            return "TIMEOUT";
        }
        return "UNAVAILABLE";
    }
}
