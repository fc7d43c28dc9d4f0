package com.algomarket.workflows.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.exchange.ClientOrderIds;
import com.algomarket.workflows.orders.OrderInput;
import com.algomarket.workflows.orders.PlannedOrder;
import com.algomarket.workflows.support.Histories;
import com.algomarket.workflows.support.OrderInputs;
import com.algomarket.workflows.support.TestTemporal;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.InOrder;

/**
 * A signal's fan-out, with planning and starting mocked. The orders are started by an activity, not as children (see
 * SignalActivities#startOrders): which workflows it starts, with which ids, attributes and memo, is that activity's
 * test; child orders started by a workflow are FlattenWorkflowTest's.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SignalWorkflowTest {

    @RegisterExtension
    static final TestWorkflowExtension TEMPORAL = TestTemporal.forWorkflow(SignalWorkflowImpl.class);

    private static final String SIGNAL = "sig-1";

    private final SignalActivities activities = TestTemporal.mockActivities(SignalActivities.class);

    private final PlannedOrder first = planned("p-1", "u-1", "a-1");
    private final PlannedOrder second = planned("p-2", "u-2", null);
    private final PlannedOrder third = planned("p-3", "u-3", "a-1");

    @Test
    void givenTwoPages_whenFannedOut_thenEachPageIsPlannedThenStartedAndTheCountsAdded(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        planTwoPagesStarting(2, 1);
        start(env, worker);

        SignalOutcome outcome = signalWorkflow(client, worker).run(SIGNAL);

        assertThat(outcome).isEqualTo(new SignalOutcome(3, 3));
        InOrder order = inOrder(activities);
        order.verify(activities).planOrders(SIGNAL, null, SignalWorkflowImpl.PAGE_SIZE);
        order.verify(activities).startOrders(List.of(first, second));
        order.verify(activities).planOrders(SIGNAL, "p-2", SignalWorkflowImpl.PAGE_SIZE);
        order.verify(activities).startOrders(List.of(third));
        verify(activities, times(2)).planOrders(any(), any(), anyInt());
        verify(activities, times(2)).startOrders(any());

        WorkflowExecutionHistory history = client.fetchHistory(WorkflowIds.signal(SIGNAL));
        // Local activities: recorded as markers, never scheduled through the task queue; and no child workflows.
        assertThat(Histories.scheduledActivities(history)).isEmpty();
        // The version marker says a new fan-out pages by PAGE_SIZE; a recorded one without it replays with pages of
        // 500.
        assertThat(Histories.markerNames(history))
                .containsExactly("Version", "LocalActivity", "LocalActivity", "LocalActivity", "LocalActivity");
        assertThat(Histories.events(history, EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED))
                .isEmpty();
    }

    @Test
    void givenOrdersThatExistAlready_whenStarted_thenOnlyTheOnesStartedNowAreCounted(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        // p-2's order was started before (a reset signal workflow): the activity leaves it and does not count it.
        planTwoPagesStarting(1, 1);
        start(env, worker);

        assertThat(signalWorkflow(client, worker).run(SIGNAL)).isEqualTo(new SignalOutcome(2, 3));
    }

    @Test
    void givenStartingFailsOnce_whenRetried_thenTheSamePageIsStartedAgainAndCountedOnce(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        planTwoPages();
        when(activities.startOrders(List.of(first, second)))
                .thenThrow(new IllegalStateException("frontend unavailable"))
                .thenReturn(2);
        when(activities.startOrders(List.of(third))).thenReturn(1);
        start(env, worker);

        assertThat(signalWorkflow(client, worker).run(SIGNAL)).isEqualTo(new SignalOutcome(3, 3));

        verify(activities, times(2)).startOrders(List.of(first, second));
        verify(activities, times(1)).planOrders(SIGNAL, null, SignalWorkflowImpl.PAGE_SIZE);
    }

    @Test
    void givenPlanningFailsOnce_whenRetried_thenTheFanOutCompletes(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        when(activities.planOrders(SIGNAL, null, SignalWorkflowImpl.PAGE_SIZE))
                .thenThrow(new IllegalStateException("database restarting"))
                .thenReturn(new FanOutPage(List.of(first), 0, null));
        when(activities.startOrders(List.of(first))).thenReturn(1);
        start(env, worker);

        SignalOutcome outcome = signalWorkflow(client, worker).run(SIGNAL);

        assertThat(outcome).isEqualTo(new SignalOutcome(1, 0));
        verify(activities, times(2)).planOrders(SIGNAL, null, SignalWorkflowImpl.PAGE_SIZE);
        verify(activities, times(1)).startOrders(List.of(first));
    }

    @Test
    void givenNoPortfolioMayTradeOnAPage_whenFannedOut_thenOnlyRejectionsCountedAndThatPageStartsNothing(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        when(activities.planOrders(SIGNAL, null, SignalWorkflowImpl.PAGE_SIZE))
                .thenReturn(new FanOutPage(List.of(), 4, "p-4"));
        when(activities.planOrders(SIGNAL, "p-4", SignalWorkflowImpl.PAGE_SIZE))
                .thenReturn(new FanOutPage(List.of(), 1, null));
        start(env, worker);

        assertThat(signalWorkflow(client, worker).run(SIGNAL)).isEqualTo(new SignalOutcome(0, 5));

        verify(activities, never()).startOrders(any());
    }

    // --- Helpers ---------------------------------------------------------------------------------------------

    /** Two pages, then none: three orders to start and three portfolios rejected. */
    private void planTwoPages() {
        when(activities.planOrders(SIGNAL, null, SignalWorkflowImpl.PAGE_SIZE))
                .thenReturn(new FanOutPage(List.of(first, second), 1, "p-2"));
        when(activities.planOrders(SIGNAL, "p-2", SignalWorkflowImpl.PAGE_SIZE))
                .thenReturn(new FanOutPage(List.of(third), 2, null));
    }

    /** Two pages planned, whose starts answer how many of each page's orders were started now. */
    private void planTwoPagesStarting(int startedOfFirstPage, int startedOfSecondPage) {
        planTwoPages();
        when(activities.startOrders(List.of(first, second))).thenReturn(startedOfFirstPage);
        when(activities.startOrders(List.of(third))).thenReturn(startedOfSecondPage);
    }

    private void start(TestWorkflowEnvironment env, Worker worker) {
        worker.registerActivitiesImplementations(activities);
        env.start();
    }

    private static SignalWorkflow signalWorkflow(WorkflowClient client, Worker worker) {
        return TestTemporal.newWorkflow(client, worker, SignalWorkflow.class, WorkflowIds.signal(SIGNAL));
    }

    private static PlannedOrder planned(String portfolioId, String userId, String algorithmId) {
        String workflowId = WorkflowIds.order(portfolioId, SIGNAL);
        OrderInput input = OrderInputs.paperOrder()
                .ids("o-" + portfolioId, portfolioId, SIGNAL, "c-" + portfolioId)
                .clientOrderId(ClientOrderIds.forBusinessKey(workflowId))
                .referencePrice("60000")
                .build();
        return new PlannedOrder(input, userId, algorithmId);
    }
}
