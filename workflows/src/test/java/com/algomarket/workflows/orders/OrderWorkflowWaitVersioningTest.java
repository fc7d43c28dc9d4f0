package com.algomarket.workflows.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.workflows.support.Histories;
import com.algomarket.workflows.support.RecordedHistories;
import com.algomarket.workflows.support.RecordedHistory;
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
 * The {@value OrderWorkflowImpl#WAIT_FOR_EXECUTIONS} version gate: the histories recorded before it (orders that
 * polled) replay with it and with the code from before it; an order that waited for the stream's signals replays as
 * deployed, and a rollback to polling code is caught as non-deterministic rather than polling under its history.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OrderWorkflowWaitVersioningTest {

    private static final TestWorkflowEnvironment AS_DEPLOYED = ReplayWorkers.environment();
    // Before the change every order polled, whatever its input says.
    private static final TestWorkflowEnvironment BEFORE_THE_CHANGE =
            ReplayWorkers.environment(WithoutVersionGate.beforeTheChange(OrderWorkflowImpl.WAIT_FOR_EXECUTIONS));
    private static final Worker AS_DEPLOYED_WORKER = ReplayWorkers.replayWorker(AS_DEPLOYED);
    private static final Worker BEFORE_THE_CHANGE_WORKER = ReplayWorkers.replayWorker(BEFORE_THE_CHANGE);

    static Stream<String> historiesThatPolled() {
        return Stream.concat(OrderFixtures.historiesBeforeLocalActivities(), OrderFixtures.historiesWithVersionOne());
    }

    @ParameterizedTest
    @MethodSource("historiesThatPolled")
    void givenHistoryOfAPolledOrder_whenReplayedWithAndWithoutTheChange_thenCompatible(
            @RecordedHistory("order") WorkflowExecutionHistory history) throws Exception {
        WorkflowReplayer.replayWorkflowExecution(history, AS_DEPLOYED_WORKER);
        WorkflowReplayer.replayWorkflowExecution(history, BEFORE_THE_CHANGE_WORKER);
    }

    @Test
    void givenHistoryOfAnOrderThatWaited_whenReplayedAsDeployed_thenCompatibleAndItNeverPolled() throws Exception {
        WorkflowExecutionHistory history = RecordedHistories.load("order", "streamed-limit-filled");
        assertThat(Histories.scheduledActivities(history))
                .contains("Submit", "SettleFromStream")
                .doesNotContain("Poll", "Lookup", "Reconcile");

        WorkflowReplayer.replayWorkflowExecution(history, AS_DEPLOYED_WORKER);
    }

    @Test
    void givenHistoryOfAnOrderThatWaited_whenReplayedByTheCodeBeforeTheChange_thenNonDeterministic() throws Exception {
        WorkflowExecutionHistory history = RecordedHistories.load("order", "streamed-limit-filled");

        ReplayWorkers.assertNonDeterministic(history, BEFORE_THE_CHANGE_WORKER);
    }

    @AfterAll
    static void closeEnvironments() {
        AS_DEPLOYED.close();
        BEFORE_THE_CHANGE.close();
    }
}
