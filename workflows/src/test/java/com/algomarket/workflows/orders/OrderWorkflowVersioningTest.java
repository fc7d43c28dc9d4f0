package com.algomarket.workflows.orders;

import static com.algomarket.workflows.orders.OrderFixtures.INPUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.algomarket.workflows.common.TaskQueues;
import com.algomarket.workflows.notifications.NotificationActivities;
import com.algomarket.workflows.support.Histories;
import com.algomarket.workflows.support.RecordedHistories;
import com.algomarket.workflows.support.RecordedHistory;
import com.algomarket.workflows.support.TestTemporal;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.MarkerRecordedEventAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import io.temporal.worker.Worker;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@value OrderWorkflowImpl#LOCAL_RISK_AND_INTENT} version gate: histories recorded before the risk check and the
 * intent became local activities (version 0), and those of two local activities (version 1), still replay with it and
 * fail to replay without it; new orders take version 2, one local activity.
 */
class OrderWorkflowVersioningTest extends VersionGateReplayChecks {

    @RegisterExtension
    static final TestWorkflowExtension TEMPORAL = TestTemporal.forWorkflow(OrderWorkflowImpl.class, "OrderStatus");

    // The variant of version 1 (one risk step without the version 2 gate), apart from the shared three: the risk
    // check and the intent as one local activity, whatever the history says.
    private static final TestWorkflowEnvironment ONE_STEP_WITHOUT_THE_GATE =
            ReplayWorkers.environment(WithoutVersionGate.pinned(
                    OrderWorkflowImpl.LOCAL_RISK_AND_INTENT, OrderWorkflowImpl.ONE_RISK_AND_INTENT_STEP));
    private static final Worker ONE_STEP_WITHOUT_THE_GATE_WORKER =
            ReplayWorkers.replayWorker(ONE_STEP_WITHOUT_THE_GATE);

    OrderWorkflowVersioningTest() {
        // Without the gate: the two local activities of version 1, as "simply" switching to local activities would.
        super(OrderWorkflowImpl.LOCAL_RISK_AND_INTENT, 1);
    }

    @Override
    Stream<String> historiesBeforeTheGate() {
        return OrderFixtures.historiesBeforeLocalActivities();
    }

    /** Recorded by the old code: no version marker, the risk check and the intent scheduled as activities. */
    @Override
    void checkRecordedBeforeTheGate(WorkflowExecutionHistory history) {
        assertThat(Histories.markerNames(history)).doesNotContain("Version");
        assertThat(Histories.scheduledActivities(history)).startsWith("CheckRisk", "RecordIntent");
    }

    /**
     * The replayer reports the workflow task's failure in its message: the first command the old code sent, the risk
     * check scheduled as an activity, has no counterpart in code that runs it as a local activity.
     */
    @Override
    void assertNonDeterministicWithoutTheGate(WorkflowExecutionHistory history) {
        assertThatThrownBy(() -> WorkflowReplayer.replayWorkflowExecution(history, replay.withoutTheGate()))
                .hasMessageContaining(NonDeterministicException.class.getName())
                .hasMessageContaining("EVENT_TYPE_ACTIVITY_TASK_SCHEDULED");
    }

    @ParameterizedTest
    @MethodSource("com.algomarket.workflows.orders.OrderFixtures#historiesWithVersionOne")
    void givenHistoryRecordedWithVersionOne_whenReplayed_thenCompatibleButNotWithTheCodeBeforeTheChange(
            @RecordedHistory("order") WorkflowExecutionHistory history) throws Exception {
        assertThat(Histories.markerNames(history)).startsWith("Version", "LocalActivity", "LocalActivity");
        assertThat(Histories.scheduledActivities(history)).doesNotContain("CheckRisk", "RecordIntent");

        replayAsDeployed(history);
        // A rollback to the code before the change could not continue the orders started since.
        ReplayWorkers.assertNonDeterministic(history, replay.beforeTheChange());
    }

    @ParameterizedTest
    @MethodSource("com.algomarket.workflows.orders.OrderFixtures#historiesWithVersionOne")
    void givenHistoryRecordedWithVersionOne_whenReplayedAsOneStepWithoutTheGate_thenNonDeterministic(
            @RecordedHistory("order") WorkflowExecutionHistory history) throws Exception {
        // Version 2 without its gate runs one local activity where these histories have two.
        ReplayWorkers.assertNonDeterministic(history, ONE_STEP_WITHOUT_THE_GATE_WORKER);
    }

