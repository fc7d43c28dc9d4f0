package com.algomarket.workflows.killswitch;

import com.algomarket.workflows.orders.OrderFanOut;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class FlattenWorkflowImpl implements FlattenWorkflow {

    /**
     * How long the open orders may take to reach a final state after the kill. A cancel is confirmed by the exchange
     * within seconds; an hour means an exchange is down, and the flatten fails visibly instead of selling into it.
     */
    static final Duration OPEN_ORDERS_DEADLINE = Duration.ofHours(1);

    private final FlattenActivities waiting = Workflow.newActivityStub(
            FlattenActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(10))
                    .setScheduleToCloseTimeout(OPEN_ORDERS_DEADLINE)
                    .setRetryOptions(RetryOptions.newBuilder()
                            .setInitialInterval(Duration.ofSeconds(1))
                            .setBackoffCoefficient(1.5)
                            .setMaximumInterval(Duration.ofSeconds(15))
                            .build())
                    .build());

    private final FlattenActivities planning = Workflow.newActivityStub(
            FlattenActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(RetryOptions.newBuilder()
                            .setInitialInterval(Duration.ofSeconds(1))
                            .setMaximumInterval(Duration.ofSeconds(30))
                            .build())
                    .build());

    @Override
    public int run(String portfolioId, String flattenId) {
        waiting.awaitNoOpenOrders(portfolioId);
        return OrderFanOut.start(planning.planSells(portfolioId, flattenId));
    }
}
