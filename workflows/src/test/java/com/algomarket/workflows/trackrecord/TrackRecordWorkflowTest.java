package com.algomarket.workflows.trackrecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.support.Await;
import com.algomarket.workflows.support.Histories;
import com.algomarket.workflows.support.RecordedHistories;
import com.algomarket.workflows.support.TestTemporal;
import com.algomarket.workflows.support.TimedCalls;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The hourly track-record run over every algorithm, with the page activity mocked and time skipped. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TrackRecordWorkflowTest {

    @RegisterExtension
    static final TestWorkflowExtension TEMPORAL = TestTemporal.forWorkflow(TrackRecordWorkflowImpl.class);

    private static final long HOUR = TrackRecordWorkflowImpl.EVERY.toMillis();

    private final TrackRecordActivities activities = TestTemporal.mockActivities(TrackRecordActivities.class);
    /** Each page asked for ({@code after}), with the test server's time of the call. */
    private final TimedCalls<String> timed = new TimedCalls<>();

    private final List<TimedCalls.Call<String>> calls = timed.calls();

    /** Runs are an hour apart, give or take the moments between a run's start and its first activity call. */
    @Test
    void givenAStart_whenHoursPass_thenRunsAtOnceAndThenEveryHourPagingThroughTheAlgorithms(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        startAnswering(
                env,
                worker,
                after -> after == null
                        ? new TrackRecordPage(50, 0, "a50", false)
                        : new TrackRecordPage(7, 1, "a58", true));
        long startedAt = env.currentTimeMillis();

        TrackRecordWorkflow workflow = startWorkflow(client, worker, null);
        Await.until(Duration.ofSeconds(10), workflow::lastRun, tally -> tally != null);
        RecordedHistories.recordIfAsked(client, WorkflowIds.TRACK_RECORDS, "track-records", "two-pages");
        env.sleep(Duration.ofHours(2).plusMinutes(1));
        timed.awaitAtLeast(6);

        assertThat(calls).extracting(TimedCalls.Call::input).containsExactly(null, "a50", null, "a50", null, "a50");
        for (int run = 1; run < 3; run++) {
            assertThat(calls.get(2 * run).at() - startedAt)
                    .as("run %d an hour after the last", run)
                    .isBetween(run * HOUR - 1_000, run * HOUR + 1_000);
        }
        assertThat(workflow.lastRun().updated()).isEqualTo(57);
        assertThat(workflow.lastRun().failed()).isEqualTo(1);
    }

    @Test
    void givenComputeNow_whenSignalled_thenRunsAtOnceAndTheNextRunAnHourAfterIt(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        startAnswering(env, worker, after -> new TrackRecordPage(calls.size(), 0, "a1", true));
        TrackRecordWorkflow workflow = startWorkflow(client, worker, null);
        Await.until(Duration.ofSeconds(10), workflow::lastRun, tally -> tally != null);

        workflow.computeNow();

        Await.until(Duration.ofSeconds(10), workflow::lastRun, tally -> tally.updated() == 2);
        assertThat(calls.get(1).at() - calls.get(0).at())
                .as("at once, not in an hour")
                .isLessThan(60_000L);
        RecordedHistories.recordIfAsked(client, WorkflowIds.TRACK_RECORDS, "track-records", "compute-now");
        env.sleep(Duration.ofMinutes(59));
        assertThat(calls).hasSize(2);
        env.sleep(Duration.ofMinutes(2));
        timed.awaitAtLeast(3);
        assertThat(calls.get(2).at() - calls.get(1).at()).isBetween(HOUR - 1_000, HOUR + 1_000);
    }

    @Test
    void givenAPageFailingPastItsDeadline_whenRun_thenThatRunStopsThereAndTheNextRunStartsOver(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        long failUntil = env.currentTimeMillis() + HOUR;
        startAnswering(env, worker, after -> {
            if (after != null && env.currentTimeMillis() < failUntil) {
                throw ApplicationFailure.newFailure("database unavailable", "UNAVAILABLE");
            }
            return after == null ? new TrackRecordPage(50, 0, "a50", false) : new TrackRecordPage(3, 0, "a53", true);
        });

        TrackRecordWorkflow workflow = startWorkflow(client, worker, null);
        env.sleep(Duration.ofMinutes(40));
        Await.until(Duration.ofSeconds(10), workflow::lastRun, tally -> tally != null);
        assertThat(workflow.lastRun().updated()).as("the first page only").isEqualTo(50);

        env.sleep(Duration.ofMinutes(30));
        Await.until(Duration.ofSeconds(10), workflow::lastRun, tally -> tally.updated() == 53);
    }

    @Test
    void givenADayOfRuns_whenTheLimitIsReached_thenContinuesAsNewAndKeepsTheHourlyPace(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        startAnswering(env, worker, after -> new TrackRecordPage(1, 0, "a1", true));
        int limit = TrackRecordWorkflowImpl.RUNS_BEFORE_CONTINUE_AS_NEW;

        WorkflowExecution firstRun = WorkflowClient.start(newWorkflow(client, worker)::run, new TrackRecordInput(null));
        env.sleep(Duration.ofHours(limit - 1).plusMinutes(30));
        timed.awaitAtLeast(limit);

        WorkflowExecutionHistory first = client.fetchHistory(WorkflowIds.TRACK_RECORDS, firstRun.getRunId());
        assertThat(Histories.scheduledActivities(first)).hasSize(limit);
        TrackRecordInput carried = Histories.continuedAsNewWith(first, TrackRecordInput.class);
        assertThat(carried.lastRun().updated())
                .as("the last run's tally, carried")
                .isEqualTo(1);
        assertThat(calls).as("the new run waits out the hour first").hasSize(limit);

        env.sleep(Duration.ofHours(1));
        timed.awaitAtLeast(limit + 1);
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < calls.size(); i++) {
            gaps.add(calls.get(i).at() - calls.get(i - 1).at());
        }
        assertThat(gaps).allSatisfy(gap -> assertThat(gap).isBetween(HOUR - 1_000, HOUR + 1_000));
    }

    // --- Helpers ---------------------------------------------------------------------------------------------

    /** Stubs the activity to note each call and answer {@code page}, registers it, and starts the test server. */
    private void startAnswering(TestWorkflowEnvironment env, Worker worker, Function<String, TrackRecordPage> page) {
        when(activities.updatePage(any())).thenAnswer(timed.noting(env, page));
        worker.registerActivitiesImplementations(activities);
        env.start();
    }

    private static TrackRecordWorkflow startWorkflow(WorkflowClient client, Worker worker, TrackRecordTally lastRun) {
        TrackRecordWorkflow workflow = newWorkflow(client, worker);
        WorkflowClient.start(workflow::run, new TrackRecordInput(lastRun));
        return workflow;
    }

    private static TrackRecordWorkflow newWorkflow(WorkflowClient client, Worker worker) {
        return TestTemporal.newWorkflow(client, worker, TrackRecordWorkflow.class, WorkflowIds.TRACK_RECORDS);
    }
}
