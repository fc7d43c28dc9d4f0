package com.algomarket.workflows.killswitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.algomarket.workflows.common.SearchAttributeKeys;
import com.algomarket.workflows.common.TaskQueues;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.exchange.ClientOrderIds;
import com.algomarket.workflows.orders.OrderInput;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderWorkflow;
import com.algomarket.workflows.orders.PlannedOrder;
import com.algomarket.workflows.orders.RecordingOrderWorkflow;
import com.algomarket.workflows.support.Histories;
import com.algomarket.workflows.support.OrderInputs;
import com.algomarket.workflows.support.TestTemporal;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.InOrder;

/**
 * The flatten after a kill, with its activities mocked and the sell orders replaced by a recording stand-in. The
 * flatten starts its sells as child workflows (OrderFanOut): their ids, attributes, memo and abandonment are tested
 * here.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FlattenWorkflowTest {

    @RegisterExtension
    static final TestWorkflowExtension TEMPORAL = TestTemporal.forWorkflow(
            FlattenWorkflowImpl.class, "UserId", "PortfolioId", "AlgorithmId", "Exchange", "OrderStatus");

    private static final String PORTFOLIO = "p-1";
    private static final String FLATTEN = "f-1";
    private static final String WORKFLOW_ID = WorkflowIds.flatten(PORTFOLIO, FLATTEN);

    private final FlattenActivities activities = TestTemporal.mockActivities(FlattenActivities.class);
    private final Map<String, OrderInput> ordersStarted = new ConcurrentHashMap<>();

    @Test
    void givenOpenOrdersForAWhile_whenFlattening_thenRetriedUntilNoneThenOneSellOrderPerPosition(
            TestWorkflowEnvironment env, Worker worker) {
        List<Long> checkedAt = new CopyOnWriteArrayList<>();
        doAnswer(invocation -> {
                    checkedAt.add(env.currentTimeMillis());
                    if (checkedAt.size() <= 3) {
                        throw ApplicationFailure.newFailure("2 orders still open", "OPEN_ORDERS");
                    }
                    return null;
                })
                .when(activities)
                .awaitNoOpenOrders(PORTFOLIO);
        PlannedOrder btc = sell("BTC/EUR", "0.015", "a-1");
        PlannedOrder eth = sell("ETH/EUR", "0.4", null);
        when(activities.planSells(PORTFOLIO, FLATTEN)).thenReturn(List.of(btc, eth));
        WorkflowClient client = start(env, worker);
        WorkflowClient.start(newFlatten(client, worker)::run, PORTFOLIO, FLATTEN);

        // Far past the retries' backoff (1 s, 1.5 s, 2.25 s) but nowhere near the sells' 30-day run timeout.
        env.sleep(Duration.ofMinutes(1));

        assertThat(client.newUntypedWorkflowStub(WORKFLOW_ID).getResult(Integer.class))
                .isEqualTo(2);
        InOrder order = inOrder(activities);
        order.verify(activities, times(4)).awaitNoOpenOrders(PORTFOLIO);
        order.verify(activities).planSells(PORTFOLIO, FLATTEN);
        assertThat(checkedAt.get(1) - checkedAt.get(0)).isGreaterThanOrEqualTo(1_000);
        assertThat(checkedAt.get(2) - checkedAt.get(1)).isGreaterThanOrEqualTo(1_500);
        assertThat(checkedAt.get(3) - checkedAt.get(2)).isGreaterThanOrEqualTo(2_250);
        // One activity retried by the server, not four scheduled by the workflow.
        assertThat(Histories.lastAttempts(client.fetchHistory(WORKFLOW_ID), "AwaitNoOpenOrders"))
                .containsExactly(4);

        for (PlannedOrder sell : List.of(btc, eth)) {
            String id = "order-" + PORTFOLIO + "-" + sell.input().signalId();
            WorkflowExecutionDescription child =
                    client.newUntypedWorkflowStub(id).describe();
            // The flatten has completed, its sells run on: abandoned children, not awaited ones.
            assertThat(child.getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
            assertThat(child.getParentExecution().getWorkflowId()).isEqualTo(WORKFLOW_ID);
            assertThat(child.getTaskQueue()).isEqualTo(TaskQueues.ORDERS);
            SearchAttributes attributes = child.getTypedSearchAttributes();
            assertThat(attributes.get(SearchAttributeKeys.USER_ID)).isEqualTo("u-1");
            assertThat(attributes.get(SearchAttributeKeys.PORTFOLIO_ID)).isEqualTo(PORTFOLIO);
            assertThat(attributes.get(SearchAttributeKeys.EXCHANGE)).isEqualTo("PAPER");
            assertThat(attributes.get(SearchAttributeKeys.ORDER_STATUS)).isEqualTo("NEW");
            assertThat(attributes.get(SearchAttributeKeys.ALGORITHM_ID)).isEqualTo(sell.algorithmId());
            assertThat(child.getMemo("symbol", String.class))
                    .isEqualTo(sell.input().symbol());
            assertThat(child.getMemo("side", String.class)).isEqualTo("SELL");
            assertThat(child.getMemo("type", String.class)).isEqualTo("MARKET");
            assertThat(child.getMemo("quantity", String.class))
                    .isEqualTo(sell.input().quantity().toPlainString());

            assertThat(cancelAndAwait(client, id)).isEqualTo(OrderStatus.CANCELLED);
            assertThat(ordersStarted.get(id)).isEqualTo(sell.input());
        }
        WorkflowExecutionHistory history = client.fetchHistory(WORKFLOW_ID);
        assertThat(Histories.events(history, EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED))
                .hasSize(2)
                .allSatisfy(event -> assertThat(event.getStartChildWorkflowExecutionInitiatedEventAttributes()
                                .getParentClosePolicy())
                        .isEqualTo(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON));
    }

    @Test
    void givenASellThatExistsAlready_whenFlattening_thenLeftAsItIsNotCountedAndTheOthersStarted(
            TestWorkflowEnvironment env, Worker worker) {
        PlannedOrder btc = sell("BTC/EUR", "0.015", null);
        PlannedOrder eth = sell("ETH/EUR", "0.4", null);
        when(activities.planSells(PORTFOLIO, FLATTEN)).thenReturn(List.of(btc, eth));
        WorkflowClient client = start(env, worker);
        // Started before: a flatten reset after it had started this sell.
        OrderInput earlier = sell("BTC/EUR", "0.5", null).input();
        WorkflowClient.start(
                client.newWorkflowStub(
                        OrderWorkflow.class,
                        WorkflowOptions.newBuilder()
                                .setWorkflowId(btc.workflowId())
                                .setTaskQueue(TaskQueues.ORDERS)
                                .build())::run,
                earlier);

        assertThat(newFlatten(client, worker).run(PORTFOLIO, FLATTEN)).isEqualTo(1);

        assertThat(client.newUntypedWorkflowStub(btc.workflowId()).describe().getParentExecution())
                .as("the existing sell is not the flatten's child")
                .isNull();
        assertThat(cancelAndAwait(client, btc.workflowId())).isEqualTo(OrderStatus.CANCELLED);
        assertThat(ordersStarted.get(btc.workflowId())).isEqualTo(earlier);
        assertThat(client.newUntypedWorkflowStub(eth.workflowId())
                        .describe()
                        .getParentExecution()
                        .getWorkflowId())
                .isEqualTo(WORKFLOW_ID);
        assertThat(cancelAndAwait(client, eth.workflowId())).isEqualTo(OrderStatus.CANCELLED);
        assertThat(ordersStarted.get(eth.workflowId())).isEqualTo(eth.input());
        WorkflowExecutionHistory history = client.fetchHistory(WORKFLOW_ID);
        assertThat(Histories.events(history, EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_FAILED))
                .hasSize(1);
        assertThat(Histories.events(history, EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED))
                .hasSize(1);
    }

    @Test
    void givenNothingToSell_whenFlattening_thenNoOrderAndZero(TestWorkflowEnvironment env, Worker worker) {
        when(activities.planSells(PORTFOLIO, FLATTEN)).thenReturn(List.of());
        WorkflowClient client = start(env, worker);

        assertThat(newFlatten(client, worker).run(PORTFOLIO, FLATTEN)).isZero();

        verify(activities).awaitNoOpenOrders(PORTFOLIO);
        assertThat(ordersStarted).isEmpty();
    }

    @Test
    void givenOrdersThatNeverClose_whenTheDeadlinePasses_thenTheFlattenFailsWithoutSelling(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient timeSkippingClient) {
        List<Long> checkedAt = new CopyOnWriteArrayList<>();
        doAnswer(invocation -> {
                    checkedAt.add(env.currentTimeMillis());
                    throw ApplicationFailure.newFailure("1 order still open", "OPEN_ORDERS");
                })
                .when(activities)
                .awaitNoOpenOrders(PORTFOLIO);
        start(env, worker);

        // No sell can rest here, so the environment's own client may skip the hour.
        assertThatThrownBy(() -> newFlatten(timeSkippingClient, worker).run(PORTFOLIO, FLATTEN))
                .isInstanceOf(WorkflowFailedException.class)
                .cause()
                .isInstanceOfSatisfying(
                        ActivityFailure.class,
                        failure -> assertThat(failure.getRetryState())
                                .as("retries stopped by the deadline")
                                .isEqualTo(RetryState.RETRY_STATE_TIMEOUT));

        // Retried for the whole hour: the server gives up after the last attempt whose backoff (at most 15 s) would
        // end past the deadline. (The clock after the call is no measure: once the workflow has closed, the test
        // server may skip far ahead before the client locks time again.)
        long deadline = FlattenWorkflowImpl.OPEN_ORDERS_DEADLINE.toMillis();
        assertThat(checkedAt.getLast() - checkedAt.getFirst()).isBetween(deadline - 15_000, deadline);
        verify(activities, never()).planSells(any(), any());
        assertThat(ordersStarted).isEmpty();
    }

    // --- Helpers ---------------------------------------------------------------------------------------------

    /**
     * Runs the flatten on the test's queue and its sells on the orders queue, and answers a client that does not let
     * the test server skip time while it waits: skipping would run into the resting sells' 30-day run timeout. The
     * test skips time itself, by a bounded {@code env.sleep}.
     */
    private WorkflowClient start(TestWorkflowEnvironment env, Worker worker) {
        worker.registerActivitiesImplementations(activities);
        env.newWorker(TaskQueues.ORDERS)
                .registerWorkflowImplementationFactory(
                        OrderWorkflow.class, () -> new RecordingOrderWorkflow(ordersStarted));
        env.start();
        return WorkflowClient.newInstance(
                env.getWorkflowServiceStubs(),
                WorkflowClientOptions.newBuilder()
                        .setNamespace(env.getNamespace())
                        .build());
    }

    private static FlattenWorkflow newFlatten(WorkflowClient client, Worker worker) {
        return TestTemporal.newWorkflow(client, worker, FlattenWorkflow.class, WORKFLOW_ID);
    }

    private static OrderStatus cancelAndAwait(WorkflowClient client, String workflowId) {
        WorkflowStub order = client.newUntypedWorkflowStub(workflowId);
        order.signal("requestCancel", "test");
        return order.getResult(OrderStatus.class);
    }

    private static PlannedOrder sell(String symbol, String quantity, String algorithmId) {
        String signalId = FLATTEN + "-" + symbol.replace("/", "");
        OrderInput input = OrderInputs.paperOrder()
                .ids("o-" + signalId, PORTFOLIO, signalId, "c-1")
                .selling(symbol)
                .quantity(quantity)
                .clientOrderId(ClientOrderIds.forBusinessKey(WorkflowIds.order(PORTFOLIO, signalId)))
                .referencePrice("100")
                .flatten()
                .build();
        return new PlannedOrder(input, "u-1", algorithmId);
    }
}
