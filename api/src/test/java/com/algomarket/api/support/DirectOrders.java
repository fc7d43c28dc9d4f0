package com.algomarket.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.orders.OrderIntents;
import com.algomarket.api.support.PaperSubscribers.Subscriber;
import com.algomarket.db.orders.OrderRepository;
import com.algomarket.workflows.common.TaskQueues;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.exchange.ClientOrderIds;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.orders.OrderInput;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.OrderWorkflow;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.orders.TimeInForce;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import lombok.RequiredArgsConstructor;

/**
 * BTC/EUR orders of a subscriber's paper portfolio, started straight on the order workflow rather than by a signal:
 * for the tests of the order lifecycle itself and of what its orders leave behind.
 */
@RequiredArgsConstructor
public final class DirectOrders {

    private final WorkflowClient workflowClient;
    private final OrderRepository orders;
    private final Subscriber subscriber;

    /** An order of the portfolio: a limit order (GTC) when {@code limitPrice} is given, else a market order. */
    public OrderInput order(Side side, OrderType type, String quantity, String limitPrice, long timeoutSeconds) {
        // No signal row: the signal id only names the workflow here.
        String signalId = "it-" + UUID.randomUUID();
        String portfolioId = subscriber.portfolioId();
        OrderInput input = new OrderInput(
                UUID.randomUUID().toString(),
                portfolioId,
                signalId,
                subscriber.connectionId(),
                Exchange.PAPER,
                "BTC/EUR",
                side,
                type,
                new BigDecimal(quantity),
                limitPrice == null ? null : new BigDecimal(limitPrice),
                null,
                limitPrice == null ? null : TimeInForce.GTC,
                timeoutSeconds,
                ClientOrderIds.forBusinessKey(WorkflowIds.order(portfolioId, signalId)),
                null,
                false,
                0);
        // Started directly, so the test plays the planner: the order row the activities check the input against.
        orders.insertIntent(OrderIntents.of(input));
        return input;
    }

    /** A market order of {@code quantity} BTC, run to its end: it must have FILLED. */
    public OrderInput filledAtMarket(Side side, String quantity) {
        OrderInput input = order(side, OrderType.MARKET, quantity, null, 30);
        assertThat(run(input)).as("the market order's final status").isEqualTo(OrderStatus.FILLED);
        return input;
    }

    /** Runs the order's workflow to its end and answers its final status. */
    public OrderStatus run(OrderInput input) {
        return workflow(input).run(input);
    }

    /** A stub of the order's workflow, under the id a signal would have given it. */
    public OrderWorkflow workflow(OrderInput input) {
        return workflowClient.newWorkflowStub(
                OrderWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(WorkflowIds.order(input.portfolioId(), input.signalId()))
                        .setTaskQueue(TaskQueues.ORDERS)
                        .setWorkflowExecutionTimeout(Duration.ofMinutes(15))
                        .build());
    }
}
