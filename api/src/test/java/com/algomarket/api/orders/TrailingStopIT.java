package com.algomarket.api.orders;

import static com.algomarket.db.jooq.Tables.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.paper.PaperTrade;
import com.algomarket.api.support.DirectOrders;
import com.algomarket.api.support.HistoryRecorder;
import com.algomarket.api.support.Http;
import com.algomarket.api.support.OnDevelopersAlgorithm;
import com.algomarket.api.support.PaperSubscribers;
import com.algomarket.api.support.PaperSubscribers.Subscriber;
import com.algomarket.api.support.RealServersOnPaper;
import com.algomarket.api.support.TrailingStops;
import com.algomarket.api.temporal.codec.PayloadEncryptionCodec;
import com.algomarket.workflows.common.TaskQueues;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.orders.OrderInput;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.orders.trailing.TrailingStopInput;
import com.algomarket.workflows.orders.trailing.TrailingStopWorkflow;
import com.algomarket.workflows.support.Await;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A trailing stop on the real dev server against the paper venue: armed by a TRAILING_STOP signal on a portfolio that
 * holds BTC, it follows the
 * venue's rising price (its stop, heartbeated by the activity that follows it, rises with it), and when the price
 * falls through the stop the same workflow id becomes the market sell, which fills; a kill ends an armed stop without
 * an order at the venue.
 */
@RealServersOnPaper(seed = 29)
class TrailingStopIT extends OnDevelopersAlgorithm {

    /** Decodes the recorded histories: replay tests hold no key. */
    @Autowired
    private PayloadEncryptionCodec codec;

    private Subscriber subscriber;
    private DirectOrders directOrders;

    /** A portfolio that bought 0.01 BTC at about 60,000 EUR. */
    @BeforeEach
    void holdingBtc() {
        subscriber = subscribers.subscribe(algorithmId, "5000", new BigDecimal("100000"));
        directOrders = new DirectOrders(workflowClient, orders, subscriber);
        venue.exchange().setMarket("BTCEUR", new BigDecimal("60000"), BigDecimal.ONE);
        assertThat(directOrders.run(directOrders.order(Side.BUY, OrderType.MARKET, "0.01", null, 60)))
                .isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void givenSellTrailingBy300_whenThePriceRisesThenFalls_thenTheStopFollowsUpAndTheMarketSellFillsOnTheFall() {
        String signalId = PaperSubscribers.signal(developer, algorithmId, """
                {"symbol":"BTC/EUR","side":"SELL","type":"TRAILING_STOP","sizing":{"quantity":"0.01"},
                 "trailingAmount":"300"}""");
        String workflowId = WorkflowIds.order(subscriber.portfolioId(), signalId);
        String firstRun = Await.until(DEADLINE, () -> runOf(workflowId), run -> run != null);
        // The planner wrote the exit's row before it started the workflow.
        UUID orderId = rows.orderId(subscriber.portfolioId(), signalId);

        Await.until(DEADLINE, () -> heartbeatedStop(workflowId), stop -> stop.compareTo(new BigDecimal("59700")) == 0);
        venue.exchange().setMarket("BTCEUR", new BigDecimal("61000"), BigDecimal.ONE);
        Await.until(DEADLINE, () -> heartbeatedStop(workflowId), stop -> stop.compareTo(new BigDecimal("60700")) == 0);
        assertThat(orderStatus(orderId)).isEqualTo(OrderStatus.NEW); // nothing at the venue while armed

        venue.exchange().setMarket("BTCEUR", new BigDecimal("60650"), BigDecimal.ONE); // through the stop at 60700

        Await.until(DEADLINE, () -> orderStatus(orderId), OrderStatus.FILLED::equals);
        List<PaperTrade> sold =
                venue.exchange().trades(subscriber.key().apiKey(), "BTCEUR", null, null, null, null, 100).stream()
                        .filter(trade -> !trade.buyer())
                        .toList();
        assertThat(sold)
                .isNotEmpty()
                .allSatisfy(
                        trade -> assertThat(trade.price()).isBetween(new BigDecimal("60500"), new BigDecimal("60700")));
        // The owner's timeline tells both runs under the order's workflow id: the trailing stop's, then its exit's.
        Http.Response timeline = subscriber.http().get("/api/v1/orders/" + orderId + "/timeline");
        assertThat(timeline.status()).as(timeline.raw()).isEqualTo(200);
        List<String> kinds = new ArrayList<>();
        timeline.body().get("steps").forEach(step -> kinds.add(step.get("kind").asString()));
        assertThat(kinds).startsWith("TRAILING_STOP_SET").contains("STOP_MOVED", "TRIGGERED", "FILLED");
        assertThat(kinds.indexOf("TRIGGERED")).isLessThan(kinds.indexOf("FILLED"));
        HistoryRecorder.recordRun(
                workflowClient, codec, workflowId, firstRun, "trailing-stop", "followed-then-crossed");
        // The run it continued as new into: the exit's order workflow, told after the trailing stop by its timeline.
        HistoryRecorder.recordClosed(workflowClient, codec, workflowId, "order", "trailing-stop-exit");
    }

    @Test
    void givenAnArmedTrailingStop_whenThePortfolioIsKilled_thenItEndsCancelledAndNothingReachesTheVenue() {
        OrderInput exit = directOrders.order(Side.SELL, OrderType.MARKET, "0.01", null, 600);
        String workflowId = arm(exit).getWorkflowId();
        Await.until(DEADLINE, () -> heartbeatedStop(workflowId), stop -> stop.signum() > 0);
        int venueOrders = venue.exchange().allOrders(subscriber.key().apiKey()).size();

        assertThat(subscriber
                        .http()
                        .postJson("/api/v1/portfolios/" + subscriber.portfolioId() + "/kill", "{}")
                        .status())
                .isEqualTo(202);

        Await.until(DEADLINE, () -> orderStatus(UUID.fromString(exit.orderId())), OrderStatus.CANCELLED::equals);
        assertThat(venue.exchange().allOrders(subscriber.key().apiKey())).hasSize(venueOrders);
        HistoryRecorder.recordClosed(workflowClient, codec, workflowId, "trailing-stop", "killed-while-armed");
    }

    /** Starts the trailing stop under the exit order's workflow id and answers its first run. */
    private WorkflowExecution arm(OrderInput exit) {
        String workflowId = WorkflowIds.order(exit.portfolioId(), exit.signalId());
        TrailingStopWorkflow workflow = workflowClient.newWorkflowStub(
                TrailingStopWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(workflowId)
                        .setTaskQueue(TaskQueues.ORDERS)
                        .setWorkflowExecutionTimeout(Duration.ofMinutes(15))
                        .build());
        return WorkflowClient.start(workflow::run, new TrailingStopInput(exit, null, new BigDecimal("300"), null));
    }

    private OrderStatus orderStatus(UUID orderId) {
        return dsl.select(ORDERS.STATUS)
                .from(ORDERS)
                .where(ORDERS.ID.eq(orderId))
                .fetchOne(ORDERS.STATUS);
    }

    /** The run of the workflow while it is the trailing stop; null before the fan-out started it. */
    private String runOf(String workflowId) {
        try {
            var execution = workflowClient.newUntypedWorkflowStub(workflowId).describe();
            return execution.getWorkflowType().equals("TrailingStopWorkflow")
                    ? execution.getExecution().getRunId()
                    : null;
        } catch (WorkflowNotFoundException notYet) {
            return null;
        }
    }

    private BigDecimal heartbeatedStop(String workflowId) {
        return TrailingStops.heartbeatedStop(workflowClient, workflowId);
    }
}
