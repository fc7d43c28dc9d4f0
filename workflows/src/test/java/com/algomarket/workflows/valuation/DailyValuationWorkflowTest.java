package com.algomarket.workflows.valuation;

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
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The daily valuation of every portfolio, with the page activity mocked and time skipped. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DailyValuationWorkflowTest {

    /**
     * The test server's clock starts at a fixed morning: the tests skip hours and days, and started by the wall clock
     * late in a UTC day, a two-hour wait would cross midnight and value the next day (CI failed so at 22:03 UTC).
     */
    @RegisterExtension
    static final TestWorkflowExtension TEMPORAL =
            TestTemporal.forWorkflowStartingAt(Instant.parse("2026-03-02T09:30:00Z"), DailyValuationWorkflowImpl.class);

    private static final long DAY = DailyValuationWorkflowImpl.DAY_MILLIS;

    private final ValuationActivities activities = TestTemporal.mockActivities(ValuationActivities.class);
    /** Each page asked for, with the test server's time of the call. */
    private final TimedCalls<ValuationPageInput> timed = new TimedCalls<>();

    private final List<TimedCalls.Call<ValuationPageInput>> calls = timed.calls();

    @Test
    void givenAStart_whenDaysPass_thenValuesAtOnceAndThenAtEachUtcMidnight(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        startAnswering(env, worker, input -> new ValuationPage(3, 0, "p3", true));
        long startDay = Math.floorDiv(env.currentTimeMillis(), DAY);

        DailyValuationWorkflow workflow = startWorkflow(client, worker, null);
        env.sleep(Duration.ofDays(3));
        timed.awaitAtLeast(4);

        assertThat(calls)
                .extracting(call -> call.input().epochDay())
                .containsExactly(startDay, startDay + 1, startDay + 2, startDay + 3);
        assertThat(calls).extracting(call -> call.input().afterPortfolioId()).containsOnlyNulls();
        for (TimedCalls.Call<ValuationPageInput> midnight : calls.subList(1, calls.size())) {
            assertThat(midnight.at() - midnight.input().epochDay() * DAY)
                    .as("valued just after midnight UTC")
                    .isBetween(0L, 1_000L);
        }
        assertThat(workflow.lastValuation()).isEqualTo(new ValuationTally(startDay + 3, 3, 0));
    }

    @Test
    void givenMorePortfoliosThanAPage_whenValued_thenPagesFromWhereTheLastStoppedAndTalliesThem(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        startAnswering(
                env,
                worker,
                input -> input.afterPortfolioId() == null
                        ? new ValuationPage(98, 2, "p100", false)
                        : new ValuationPage(40, 1, "p141", true));
        long today = Math.floorDiv(env.currentTimeMillis(), DAY);

        DailyValuationWorkflow workflow = startWorkflow(client, worker, null);
        Await.until(Duration.ofSeconds(10), workflow::lastValuation, tally -> tally != null);

        assertThat(calls)
                .extracting(TimedCalls.Call::input)
                .containsExactly(new ValuationPageInput(today, null), new ValuationPageInput(today, "p100"));
        assertThat(workflow.lastValuation()).isEqualTo(new ValuationTally(today, 138, 3));
        RecordedHistories.recordIfAsked(client, WorkflowIds.DAILY_VALUATION, "daily-valuation", "two-pages");
    }

    @Test
    void givenValueNow_whenSignalled_thenValuesAgainTheSameDayAndNotAgainUntilMidnight(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        startAnswering(env, worker, input -> new ValuationPage(calls.size(), 0, "p1", true));
        DailyValuationWorkflow workflow = startWorkflow(client, worker, null);
        Await.until(Duration.ofSeconds(10), workflow::lastValuation, tally -> tally != null);

        workflow.valueNow();

        Await.until(Duration.ofSeconds(10), workflow::lastValuation, tally -> tally.valued() == 2);
        assertThat(calls.get(1).at() - calls.get(0).at())
                .as("at once, not at midnight")
                .isLessThan(60_000L);
        assertThat(calls.get(1).input().epochDay())
                .isEqualTo(calls.get(0).input().epochDay());
        RecordedHistories.recordIfAsked(client, WorkflowIds.DAILY_VALUATION, "daily-valuation", "value-now");
    }

    @Test
    void givenAPageFailingPastItsDeadline_whenValued_thenThatDayStopsThereAndTheNextDayValuesAgain(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        long today = Math.floorDiv(env.currentTimeMillis(), DAY);
        startAnswering(env, worker, input -> {
            if (input.epochDay() == today && input.afterPortfolioId() != null) {
                throw ApplicationFailure.newFailure("database unavailable", "UNAVAILABLE");
            }
            return input.afterPortfolioId() == null
                    ? new ValuationPage(100, 0, "p100", false)
                    : new ValuationPage(5, 0, "p105", true);
        });

        DailyValuationWorkflow workflow = startWorkflow(client, worker, null);
        env.sleep(Duration.ofHours(2));
        Await.until(Duration.ofSeconds(10), workflow::lastValuation, tally -> tally != null);

        assertThat(workflow.lastValuation()).as("the first page's tally").isEqualTo(new ValuationTally(today, 100, 0));
        long failedAttempts = calls.stream()
                .filter(call -> call.input().afterPortfolioId() != null)
                .count();
        assertThat(failedAttempts).as("retried with backoff").isGreaterThan(3);
        assertThat(calls.getLast().at() - calls.getFirst().at())
                .as("given up within the hour")
                .isLessThanOrEqualTo(Duration.ofHours(1).toMillis());

        env.sleep(Duration.ofDays(1));
        Await.until(Duration.ofSeconds(10), workflow::lastValuation, tally -> tally.epochDay() == today + 1);
        assertThat(workflow.lastValuation()).isEqualTo(new ValuationTally(today + 1, 105, 0));
    }

    @Test
    void givenAWeekOfValuations_whenTheLimitIsReached_thenContinuesAsNewCarryingTheLastTally(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        startAnswering(env, worker, input -> new ValuationPage(1, 0, "p1", true));
        long startDay = Math.floorDiv(env.currentTimeMillis(), DAY);
        int limit = DailyValuationWorkflowImpl.VALUATIONS_BEFORE_CONTINUE_AS_NEW;

        WorkflowExecution firstRun =
                WorkflowClient.start(newWorkflow(client, worker)::run, new DailyValuationInput(null));
        // Valuations on days 0..6 of the first run; the second run starts on day 6 and, that day valued, waits.
        env.sleep(Duration.ofDays(limit - 1).plusHours(1));
        timed.awaitAtLeast(limit);

        WorkflowExecutionHistory first = client.fetchHistory(WorkflowIds.DAILY_VALUATION, firstRun.getRunId());
        assertThat(Histories.scheduledActivities(first)).hasSize(limit);
        DailyValuationInput carried = Histories.continuedAsNewWith(first, DailyValuationInput.class);
        assertThat(carried.lastValuation()).isEqualTo(new ValuationTally(startDay + limit - 1, 1, 0));
        assertThat(calls).as("the new run does not value the same day again").hasSize(limit);

        env.sleep(Duration.ofDays(1));
        timed.awaitAtLeast(limit + 1);
        assertThat(calls.getLast().input().epochDay()).isEqualTo(startDay + limit);
    }

    // --- Helpers ---------------------------------------------------------------------------------------------

    /** Stubs the activity to note each call and answer {@code page}, registers it, and starts the test server. */
    private void startAnswering(
            TestWorkflowEnvironment env, Worker worker, Function<ValuationPageInput, ValuationPage> page) {
        when(activities.valuePage(any())).thenAnswer(timed.noting(env, page));
        worker.registerActivitiesImplementations(activities);
        env.start();
    }

    private static DailyValuationWorkflow startWorkflow(
            WorkflowClient client, Worker worker, ValuationTally lastValuation) {
        DailyValuationWorkflow workflow = newWorkflow(client, worker);
        WorkflowClient.start(workflow::run, new DailyValuationInput(lastValuation));
        return workflow;
    }

    private static DailyValuationWorkflow newWorkflow(WorkflowClient client, Worker worker) {
        return TestTemporal.newWorkflow(client, worker, DailyValuationWorkflow.class, WorkflowIds.DAILY_VALUATION);
    }
}
