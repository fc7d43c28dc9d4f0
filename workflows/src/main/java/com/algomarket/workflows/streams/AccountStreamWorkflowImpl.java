package com.algomarket.workflows.streams;

import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;

import com.algomarket.workflows.common.ActivityStubOptions;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class AccountStreamWorkflowImpl implements AccountStreamWorkflow {

    /**
     * A worker that dies stops heartbeating; after this long Temporal retries the activity on another worker. The
     * stream heartbeats every poll interval (half a second); the SDK passes at most one heartbeat per 80 % of this
     * timeout on to the server, so the server notices a dead worker 1 to 5 s after its death. StreamTakeoverIT
     * measured the whole takeover (the timeout, the retry's first interval, a connect, subscribe and catch-up read)
     * at 3.6 s on the 2-core build machine: fast enough, so this stays as it was. Shorter would take over sooner but
     * also from a live worker whose heartbeats a long GC pause or a loaded machine delayed (it then loses the stream
     * and another reconnects and catches up: nothing is missed, but it costs a reconnect); the input can set another
     * ({@code algomarket.streams.heartbeat-timeout}).
     */
    static final Duration DEFAULT_HEARTBEAT_TIMEOUT = ofSeconds(5);

    /**
     * The longest wait before the activity's next attempt. Each worker death is a failed attempt and the wait doubles
     * from 1 s: with Temporal's default ceiling of 30 s, the sixth takeover within one period would leave the
     * connection without a stream for half a minute. The activity's other failures are rare (the stream backs off
     * from the exchange's failures within an attempt), so retrying them every few seconds costs little.
     */
    static final Duration LONGEST_RETRY_INTERVAL = ofSeconds(5);

    private boolean stopped;
    private Promise<AccountStreamActivities.Outcome> followed;

    @Override
    public void run(AccountStreamInput input) {
        AccountStreamActivities activities = Workflow.newActivityStub(
                AccountStreamActivities.class,
                ActivityOptions.newBuilder(ActivityStubOptions.attempts(
                                ofSeconds(input.periodSeconds()).plus(ofMinutes(1)),
                                ActivityStubOptions.retryBetween(ofSeconds(1), LONGEST_RETRY_INTERVAL)))
                        .setHeartbeatTimeout(heartbeatTimeout(input))
                        // On stop, wait until the activity has seen the cancellation (at its next heartbeat) and
                        // closed the stream, so that the workflow never ends while a stream still runs.
                        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
                        .build());
        CancellationScope scope = Workflow.newCancellationScope(
                () -> followed = Async.function(activities::follow, input.connectionId(), input.periodSeconds()));
        scope.run();
        Workflow.await(() -> stopped || followed.isCompleted());
        if (!followed.isCompleted()) {
            scope.cancel();
        }
        AccountStreamActivities.Outcome outcome;
        try {
            outcome = followed.get();
        } catch (ActivityFailure cancelled) {
            return; // stopped
        }
        if (!stopped && outcome == AccountStreamActivities.Outcome.PERIOD_ENDED) {
            Workflow.continueAsNew(input);
        }
    }

    private static Duration heartbeatTimeout(AccountStreamInput input) {
        return input.heartbeatTimeoutSeconds() > 0
                ? ofSeconds(input.heartbeatTimeoutSeconds())
                : DEFAULT_HEARTBEAT_TIMEOUT;
    }

    @Override
    public void stop() {
        stopped = true;
    }
}
