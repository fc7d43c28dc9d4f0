package com.algomarket.workflows.streams;

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
     * timeout on to the server.
     */
    static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(5);

    private boolean stopped;
    private Promise<AccountStreamActivities.Outcome> followed;

    @Override
    public void run(AccountStreamInput input) {
        AccountStreamActivities activities = Workflow.newActivityStub(
                AccountStreamActivities.class,
                ActivityOptions.newBuilder(ActivityStubOptions.attempts(
                                Duration.ofSeconds(input.periodSeconds()).plus(Duration.ofMinutes(1)),
                                ActivityStubOptions.retryBetween(Duration.ofSeconds(1), Duration.ofSeconds(30))))
                        .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
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

    @Override
    public void stop() {
        stopped = true;
    }
}
