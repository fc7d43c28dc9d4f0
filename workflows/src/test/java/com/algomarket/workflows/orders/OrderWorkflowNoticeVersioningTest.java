package com.algomarket.workflows.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.workflows.support.Histories;
import com.algomarket.workflows.support.RecordedHistories;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@value OrderWorkflowImpl#NOTIFY_OWNER} version gate: every recorded history predates it and ends at the order's
 * final record; they replay with the gate and with the code from before it, and fail to replay without it (the new
 * activity has no place in them). The history recorded with the notice replays as deployed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OrderWorkflowNoticeVersioningTest {

    private static final TestWorkflowEnvironment AS_DEPLOYED = ReplayWorkers.environment();
    private static final TestWorkflowEnvironment WITHOUT_THE_GATE =
            ReplayWorkers.environment(WithoutVersionGate.alwaysNotifying());
    private static final TestWorkflowEnvironment BEFORE_THE_CHANGE =
            ReplayWorkers.environment(WithoutVersionGate.neverNotifying());
    private static final Worker AS_DEPLOYED_WORKER = ReplayWorkers.replayWorker(AS_DEPLOYED);
    private static final Worker WITHOUT_THE_GATE_WORKER = ReplayWorkers.replayWorker(WITHOUT_THE_GATE);
    private static final Worker BEFORE_THE_CHANGE_WORKER = ReplayWorkers.replayWorker(BEFORE_THE_CHANGE);

    static Stream<String> historiesBeforeTheNotice() {
        return Stream.concat(OrderFixtures.historiesBeforeLocalActivities(), OrderFixtures.historiesWithVersionOne());
    }

    @ParameterizedTest
    @MethodSource("historiesBeforeTheNotice")
    void givenHistoryRecordedBeforeTheNotice_whenReplayedWithTheGate_thenCompatible(String scenario) throws Exception {
        WorkflowExecutionHistory history = RecordedHistories.load("order", scenario);

        WorkflowReplayer.replayWorkflowExecution(history, AS_DEPLOYED_WORKER);
        WorkflowReplayer.replayWorkflowExecution(history, BEFORE_THE_CHANGE_WORKER);
    }

    @ParameterizedTest
    @MethodSource("historiesBeforeTheNotice")
    void givenHistoryRecordedBeforeTheNotice_whenReplayedWithoutTheGate_thenNonDeterministic(String scenario)
            throws Exception {
        WorkflowExecutionHistory history = RecordedHistories.load("order", scenario);

        ReplayWorkers.assertNonDeterministic(history, WITHOUT_THE_GATE_WORKER);
    }

    @Test
    void givenHistoryRecordedWithTheNotice_whenReplayed_thenCompatibleAndTheNoticeComesLast() throws Exception {
        WorkflowExecutionHistory history = RecordedHistories.load("order", "filled-then-owner-notified");
        assertThat(Histories.scheduledActivities(history)).last().isEqualTo("OrderEnded");

        WorkflowReplayer.replayWorkflowExecution(history, AS_DEPLOYED_WORKER);
        WorkflowReplayer.replayWorkflowExecution(history, WITHOUT_THE_GATE_WORKER);
    }

    @AfterAll
    static void closeEnvironments() {
        AS_DEPLOYED.close();
        WITHOUT_THE_GATE.close();
        BEFORE_THE_CHANGE.close();
    }
}
