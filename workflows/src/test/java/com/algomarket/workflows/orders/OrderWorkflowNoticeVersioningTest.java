package com.algomarket.workflows.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.workflows.support.Histories;
import com.algomarket.workflows.support.RecordedHistories;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
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

    private static final ReplayWorkers.GateVariants REPLAY =
            ReplayWorkers.gateVariants(WithoutVersionGate.alwaysNotifying(), WithoutVersionGate.neverNotifying());

    static Stream<String> historiesBeforeTheNotice() {
        return Stream.concat(OrderFixtures.historiesBeforeLocalActivities(), OrderFixtures.historiesWithVersionOne());
    }

    @ParameterizedTest
    @MethodSource("historiesBeforeTheNotice")
    void givenHistoryRecordedBeforeTheNotice_whenReplayedWithTheGate_thenCompatible(String scenario) throws Exception {
        WorkflowExecutionHistory history = RecordedHistories.load("order", scenario);

        WorkflowReplayer.replayWorkflowExecution(history, REPLAY.asDeployed());
        WorkflowReplayer.replayWorkflowExecution(history, REPLAY.beforeTheChange());
    }

    @ParameterizedTest
    @MethodSource("historiesBeforeTheNotice")
    void givenHistoryRecordedBeforeTheNotice_whenReplayedWithoutTheGate_thenNonDeterministic(String scenario)
            throws Exception {
        WorkflowExecutionHistory history = RecordedHistories.load("order", scenario);

        ReplayWorkers.assertNonDeterministic(history, REPLAY.withoutTheGate());
    }

    @Test
    void givenHistoryRecordedWithTheNotice_whenReplayed_thenCompatibleAndTheNoticeComesLast() throws Exception {
        WorkflowExecutionHistory history = RecordedHistories.load("order", "filled-then-owner-notified");
        assertThat(Histories.scheduledActivities(history)).last().isEqualTo("OrderEnded");

        WorkflowReplayer.replayWorkflowExecution(history, REPLAY.asDeployed());
        WorkflowReplayer.replayWorkflowExecution(history, REPLAY.withoutTheGate());
    }

    @AfterAll
    static void closeEnvironments() {
        REPLAY.close();
    }
}