    @ParameterizedTest
    @MethodSource("com.algomarket.workflows.orders.OrderFixtures#historiesWithVersionTwo")
    void givenHistoryRecordedWithVersionTwo_whenReplayed_thenCompatibleButNotWithVersionOne(
            @RecordedHistory("order") WorkflowExecutionHistory history) throws Exception {
        assertThat(Histories.markerNames(history)).startsWith("Version", "LocalActivity", "Version");
        assertThat(Histories.scheduledActivities(history)).startsWith("Submit");

        replayAsDeployed(history);
        WorkflowReplayer.replayWorkflowExecution(history, ONE_STEP_WITHOUT_THE_GATE_WORKER);
        // A rollback to version 1 (two local activities) could not continue them.
        ReplayWorkers.assertNonDeterministic(history, replay.withoutTheGate());
    }

    @Test
    void givenNewOrder_whenRun_thenVersionTwoWithTheRiskCheckAndTheIntentAsOneLocalActivity(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) throws Exception {
        OrderActivities activities = TestTemporal.mockActivities(OrderActivities.class);
        when(activities.checkRiskAndRecordIntent(any())).thenReturn(RiskDecision.approve());
        when(activities.submit(any())).thenReturn(new OrderSnapshot("x-1", OrderStatus.PENDING, BigDecimal.ZERO, null));
        OrderSnapshot filled =
                new OrderSnapshot("x-1", OrderStatus.FILLED, new BigDecimal("0.5"), new BigDecimal("59000"));
        when(activities.poll(any(), anyString())).thenReturn(filled);
        when(activities.reconcile(any(), anyString())).thenReturn(filled);
        worker.registerActivitiesImplementations(activities);
        env.newWorker(TaskQueues.NOTIFICATIONS)
                .registerActivitiesImplementations(TestTemporal.mockActivities(NotificationActivities.class));
        env.start();

        OrderStatus status = OrderFixtures.newWorkflow(client, worker).run(INPUT);

        assertThat(status).isEqualTo(OrderStatus.FILLED);
        verify(activities).checkRiskAndRecordIntent(INPUT);
        verify(activities, never()).checkRisk(any());
        verify(activities, never()).recordIntent(any());
        WorkflowExecutionHistory history = client.fetchHistory(OrderFixtures.WORKFLOW_ID);
        List<MarkerRecordedEventAttributes> versions =
                Histories.events(history, EventType.EVENT_TYPE_MARKER_RECORDED).stream()
                        .map(event -> event.getMarkerRecordedEventAttributes())
                        .filter(marker -> marker.getMarkerName().equals("Version"))
                        .toList();
        // The first gate, then the second one's (OrderWorkflowKillCheckVersioningTest) once the order is followed, then
        // the third one's (OrderWorkflowNoticeVersioningTest) at its end.
        assertThat(versions).hasSize(3);
        // Spelled out: every order started since the change carries this id, so renaming the constant breaks them.
        assertThat(detail(versions.getFirst(), "changeId", String.class)).isEqualTo("local-risk-and-intent");
        assertThat(detail(versions.getFirst(), "version", Integer.class)).isEqualTo(2);
        // One local activity, then the kill check's gate and its own local activity while the order is followed.
        assertThat(Histories.markerNames(history)).startsWith("Version", "LocalActivity", "Version");
        assertThat(Histories.scheduledActivities(history))
                .doesNotContain("CheckRisk", "RecordIntent", "CheckRiskAndRecordIntent")
                .startsWith("Submit");
        RecordedHistories.recordIfAsked(client, OrderFixtures.WORKFLOW_ID, "order", "one-risk-and-intent-step");
        // The new history replays, as the next change's replay test will need it to, and so does the gateless variant:
        // what breaks the older histories is the missing gate, not the variant.
        replayAsDeployed(history);
        WorkflowReplayer.replayWorkflowExecution(history, ONE_STEP_WITHOUT_THE_GATE_WORKER);
        // A rollback to version 1 could not continue the orders started since.
        ReplayWorkers.assertNonDeterministic(history, replay.withoutTheGate());
    }

    private void replayAsDeployed(WorkflowExecutionHistory history) throws Exception {
        WorkflowReplayer.replayWorkflowExecution(history, replay.asDeployed());
    }

    @AfterAll
    static void closeTheOneStepEnvironment() {
        ONE_STEP_WITHOUT_THE_GATE.close();
    }

    private static <T> T detail(MarkerRecordedEventAttributes marker, String key, Class<T> type) {
        return DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
                marker.getDetailsMap().get(key).getPayloads(0), type, type);
    }
}
