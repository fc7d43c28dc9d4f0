package com.algomarket.workflows.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.workflows.support.Histories;
import com.algomarket.workflows.support.RecordedHistories;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@value OrderWorkflowImpl#CANCEL_WHEN_KILLED} version gate: every recorded history of an order that was followed
 * at the exchange predates it; they replay with the gate and with the code from before it, and fail to replay without
 * it (the new local activity has no marker in them).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OrderWorkflowKillCheckVersioningTest {

    private static final ReplayWorkers.GateVariants REPLAY = ReplayWorkers.gateVariants(
            WithoutVersionGate.alwaysCheckingTheKill(), WithoutVersionGate.neverCheckingTheKill());

    /**
     * Recorded histories in which the workflow woke with no cancel pending while it followed an order at the exchange:
     * there the gated code asks the database. (In the killed-while-resting ones the kill switch's signal ended the
     * first wait, and an order with a cancel pending asks nothing: they replay either way.)
     */
    static Stream<String> historiesThatFollowedAnOrder() {
        return Stream.of("timed-out-and-cancelled", "partial-fill-then-timeout");
    }

    @ParameterizedTest
    @MethodSource("historiesThatFollowedAnOrder")
    void givenHistoryRecordedBeforeTheKillCheck_whenReplayedWithTheGate_thenCompatible(String scenario)
            throws Exception {
        WorkflowExecutionHistory history = RecordedHistories.load("order", scenario);
        assertThat(Histories.scheduledActivities(history)).contains("Poll");

        WorkflowReplayer.replayWorkflowExecution(history, REPLAY.asDeployed());
        WorkflowReplayer.replayWorkflowExecution(history, REPLAY.beforeTheChange());
    }

    @ParameterizedTest
    @MethodSource("historiesThatFollowedAnOrder")
    void givenHistoryRecordedBeforeTheKillCheck_whenReplayedWithoutTheGate_thenNonDeterministic(String scenario)
            throws Exception {
        WorkflowExecutionHistory history = RecordedHistories.load("order", scenario);

        ReplayWorkers.assertNonDeterministic(history, REPLAY.withoutTheGate());
    }

    @AfterAll
    static void closeEnvironments() {
        REPLAY.close();
    }
}
