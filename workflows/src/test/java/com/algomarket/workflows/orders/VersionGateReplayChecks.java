package com.algomarket.workflows.orders;

import com.algomarket.workflows.support.RecordedHistory;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The two checks every version gate of the order workflow owes its recorded histories: those recorded before the gate
 * replay with it and with the code from before it, and fail to replay without it. A subclass names the gate, the
 * version it answers without it, and the histories recorded before it; one instance per class, so that its replay
 * environments are shared across the scenarios and closed once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class VersionGateReplayChecks {

    /**
     * The replay workers of the gate, the workflow as deployed, without the gate, and from before the change: created
     * once per test class, closed after its last test.
     */
    protected final ReplayWorkers.GateVariants replay;

    /** The checks of the gate {@code changeId}, which without the gate always answers {@code versionWithoutTheGate}. */
    VersionGateReplayChecks(String changeId, int versionWithoutTheGate) {
        replay = ReplayWorkers.gateVariants(changeId, versionWithoutTheGate);
    }

    /** The recorded order histories that predate the gate. */
    abstract Stream<String> historiesBeforeTheGate();

    /** What a subclass checks of a history before it is replayed, so that it is one the gate meets; none by default. */
    void checkRecordedBeforeTheGate(WorkflowExecutionHistory history) {}

    /** Asserts that the variant without the gate cannot replay the history; a subclass may say more of how it fails. */
    void assertNonDeterministicWithoutTheGate(WorkflowExecutionHistory history) {
        ReplayWorkers.assertNonDeterministic(history, replay.withoutTheGate());
    }

    @ParameterizedTest
    @MethodSource("historiesBeforeTheGate")
    void givenHistoryRecordedBeforeTheGate_whenReplayedWithTheGate_thenCompatible(
            @RecordedHistory("order") WorkflowExecutionHistory history) throws Exception {
        checkRecordedBeforeTheGate(history);

        WorkflowReplayer.replayWorkflowExecution(history, replay.asDeployed());
        WorkflowReplayer.replayWorkflowExecution(history, replay.beforeTheChange());
    }

    @ParameterizedTest
    @MethodSource("historiesBeforeTheGate")
    void givenHistoryRecordedBeforeTheGate_whenReplayedWithoutTheGate_thenNonDeterministic(
            @RecordedHistory("order") WorkflowExecutionHistory history) throws Exception {
        assertNonDeterministicWithoutTheGate(history);
    }

    @AfterAll
    void closeEnvironments() {
        replay.close();
    }
}
