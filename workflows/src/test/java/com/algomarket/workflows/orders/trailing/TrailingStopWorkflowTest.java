package com.algomarket.workflows.orders.trailing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.algomarket.workflows.orders.OrderActivities;
import com.algomarket.workflows.orders.OrderInput;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.OrderWorkflow;
import com.algomarket.workflows.orders.RecordingOrderWorkflow;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.support.Await;
import com.algomarket.workflows.support.OrderInputs;
import com.algomarket.workflows.support.TestTemporal;
import io.temporal.activity.Activity;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The trailing stop's workflow with time skipped and the venue's prices scripted: it carries the stop from one
 * stretch of following to the next, continues as new into the exit's order workflow under the same id once crossed,
 * and ends without an order when cancelled or when the portfolio may no longer trade.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TrailingStopWorkflowTest {

    private static final String WORKFLOW_ID = "order-p-1-s-1";
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @RegisterExtension
    static final TestWorkflowExtension TEMPORAL = TestTemporal.forWorkflow(TrailingStopWorkflowImpl.class);

    private final Map<String, OrderInput> orders = new ConcurrentHashMap<>();
    private final ScriptedPrices prices = new ScriptedPrices();
    private final OrderActivities orderRows = TestTemporal.mockActivities(OrderActivities.class);

    static OrderInput marketSell() {
        return OrderInputs.paperOrder()
                .selling("BTC/EUR")
                .standing(null, 3_600)
                .clientOrderId("a1a0c0de-0000-8000-8000-000000000002")
                .build();
    }

    private TrailingStopWorkflow start(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        worker.registerWorkflowImplementationFactory(OrderWorkflow.class, () -> new RecordingOrderWorkflow(orders));
        worker.registerActivitiesImplementations(prices, orderRows);
        env.start();
        TrailingStopWorkflow workflow =
                TestTemporal.newWorkflow(client, worker, TrailingStopWorkflow.class, WORKFLOW_ID);
        WorkflowClient.start(workflow::run, new TrailingStopInput(marketSell(), new BigDecimal("0.01"), null, null));
        return workflow;
    }

    @Test
    void givenPricesThatRiseThenFall_whenTheStopIsCrossed_thenTheSameIdContinuesAsTheExitOrderAtTheStop(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        prices.stretch("60000", "62000"); // the window ends: the stop stands at 61380
        prices.stretch("61500", "61380");

        start(env, worker, client);

        OrderInput exit = Await.until(DEADLINE, () -> orders.get(WORKFLOW_ID), input -> input != null);
        assertThat(exit.type()).isEqualTo(OrderType.MARKET);
        assertThat(exit.side()).isEqualTo(Side.SELL);
        assertThat(exit.referencePrice()).isEqualByComparingTo("61380");
        assertThat(exit.clientOrderId()).isEqualTo(marketSell().clientOrderId());
        assertThat(prices.follows).hasSize(2);
        assertThat(prices.follows.get(1).state().extreme()).isEqualByComparingTo("62000");
        assertThat(prices.follows.get(1).state().stop()).isEqualByComparingTo("61380");
        verify(orderRows, never()).record(any());
    }

    @Test
    void givenAnArmedStop_whenCancelled_thenTheFollowStopsAndNoOrderIsPlaced(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        prices.followUntilCancelled = true;
        TrailingStopWorkflow workflow = start(env, worker, client);
        Await.until(DEADLINE, () -> prices.follows.size(), size -> size == 1);

        workflow.requestCancel("KILLED by the kill switch");

        assertThat(WorkflowStub.fromTyped(workflow).getResult(OrderStatus.class))
                .isEqualTo(OrderStatus.CANCELLED);
        assertThat(prices.cancelled).isTrue();
        assertThat(orders).isEmpty();
        verify(orderRows)
                .record(argThat(update -> update.status() == OrderStatus.CANCELLED
                        && update.settled()
                        && update.reason().equals("KILLED by the kill switch")));
    }

    @Test
    void givenThePortfolioIsKilled_whenTheFollowSeesIt_thenEndsCancelledWithoutAnOrder(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        prices.stoppedBecause = "portfolio is KILLED";
        TrailingStopWorkflow workflow = start(env, worker, client);

        assertThat(WorkflowStub.fromTyped(workflow).getResult(OrderStatus.class))
                .isEqualTo(OrderStatus.CANCELLED);
        assertThat(orders).isEmpty();
    }

    /** The venue's prices, one list per stretch of following; a stretch ends when its list does (or it crosses). */
    static final class ScriptedPrices implements TrailingStopActivities {

        final Deque<List<BigDecimal>> stretches = new ConcurrentLinkedDeque<>();
        final List<TrailingFollow> follows = new CopyOnWriteArrayList<>();
        volatile boolean followUntilCancelled;
        volatile boolean cancelled;
        volatile String stoppedBecause;

        void stretch(String... values) {
            List<BigDecimal> list = new ArrayList<>();
            for (String value : values) {
                list.add(new BigDecimal(value));
            }
            stretches.add(list);
        }

        @Override
        public TrailingFollowed follow(TrailingFollow follow) {
            follows.add(follow);
            if (stoppedBecause != null) {
                return new TrailingFollowed(follow.state(), stoppedBecause);
            }
            if (followUntilCancelled) {
                heartbeatUntilCancelled();
            }
            TrailingStop state = follow.state();
            for (BigDecimal price : stretches.poll()) {
                state = state.observe(price);
            }
            return new TrailingFollowed(state, null);
        }

        private void heartbeatUntilCancelled() {
            try {
                while (true) {
                    Activity.getExecutionContext().heartbeat(null);
                    // The pace of the heartbeats, through which alone an activity learns of its cancel.
                    TimeUnit.MILLISECONDS.sleep(50);
                }
            } catch (io.temporal.client.ActivityCompletionException stop) {
                cancelled = true;
                throw stop;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
