package com.algomarket.workflows.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.workflows.support.Histories;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.stream.Stream;

/**
 * The {@value OrderWorkflowImpl#CANCEL_WHEN_KILLED} version gate: every recorded history of an order that was followed
 * at the exchange predates it; they replay with the gate and with the code from before it, and fail to replay without
 * it (the new local activity has no marker in them).
 */
class OrderWorkflowKillCheckVersioningTest extends VersionGateReplayChecks {

    OrderWorkflowKillCheckVersioningTest() {
        // Without the gate every followed order asks the database; before the change none did.
        super(OrderWorkflowImpl.CANCEL_WHEN_KILLED, 1);
    }

    /**
     * Recorded histories in which the workflow woke with no cancel pending while it followed an order at the exchange:
     * there the gated code asks the database. (In the killed-while-resting ones the kill switch's signal ended the
     * first wait, and an order with a cancel pending asks nothing: they replay either way.)
     */
    @Override
    Stream<String> historiesBeforeTheGate() {
        return Stream.of("timed-out-and-cancelled", "partial-fill-then-timeout");
    }

    @Override
    void checkRecordedBeforeTheGate(WorkflowExecutionHistory history) {
        assertThat(Histories.scheduledActivities(history)).contains("Poll");
    }
}
