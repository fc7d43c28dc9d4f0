package com.algomarket.workflows.connections;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;

/** What the short workflows of this package answer when their activity failed rather than the exchange. */
final class ShortWorkflows {

    private ShortWorkflows() {}

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
