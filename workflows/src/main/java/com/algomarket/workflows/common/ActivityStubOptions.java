package com.algomarket.workflows.common;

import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * The shapes of activity options the workflows use, so that each workflow states its values (and why they are what
 * they are) next to its activity stub, without the builder chain around them. Every method sets exactly what it
 * names and leaves everything else to Temporal's defaults, so the options equal the ones built by hand before. Options
 * are not part of a workflow's history: how they are built does not matter to replay, only their values matter to
 * behaviour.
 */
public final class ActivityStubOptions {

    private ActivityStubOptions() {}

    /** An activity with a timeout for each attempt, retried as the given policy says. */
    public static ActivityOptions attempts(Duration startToClose, RetryOptions retry) {
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(startToClose)
                .setRetryOptions(retry)
                .build();
    }

    /** Like {@link #attempts}, with a deadline for all attempts together: retries stop once it has passed. */
    public static ActivityOptions attemptsUntil(Duration startToClose, Duration deadline, RetryOptions retry) {
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(startToClose)
                .setScheduleToCloseTimeout(deadline)
                .setRetryOptions(retry)
                .build();
    }

    /**
     * A local activity with a timeout for each attempt and a deadline for all of them. The deadline is required: a
     * local activity with neither a schedule-to-close timeout nor a maximum of attempts is not retried at all.
     */
    public static LocalActivityOptions localAttemptsUntil(
            Duration startToClose, Duration deadline, RetryOptions retry) {
        return LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(startToClose)
                .setScheduleToCloseTimeout(deadline)
                .setRetryOptions(retry)
                .build();
    }

    /**
     * Retried without a limit of attempts, the wait between them growing by Temporal's default coefficient from the
     * first interval up to the largest.
     */
    public static RetryOptions retryBetween(Duration firstInterval, Duration largestInterval) {
        return RetryOptions.newBuilder()
                .setInitialInterval(firstInterval)
                .setMaximumInterval(largestInterval)
                .build();
    }

    /**
     * Retried without a limit of attempts, the wait growing by Temporal's default coefficient from its default first
     * interval up to the largest.
     */
    public static RetryOptions retryUpTo(Duration largestInterval) {
        return RetryOptions.newBuilder().setMaximumInterval(largestInterval).build();
    }

    /**
     * Retried without a limit of attempts, the wait growing by the given coefficient up to the largest interval; the
     * failure types named are final (another try cannot change their outcome) and never retried.
     */
    public static RetryOptions retryWithBackoff(
            Duration firstInterval, double coefficient, Duration largestInterval, String... finalFailureTypes) {
        RetryOptions.Builder retry = RetryOptions.newBuilder()
                .setInitialInterval(firstInterval)
                .setBackoffCoefficient(coefficient)
                .setMaximumInterval(largestInterval);
        // Only named when there are some: an empty list is left as the builder's default, as before.
        if (finalFailureTypes.length > 0) {
            retry.setDoNotRetry(finalFailureTypes);
        }
        return retry.build();
    }

    /** At most the given number of attempts, the first interval apart: for callers that cannot wait long. */
    public static RetryOptions retryAtMost(int attempts, Duration firstInterval) {
        return RetryOptions.newBuilder()
                .setInitialInterval(firstInterval)
                .setMaximumAttempts(attempts)
                .build();
    }
}
