package com.algomarket.workflows.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.streams.AccountStreamActivities.Outcome;
import com.algomarket.workflows.support.Await;
import com.algomarket.workflows.support.TestTemporal;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCanceledException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A connection's stream supervisor, with the stream activity replaced by one whose behaviour each test scripts. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AccountStreamWorkflowTest {

    @RegisterExtension
    static final TestWorkflowExtension TEMPORAL = TestTemporal.forWorkflow(AccountStreamWorkflowImpl.class);

    private static final String CONNECTION = "c-1";

    /** Each attempt of the activity: when it started (real time) and its attempt number. */
    private final List<Instant> attemptsStartedAt = new CopyOnWriteArrayList<>();

    @Test
    void givenPeriodsEnding_whenRunning_thenContinuesAsNewUntilTheConnectionIsGone(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        start(env, worker, call -> call < 3 ? Outcome.PERIOD_ENDED : Outcome.CONNECTION_GONE);

        newWorkflow(client, worker).run(new AccountStreamInput(CONNECTION, 3600));

        assertThat(attemptsStartedAt).hasSize(3);
    }

    @Test
    void givenTheWorkerHoldingTheStreamDies_whenItStopsHeartbeating_thenAnotherAttemptTakesOverWithinSeconds(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        CountDownLatch released = new CountDownLatch(1);
        worker.registerActivitiesImplementations((AccountStreamActivities) (connectionId, periodSeconds) -> {
            attemptsStartedAt.add(Instant.now());
            if (Activity.getExecutionContext().getInfo().getAttempt() == 1) {
                // A worker that died: no heartbeat, no answer (released only when the test ends).
                await(released);
            }
            return Outcome.CONNECTION_GONE;
        });
        env.start();

        try {
            newWorkflow(client, worker).run(new AccountStreamInput(CONNECTION, 3600));
        } finally {
            released.countDown();
        }

        assertThat(attemptsStartedAt).hasSize(2);
        assertThat(Duration.between(attemptsStartedAt.get(0), attemptsStartedAt.get(1)))
                .isLessThan(AccountStreamWorkflowImpl.DEFAULT_HEARTBEAT_TIMEOUT.plusSeconds(5));
    }

    @Test
    void givenWorkersDyingOneAfterAnother_whenEachStopsHeartbeating_thenTheNextTakeoverWaitsNoLongerThanTheCeiling(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        int deaths = 4;
        CountDownLatch released = new CountDownLatch(1);
        // The test server's clock, on which the heartbeat timeouts and the retries' waits are timed.
        List<Long> startedAtMillis = new CopyOnWriteArrayList<>();
        worker.registerActivitiesImplementations((AccountStreamActivities) (connectionId, periodSeconds) -> {
            startedAtMillis.add(env.currentTimeMillis());
            if (Activity.getExecutionContext().getInfo().getAttempt() <= deaths) {
                await(released); // a worker that died: no heartbeat, no answer
            }
            return Outcome.CONNECTION_GONE;
        });
        env.start();

        try {
            // The heartbeat timeout the input sets (1 s), not the default.
            newWorkflow(client, worker).run(new AccountStreamInput(CONNECTION, 3600, 1));
        } finally {
            released.countDown();
        }

        assertThat(startedAtMillis).hasSize(deaths + 1);
        // After the fourth death: the 1 s heartbeat timeout, then the retry waits for the ceiling (5 s), where the
        // doubling from 1 s alone would wait 8 s (measured: 9.0 s in all with a ceiling of 30 s).
        Duration lastTakeover = Duration.ofMillis(startedAtMillis.get(deaths) - startedAtMillis.get(deaths - 1));
        assertThat(lastTakeover).isLessThan(Duration.ofMillis(7_500));
    }

    @Test
    void givenRunningStream_whenStopped_thenTheActivityIsCancelledAndTheWorkflowEnds(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        List<String> seen = new CopyOnWriteArrayList<>();
        worker.registerActivitiesImplementations((AccountStreamActivities) (connectionId, periodSeconds) -> {
            attemptsStartedAt.add(Instant.now());
            ActivityExecutionContext context = Activity.getExecutionContext();
            try {
                while (true) {
                    context.heartbeat("connected");
                    sleep(Duration.ofMillis(100));
                }
            } catch (ActivityCanceledException cancelled) {
                seen.add("cancelled");
                throw cancelled;
            }
        });
        env.start();
        AccountStreamWorkflow workflow = newWorkflow(client, worker);
        WorkflowClient.start(workflow::run, new AccountStreamInput(CONNECTION, 3600));
        Await.until(Duration.ofSeconds(10), attemptsStartedAt::size, started -> started == 1);

        workflow.stop();

        WorkflowStub.fromTyped(workflow).getResult(Void.class);
        assertThat(seen).containsExactly("cancelled");
    }

    private void start(TestWorkflowEnvironment env, Worker worker, IntFunction<Outcome> outcomes) {
        worker.registerActivitiesImplementations((AccountStreamActivities) (connectionId, periodSeconds) -> {
            attemptsStartedAt.add(Instant.now());
            return outcomes.apply(attemptsStartedAt.size());
        });
        env.start();
    }

    private static AccountStreamWorkflow newWorkflow(WorkflowClient client, Worker worker) {
        return TestTemporal.newWorkflow(
                client, worker, AccountStreamWorkflow.class, WorkflowIds.accountStream(CONNECTION));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
