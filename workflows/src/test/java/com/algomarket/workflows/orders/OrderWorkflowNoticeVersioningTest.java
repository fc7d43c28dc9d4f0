package com.algomarket.workflows.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.workflows.support.Histories;
import com.algomarket.workflows.support.RecordedHistories;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The {@value OrderWorkflowImpl#NOTIFY_OWNER} version gate: every recorded history predates it and ends at the order's
 * final record; they replay with the gate and with the code from before it, and fail to replay without it (the new
 * activity has no place in them). The history recorded with the notice replays as deployed.
 */
class OrderWorkflowNoticeVersioningTest extends VersionGateReplayChecks {

    OrderWorkflowNoticeVersioningTest() {
        // Without the gate every order tells its owner how it ended; before the change none did.
        super(OrderWorkflowImpl.NOTIFY_OWNER, 1);
    }

    @Override
    Stream<String> historiesBeforeTheGate() {
        return Stream.concat(OrderFixtures.historiesBeforeLocalActivities(), OrderFixtures.historiesWithVersionOne());
    }

    @Test
    void givenHistoryRecordedWithTheNotice_whenReplayed_thenCompatibleAndTheNoticeComesLast() throws Exception {
        WorkflowExecutionHistory history = RecordedHistories.load("order", "filled-then-owner-notified");
        assertThat(Histories.scheduledActivities(history)).last().isEqualTo("OrderEnded");

        WorkflowReplayer.replayWorkflowExecution(history, replay.asDeployed());
        WorkflowReplayer.replayWorkflowExecution(history, replay.withoutTheGate());
    }
}
