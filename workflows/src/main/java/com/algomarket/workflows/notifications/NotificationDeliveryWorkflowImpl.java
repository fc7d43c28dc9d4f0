package com.algomarket.workflows.notifications;

import static com.algomarket.workflows.common.ActivityStubOptions.attempts;
import static com.algomarket.workflows.common.ActivityStubOptions.attemptsUntil;
import static com.algomarket.workflows.common.ActivityStubOptions.retryBetween;
import static com.algomarket.workflows.common.ActivityStubOptions.retryWithBackoff;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class NotificationDeliveryWorkflowImpl implements NotificationDeliveryWorkflow {

    /** The first wait after a failed attempt; each next wait doubles, up to {@link #LONGEST_WAIT}. */
    static final Duration FIRST_WAIT = ofSeconds(10);

    /** A receiver that is down for the day is still tried every hour, not once a day. */
    static final Duration LONGEST_WAIT = ofHours(1);

    // Retried by Temporal itself, with a deadline for all attempts together: a receiver down for a day gets about 30
    // attempts and no workflow task per attempt. The failures another attempt cannot change end the retries at once.
    private final NotificationActivities attempts = Workflow.newActivityStub(
            NotificationActivities.class,
            attemptsUntil(
                    ofSeconds(30),
                    GIVE_UP_AFTER,
                    retryWithBackoff(
                            FIRST_WAIT,
                            2.0,
                            LONGEST_WAIT,
                            DeliveryFailure.URL_REFUSED.name(),
                            DeliveryFailure.ENDPOINT_GONE.name())));

    // Recording the outcome is a database write: retried until it succeeds.
    private final NotificationActivities recording = Workflow.newActivityStub(
            NotificationActivities.class, attempts(ofSeconds(10), retryBetween(ofSeconds(1), ofMinutes(1))));

    @Override
    public DeliveryStatus deliver(String deliveryId) {
        try {
            attempts.deliver(deliveryId);
            return DeliveryStatus.DELIVERED;
        } catch (ActivityFailure failure) {
            recording.giveUp(deliveryId, reason(failure));
            return DeliveryStatus.FAILED;
        }
    }

    private static String reason(ActivityFailure failure) {
        if (failure.getCause() instanceof ApplicationFailure cause) {
            return cause.getType() + ": " + cause.getOriginalMessage();
        }
        if (failure.getCause() instanceof TimeoutFailure) {
            return "gave up after " + GIVE_UP_AFTER.toHours() + " h of attempts";
        }
        return failure.getMessage();
    }
}
