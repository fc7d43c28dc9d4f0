package com.algomarket.workflows.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import com.algomarket.workflows.common.Histories;
import com.algomarket.workflows.common.SearchAttributeKeys;
import com.algomarket.workflows.common.TaskQueues;
import com.algomarket.workflows.exchange.ClientOrderIds;
import com.algomarket.workflows.order.OrderInput;
import com.algomarket.workflows.order.OrderStatus;
import com.algomarket.workflows.order.OrderWorkflow;
import com.algomarket.workflows.order.PlannedOrder;
import com.algomarket.workflows.order.RecordingOrderWorkflow;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.InOrder;

/** A signal's fan-out, with planning mocked and the order workflows replaced by a stand-in that records its input. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SignalWorkflowTest {

    @RegisterExtension
    static final TestWorkflowExtension TEMPORAL = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(SignalWorkflowImpl.class)
            .registerSearchAttribute("UserId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
            .registerSearchAttribute("PortfolioId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
            .registerSearchAttribute("AlgorithmId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
            .registerSearchAttribute("Exchange", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
            .registerSearchAttribute("OrderStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
            .setDoNotStart(true)
            .build();

    private static final String SIGNAL = "sig-1";

    private final SignalActivities activities = mock(SignalActivities.class, withSettings().withoutAnnotations());
    private final Map<String, OrderInput> ordersStarted = new ConcurrentHashMap<>();

    private final PlannedOrder first = planned("p-1", "u-1", "a-1", "0.01");
    private final PlannedOrder second = planned("p-2", "u-2", null, "0.02");
    private final PlannedOrder third = planned("p-3", "u-3", "a-1", "0.03");

    @Test
    void givenTwoPages_whenFannedOut_thenOneAbandonedChildOrderPerPlannedOrderWithItsAttributesAndMemo(
            TestWorkflowEnvironment env, Worker worker) {
        planTwoPages();
        WorkflowClient client = start(env, worker);

        SignalOutcome outcome = signalWorkflow(client, worker).run(SIGNAL);

        assertThat(outcome).isEqualTo(new SignalOutcome(3, 3));
        InOrder pages = inOrder(activities);
        pages.verify(activities).planOrders(SIGNAL, null, SignalWorkflowImpl.PAGE_SIZE);
        pages.verify(activities).planOrders(SIGNAL, "p-2", SignalWorkflowImpl.PAGE_SIZE);
        verify(activities, times(2)).planOrders(any(), any(), anyInt());

        for (PlannedOrder order : List.of(first, second, third)) {
            String id = "order-" + order.input().portfolioId() + "-" + SIGNAL;
            WorkflowExecutionDescription child = client.newUntypedWorkflowStub(id).describe();
            // The signal workflow has completed, its children run on: they were abandoned, not awaited.
            assertThat(child.getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
            assertThat(child.getParentExecution().getWorkflowId()).isEqualTo(SignalWorkflow.workflowId(SIGNAL));
            assertThat(child.getTaskQueue()).isEqualTo(TaskQueues.ORDERS);
            SearchAttributes attributes = child.getTypedSearchAttributes();
            assertThat(attributes.get(SearchAttributeKeys.USER_ID)).isEqualTo(order.userId());
            assertThat(attributes.get(SearchAttributeKeys.PORTFOLIO_ID)).isEqualTo(order.input().portfolioId());
            assertThat(attributes.get(SearchAttributeKeys.EXCHANGE)).isEqualTo("PAPER");
            assertThat(attributes.get(SearchAttributeKeys.ORDER_STATUS)).isEqualTo("NEW");
            assertThat(attributes.get(SearchAttributeKeys.ALGORITHM_ID)).isEqualTo(order.algorithmId());
            assertThat(child.getMemo("symbol", String.class)).isEqualTo("BTC/EUR");
            assertThat(child.getMemo("side", String.class)).isEqualTo("BUY");
            assertThat(child.getMemo("type", String.class)).isEqualTo("MARKET");
            assertThat(child.getMemo("quantity", String.class)).isEqualTo(order.input().quantity().toPlainString());

            assertThat(cancelAndAwait(client, id)).isEqualTo(OrderStatus.CANCELLED);
            assertThat(ordersStarted.get(id)).isEqualTo(order.input());
        }
        assertThat(ordersStarted).hasSize(3);

        WorkflowExecutionHistory history = client.fetchHistory(SignalWorkflow.workflowId(SIGNAL));
        List<HistoryEvent> initiated =
                Histories.events(history, EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED);
        assertThat(initiated).hasSize(3).allSatisfy(event -> assertThat(
                event.getStartChildWorkflowExecutionInitiatedEventAttributes().getParentClosePolicy())
                .isEqualTo(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON));
        assertThat(Histories.events(history, EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED)).hasSize(3);
        // Planning is a local activity: recorded as markers, never scheduled through the task queue.
        assertThat(Histories.scheduledActivities(history)).isEmpty();
        assertThat(Histories.markerNames(history)).containsExactly("LocalActivity", "LocalActivity");
    }

    @Test
    void givenAnOrderThatExistsAlready_whenFannedOut_thenLeftAsItIsNotCountedAndTheOthersStarted(
            TestWorkflowEnvironment env, Worker worker) {
        planTwoPages();
        WorkflowClient client = start(env, worker);
        String existingId = "order-p-2-" + SIGNAL;
        OrderInput earlier = planned("p-2", "u-2", null, "9").input();
        WorkflowClient.start(client.newWorkflowStub(OrderWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(existingId).setTaskQueue(TaskQueues.ORDERS).build())::run, earlier);

        SignalOutcome outcome = signalWorkflow(client, worker).run(SIGNAL);

        assertThat(outcome).isEqualTo(new SignalOutcome(2, 3));
        assertThat(client.newUntypedWorkflowStub(existingId).describe().getParentExecution())
                .as("the existing order is not the fan-out's child").isNull();
        assertThat(cancelAndAwait(client, existingId)).isEqualTo(OrderStatus.CANCELLED);
        assertThat(ordersStarted.get(existingId)).isEqualTo(earlier);
        for (String id : List.of("order-p-1-" + SIGNAL, "order-p-3-" + SIGNAL)) {
            assertThat(client.newUntypedWorkflowStub(id).describe().getParentExecution().getWorkflowId())
                    .isEqualTo(SignalWorkflow.workflowId(SIGNAL));
            assertThat(cancelAndAwait(client, id)).isEqualTo(OrderStatus.CANCELLED);
        }
        WorkflowExecutionHistory history = client.fetchHistory(SignalWorkflow.workflowId(SIGNAL));
        assertThat(Histories.events(history, EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_FAILED)).hasSize(1);
        assertThat(Histories.events(history, EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED)).hasSize(2);
    }

    @Test
    void givenPlanningFailsOnce_whenRetried_thenTheFanOutCompletes(
            TestWorkflowEnvironment env, Worker worker) {
        when(activities.planOrders(SIGNAL, null, SignalWorkflowImpl.PAGE_SIZE))
                .thenThrow(new IllegalStateException("database restarting"))
                .thenReturn(new FanOutPage(List.of(first), 0, null));
        WorkflowClient client = start(env, worker);

        SignalOutcome outcome = signalWorkflow(client, worker).run(SIGNAL);

        assertThat(outcome).isEqualTo(new SignalOutcome(1, 0));
        verify(activities, times(2)).planOrders(SIGNAL, null, SignalWorkflowImpl.PAGE_SIZE);
        assertThat(cancelAndAwait(client, "order-p-1-" + SIGNAL)).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void givenNoPortfolioMayTrade_whenFannedOut_thenOnlyRejectionsCountedAndNoChild(
            TestWorkflowEnvironment env, Worker worker) {
        when(activities.planOrders(SIGNAL, null, SignalWorkflowImpl.PAGE_SIZE))
                .thenReturn(new FanOutPage(List.of(), 4, null));
        WorkflowClient client = start(env, worker);

        SignalOutcome outcome = signalWorkflow(client, worker).run(SIGNAL);

        assertThat(outcome).isEqualTo(new SignalOutcome(0, 4));
        WorkflowExecutionHistory history = client.fetchHistory(SignalWorkflow.workflowId(SIGNAL));
        assertThat(Histories.events(history, EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED)).isEmpty();
    }

    // --- Helpers ---------------------------------------------------------------------------------------------

    private void planTwoPages() {
        when(activities.planOrders(SIGNAL, null, SignalWorkflowImpl.PAGE_SIZE))
                .thenReturn(new FanOutPage(List.of(first, second), 1, "p-2"));
        when(activities.planOrders(SIGNAL, "p-2", SignalWorkflowImpl.PAGE_SIZE))
                .thenReturn(new FanOutPage(List.of(third), 2, null));
    }

    /**
     * Runs the signal workflow on the test's queue and its children on the orders queue, as in production, and
     * answers a client that leaves time in real time: the environment's own client lets the test server skip time
     * while it waits for a result, which would jump straight to the resting children's 30-day run timeout. (Turning
     * time skipping off instead makes the SDK 1.38 environment fail to close.) A fan-out has no timer to skip.
     */
    private WorkflowClient start(TestWorkflowEnvironment env, Worker worker) {
        worker.registerActivitiesImplementations(activities);
        Worker orders = env.newWorker(TaskQueues.ORDERS);
        orders.registerWorkflowImplementationFactory(OrderWorkflow.class,
                () -> new RecordingOrderWorkflow(ordersStarted));
        env.start();
        return WorkflowClient.newInstance(env.getWorkflowServiceStubs(),
                WorkflowClientOptions.newBuilder().setNamespace(env.getNamespace()).build());
    }

    private static SignalWorkflow signalWorkflow(WorkflowClient client, Worker worker) {
        return client.newWorkflowStub(SignalWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(SignalWorkflow.workflowId(SIGNAL))
                .setTaskQueue(worker.getTaskQueue())
                .build());
    }

    /** Cancels a running order and waits for it to end: proof that it was running, and that it ran its input. */
    private static OrderStatus cancelAndAwait(WorkflowClient client, String workflowId) {
        WorkflowStub order = client.newUntypedWorkflowStub(workflowId);
        order.signal("requestCancel", "test");
        return order.getResult(OrderStatus.class);
    }

    private static PlannedOrder planned(String portfolioId, String userId, String algorithmId, String quantity) {
        String workflowId = OrderWorkflow.workflowId(portfolioId, SIGNAL);
        OrderInput input = new OrderInput("o-" + portfolioId, portfolioId, SIGNAL, "c-" + portfolioId, "PAPER",
                "BTC/EUR", "BUY", "MARKET", new BigDecimal(quantity), null, null, "GTC", 60,
                ClientOrderIds.forBusinessKey(workflowId), new BigDecimal("60000"), false);
        return new PlannedOrder(input, userId, algorithmId);
    }
}
