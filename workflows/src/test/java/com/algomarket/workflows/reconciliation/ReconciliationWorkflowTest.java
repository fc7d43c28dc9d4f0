package com.algomarket.workflows.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.algomarket.workflows.common.SearchAttributeKeys;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.support.Await;
import com.algomarket.workflows.support.Histories;
import com.algomarket.workflows.support.TestTemporal;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A connection's periodic reconciliation, with the comparison mocked and time skipped. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReconciliationWorkflowTest {

    @RegisterExtension
    static final TestWorkflowExtension TEMPORAL =
            TestTemporal.forWorkflow(ReconciliationWorkflowImpl.class, "Reconciliation");

    private static final String CONNECTION = "c-1";
    private static final String WORKFLOW_ID = WorkflowIds.reconciliation(CONNECTION);
    private static final long STREAMED_INTERVAL_SECONDS = 3600;

    private final ReconciliationActivities activities = TestTemporal.mockActivities(ReconciliationActivities.class);
    /** The test server's time of every attempt of the comparison. */
    private final List<Long> comparedAt = new CopyOnWriteArrayList<>();

    @Test
    void givenAnInterval_whenRunning_thenComparesAtTheStartAndThenEveryInterval(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        answer(env, call -> call < 4 ? ok("r" + call) : gone());
        start(env, worker);

        newWorkflow(client, worker).run(input(300));

        assertThat(comparedAt).hasSize(4);
        for (int i = 1; i < comparedAt.size(); i++) {
            assertThat(comparedAt.get(i) - comparedAt.get(i - 1))
                    .as("gap before comparison %d", i + 1)
                    .isBetween(300_000L, 301_000L);
        }
        assertThat(Histories.upsertedValues(client.fetchHistory(WORKFLOW_ID), "Reconciliation"))
                .containsExactly("OK");
    }

    @Test
    void givenTheAccountStreamConnected_whenCompared_thenTheNextComparisonWaitsTheStreamedInterval(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        // Connected, connected, then down (or the comparison failed): back to the five-minute interval.
        answer(env, call -> switch (call) {
            case 1, 2 -> streamed("r" + call);
            case 3 -> throw ApplicationFailure.newNonRetryableFailure("exchange down", "UNAVAILABLE");
            case 4 -> ok("r4");
            default -> gone();
        });
        start(env, worker);

        newWorkflow(client, worker).run(input(300));

        assertThat(gaps()).containsExactly(3600L, 3600L, 300L, 300L);
        assertThat(Histories.markerNames(client.fetchHistory(WORKFLOW_ID))).containsExactly("Version");
    }

    @Test
    void givenAnInputRecordedBeforeTheStreamedInterval_whenTheStreamIsConnected_thenTheIntervalAsBefore(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        answer(env, call -> call < 3 ? streamed("r" + call) : gone());
        start(env, worker);

        newWorkflow(client, worker).run(new ReconciliationInput(CONNECTION, 300, 0, null));

        assertThat(gaps()).containsExactly(300L, 300L);
        assertThat(Histories.markerNames(client.fetchHistory(WORKFLOW_ID))).isEmpty();
    }

    @Test
    void givenRunNow_whenSignalled_thenComparesAtOnceAndTheQueryShowsTheLastResult(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        answer(env, call -> ok("r" + call));
        start(env, worker);
        ReconciliationWorkflow workflow = newWorkflow(client, worker);
        WorkflowClient.start(workflow::run, input(3600));
        awaitLastResult(workflow, "r1");

        workflow.runNow();

        awaitLastResult(workflow, "r2");
        assertThat(comparedAt.get(1) - comparedAt.get(0))
                .as("not an hour later")
                .isLessThan(60_000);
        assertThat(reconciliationAttribute(client)).isEqualTo("OK");
        // And back to the interval: nothing more until it passes.
        env.sleep(Duration.ofMinutes(59));
        verify(activities, times(2)).compareWithExchange(CONNECTION);
        env.sleep(Duration.ofMinutes(2));
        verify(activities, timeout(5_000).times(3)).compareWithExchange(CONNECTION);
    }

    @Test
    void givenTheConnectionIsGone_whenCompared_thenTheWorkflowEnds(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        answer(env, call -> gone());
        start(env, worker);

        newWorkflow(client, worker).run(input(300));

        assertThat(comparedAt).hasSize(1);
        assertThat(client.newUntypedWorkflowStub(WORKFLOW_ID).describe().getStatus())
                .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    }

    @Test
    void givenAComparisonFailingPastItsDeadline_whenTheNextIntervalComes_thenFailedShownAndComparedAgain(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        long startedAt = env.currentTimeMillis();
        // The exchange is down for the first five minutes: longer than a comparison's four-minute deadline.
        when(activities.compareWithExchange(CONNECTION)).thenAnswer(invocation -> {
            comparedAt.add(env.currentTimeMillis());
            if (env.currentTimeMillis() - startedAt < Duration.ofMinutes(5).toMillis()) {
                throw ApplicationFailure.newFailure("exchange unavailable", "UNAVAILABLE");
            }
            return comparedAt.size() == lastFailedAttempt(startedAt) + 2 ? ok("after the outage") : gone();
        });
        start(env, worker);

        newWorkflow(client, worker).run(input(600));

        int failedAttempts = lastFailedAttempt(startedAt) + 1;
        assertThat(failedAttempts).as("the failing comparison was retried").isGreaterThan(1);
        assertThat(comparedAt.get(failedAttempts - 1) - startedAt)
                .isLessThan(Duration.ofMinutes(4).toMillis());
        // The workflow did not end: the next interval compared again, ten minutes after the failure.
        assertThat(comparedAt).hasSize(failedAttempts + 2);
        assertThat(comparedAt.get(failedAttempts) - comparedAt.get(failedAttempts - 1))
                .isBetween(600_000L, 602_000L);
        WorkflowExecutionHistory history = client.fetchHistory(WORKFLOW_ID);
        assertThat(Histories.upsertedValues(history, "Reconciliation")).containsExactly("FAILED", "OK");
        assertThat(Histories.lastAttempts(history, "CompareWithExchange")).containsExactly(failedAttempts, 1, 1);
    }

    @Test
    void givenResultsThatChange_whenCompared_thenTheSearchAttributeShowsOkMismatchAndFailed(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        answer(env, call -> switch (call) {
            case 1, 2 -> ok("r" + call);
            case 3 -> mismatch("r3");
            case 4 -> throw ApplicationFailure.newNonRetryableFailure("API key revoked", "AUTH");
            case 5 -> ok("r5");
            default -> gone();
        });
        start(env, worker);

        newWorkflow(client, worker).run(input(300));

        assertThat(comparedAt).hasSize(6);
        // Upserted on a change only: the second OK wrote nothing.
        assertThat(Histories.upsertedValues(client.fetchHistory(WORKFLOW_ID), "Reconciliation"))
                .containsExactly("OK", "MISMATCH", "FAILED", "OK");
        assertThat(reconciliationAttribute(client)).isEqualTo("OK");
    }

    @Test
    void givenManyComparisons_whenTheRunLimitIsReached_thenContinuesAsNewCarryingTheLastResult(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        int limit = ReconciliationWorkflowImpl.RUNS_BEFORE_CONTINUE_AS_NEW;
        // The first comparison of the new run fails, so that the result it shows is the one carried over.
        answer(env, call -> {
            if (call <= limit) {
                return ok("r" + call);
            }
            if (call == limit + 1) {
                throw ApplicationFailure.newNonRetryableFailure("exchange down", "UNAVAILABLE");
            }
            return gone();
        });
        start(env, worker);
        ReconciliationWorkflow workflow = newWorkflow(client, worker);
        WorkflowExecution firstRun = WorkflowClient.start(workflow::run, input(60));

        // Comparisons at 0, 60, ..., 99 x 60 s, continue-as-new at 100 x 60 s with a comparison at once; the next
        // one is due at 101 x 60 s.
        env.sleep(Duration.ofSeconds(limit * 60L + 30));
        Await.until(Duration.ofSeconds(10), () -> reconciliationAttribute(client), "FAILED"::equals);

        assertThat(comparedAt).hasSize(limit + 1);
        WorkflowStub latest = client.newUntypedWorkflowStub(WORKFLOW_ID);
        String secondRunId = latest.describe().getExecution().getRunId();
        assertThat(secondRunId).isNotEqualTo(firstRun.getRunId());
        assertThat(workflow.lastResult().runId())
                .as("carried across continue-as-new")
                .isEqualTo("r" + limit);

        WorkflowExecutionHistory first = client.fetchHistory(WORKFLOW_ID, firstRun.getRunId());
        assertThat(Histories.scheduledActivities(first)).hasSize(limit);
        ReconciliationInput carried = Histories.continuedAsNewWith(first, ReconciliationInput.class);
        assertThat(carried.connectionId()).isEqualTo(CONNECTION);
        assertThat(carried.intervalSeconds()).isEqualTo(60);
        assertThat(carried.streamedIntervalSeconds()).isEqualTo(STREAMED_INTERVAL_SECONDS);
        assertThat(carried.lastResult()).isEqualTo(ok("r" + limit));

        latest.getResult(Void.class);
        assertThat(comparedAt).hasSize(limit + 2);
    }

    // --- Helpers ---------------------------------------------------------------------------------------------

    /** Answers the n-th comparison (from 1), noting its time. */
    private void answer(TestWorkflowEnvironment env, IntFunction<ReconciliationResult> byCall) {
        when(activities.compareWithExchange(CONNECTION)).thenAnswer(invocation -> {
            comparedAt.add(env.currentTimeMillis());
            return byCall.apply(comparedAt.size());
        });
    }

    /** Seconds between one comparison and the next, rounded down. */
    private List<Long> gaps() {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < comparedAt.size(); i++) {
            gaps.add((comparedAt.get(i) - comparedAt.get(i - 1)) / 1000);
        }
        return gaps;
    }

    /** The index of the last attempt made within the outage of the first five minutes. */
    private int lastFailedAttempt(long startedAt) {
        int last = -1;
        for (int i = 0; i < comparedAt.size(); i++) {
            if (comparedAt.get(i) - startedAt < Duration.ofMinutes(5).toMillis()) {
                last = i;
            }
        }
        return last;
    }

    /** Waits until the workflow has taken in a comparison's result: the mock knows only that it was called. */
    private static void awaitLastResult(ReconciliationWorkflow workflow, String runId) {
        Await.until(
                Duration.ofSeconds(5),
                workflow::lastResult,
                result -> result != null && result.runId().equals(runId));
    }

    private void start(TestWorkflowEnvironment env, Worker worker) {
        worker.registerActivitiesImplementations(activities);
        env.start();
    }

    private static ReconciliationWorkflow newWorkflow(WorkflowClient client, Worker worker) {
        return TestTemporal.newWorkflow(client, worker, ReconciliationWorkflow.class, WORKFLOW_ID);
    }

    private static String reconciliationAttribute(WorkflowClient client) {
        return TestTemporal.searchAttribute(client, WORKFLOW_ID, SearchAttributeKeys.RECONCILIATION);
    }

    private static ReconciliationResult ok(String runId) {
        return new ReconciliationResult(runId, 0, 1, 0, 0, 0, 0, List.of(), false, false);
    }

    /** A comparison that found the connection's account stream connected. */
    private static ReconciliationResult streamed(String runId) {
        return new ReconciliationResult(runId, 0, 1, 0, 0, 0, 0, List.of(), false, true);
    }

    private static ReconciliationResult mismatch(String runId) {
        return new ReconciliationResult(
                runId,
                0,
                1,
                0,
                0,
                0,
                0,
                List.of("BTC/EUR: 0.1 held at the exchange, 0.2 in the database"),
                false,
                false);
    }

    private static ReconciliationResult gone() {
        return new ReconciliationResult("gone", 0, 0, 0, 0, 0, 0, List.of(), true, false);
    }

    private static ReconciliationInput input(long intervalSeconds) {
        return new ReconciliationInput(CONNECTION, intervalSeconds, STREAMED_INTERVAL_SECONDS, null);
    }
}
