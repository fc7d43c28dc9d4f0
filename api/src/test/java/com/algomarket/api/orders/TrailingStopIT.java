package com.algomarket.api.orders;

import static com.algomarket.db.jooq.Tables.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.paper.PaperTrade;
import com.algomarket.api.support.DirectOrders;
import com.algomarket.api.support.OnPaperVenue;
import com.algomarket.api.support.PaperSubscribers.Subscriber;
import com.algomarket.api.support.PaperVenue;
import com.algomarket.api.support.RealServers;
import com.algomarket.workflows.common.TaskQueues;
import com.algomarket.workflows.orders.OrderInput;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.OrderWorkflow;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.orders.trailing.TrailingStop;
import com.algomarket.workflows.orders.trailing.TrailingStopInput;
import com.algomarket.workflows.orders.trailing.TrailingStopWorkflow;
import com.algomarket.workflows.support.Await;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A trailing stop on the real dev server against the paper venue: armed on a portfolio that holds BTC, it follows the
 * venue's rising price (its stop, heartbeated by the activity that follows it, rises with it), and when the price
 * falls through the stop the same workflow id becomes the market sell, which fills; a kill ends an armed stop without
 * an order at the venue.
 */
@RealServers(properties = {"algomarket.stripe.secret-key=", "algomarket.stripe.webhook-secret="})
@PaperVenue(seed = 29)
class TrailingStopIT extends OnPaperVenue {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private Subscriber subscriber;
    private DirectOrders directOrders;

    /** A portfolio that bought 0.01 BTC at about 60,000 EUR. */
    @BeforeEach
    void holdingBtc() {
        subscriber = subscribers.subscribeToNewAlgorithm("5000", new BigDecimal("100000"));
        directOrders = new DirectOrders(workflowClient, orders, subscriber);
        venue.exchange().setMarket("BTCEUR", new BigDecimal("60000"), BigDecimal.ONE);
        assertThat(directOrders.run(directOrders.order(Side.BUY, OrderType.MARKET, "0.01", null, 60)))
                .isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void givenSellTrailingBy300_whenThePriceRisesThenFalls_thenTheStopFollowsUpAndTheMarketSellFillsOnTheFall() {
        OrderInput exit = directOrders.order(Side.SELL, OrderType.MARKET, "0.01", null, 600);
        String workflowId = arm(exit);

        Await.until(DEADLINE, () -> heartbeatedStop(workflowId), stop -> stop.compareTo(new BigDecimal("59700")) == 0);
        venue.exchange().setMarket("BTCEUR", new BigDecimal("61000"), BigDecimal.ONE);
        Await.until(DEADLINE, () -> heartbeatedStop(workflowId), stop -> stop.compareTo(new BigDecimal("60700")) == 0);
        assertThat(orderStatus(exit)).isEqualTo(OrderStatus.NEW); // nothing at the venue while armed

        venue.exchange().setMarket("BTCEUR", new BigDecimal("60650"), BigDecimal.ONE); // through the stop at 60700

        Await.until(DEADLINE, () -> orderStatus(exit), OrderStatus.FILLED::equals);
        List<PaperTrade> sold =
                venue.exchange().trades(subscriber.key().apiKey(), "BTCEUR", null, null, null, null, 100).stream()
                        .filter(trade -> !trade.buyer())
                        .toList();
        assertThat(sold)
                .isNotEmpty()
                .allSatisfy(
                        trade -> assertThat(trade.price()).isBetween(new BigDecimal("60500"), new BigDecimal("60700")));
    }

    @Test
    void givenAnArmedTrailingStop_whenThePortfolioIsKilled_thenItEndsCancelledAndNothingReachesTheVenue() {
        OrderInput exit = directOrders.order(Side.SELL, OrderType.MARKET, "0.01", null, 600);
        String workflowId = arm(exit);
        Await.until(DEADLINE, () -> heartbeatedStop(workflowId), stop -> stop.signum() > 0);
        int venueOrders = venue.exchange().allOrders(subscriber.key().apiKey()).size();

        assertThat(subscriber
                        .http()
                        .postJson("/api/v1/portfolios/" + subscriber.portfolioId() + "/kill", "{}")
                        .status())
                .isEqualTo(202);

        Await.until(DEADLINE, () -> orderStatus(exit), OrderStatus.CANCELLED::equals);
        assertThat(venue.exchange().allOrders(subscriber.key().apiKey())).hasSize(venueOrders);
    }

    /** Starts the trailing stop under the exit order's workflow id and answers the id. */
    private String arm(OrderInput exit) {
        String workflowId = OrderWorkflow.workflowId(exit.portfolioId(), exit.signalId());
        TrailingStopWorkflow workflow = workflowClient.newWorkflowStub(
                TrailingStopWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(workflowId)
                        .setTaskQueue(TaskQueues.ORDERS)
                        .setWorkflowExecutionTimeout(Duration.ofMinutes(15))
                        .build());
        WorkflowClient.start(workflow::run, new TrailingStopInput(exit, null, new BigDecimal("300"), null));
        return workflowId;
    }

    private OrderStatus orderStatus(OrderInput input) {
        return dsl.select(ORDERS.STATUS)
                .from(ORDERS)
                .where(ORDERS.ID.eq(UUID.fromString(input.orderId())))
                .fetchOne(ORDERS.STATUS);
    }

    /** The stop as the following activity last heartbeated it; zero before its first heartbeat. */
    private BigDecimal heartbeatedStop(String workflowId) {
        List<PendingActivityInfo> pending = workflowClient
                .getWorkflowServiceStubs()
                .blockingStub()
                .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                        .setNamespace(workflowClient.getOptions().getNamespace())
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                        .build())
                .getPendingActivitiesList();
        if (pending.isEmpty() || !pending.getFirst().hasHeartbeatDetails()) {
            return BigDecimal.ZERO;
        }
        TrailingStop state = workflowClient
                .getOptions()
                .getDataConverter()
                .fromPayloads(
                        0,
                        Optional.of(pending.getFirst().getHeartbeatDetails()),
                        TrailingStop.class,
                        TrailingStop.class);
        return state.stop() == null ? BigDecimal.ZERO : state.stop();
    }
}
