package com.algomarket.workflows.streams;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface AccountStreamActivities {

    /** How a period of following the stream ended. */
    enum Outcome {
        /** The period is over (or the workflow cancelled it): the workflow continues as new and follows again. */
        PERIOD_ENDED,
        /** The connection was deleted: there is nothing to follow any more. */
        CONNECTION_GONE,
        /** The connection's exchange has no stream here (yet): the periodic reconciliation covers it. */
        UNSUPPORTED
    }

    /**
     * Follows the connection's account stream for up to {@code periodSeconds}, heartbeating all along; reconnects
     * within the period are its own business. Ends early when the activity is cancelled.
     */
    @ActivityMethod
    Outcome follow(String connectionId, long periodSeconds);
}
