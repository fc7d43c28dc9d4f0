package com.algomarket.workflows.killswitch;

import static com.algomarket.workflows.common.ActivityStubOptions.attempts;
import static com.algomarket.workflows.common.ActivityStubOptions.attemptsUntil;
import static com.algomarket.workflows.common.ActivityStubOptions.retryBetween;
import static com.algomarket.workflows.common.ActivityStubOptions.retryWithBackoff;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofSeconds;

import com.algomarket.workflows.orders.OrderFanOut;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class FlattenWorkflowImpl implements FlattenWorkflow {

    /**
     * How long the open orders may take to reach a final state after the kill. A cancel is confirmed by the exchange
     * within seconds; an hour means an exchange is down, and the flatten fails visibly instead of selling into it.
     */
    static final Duration OPEN_ORDERS_DEADLINE = ofHours(1);

    private final FlattenActivities waiting = Workflow.newActivityStub(
            FlattenActivities.class,
            attemptsUntil(ofSeconds(10), OPEN_ORDERS_DEADLINE, retryWithBackoff(ofSeconds(1), 1.5, ofSeconds(15))));

    private final FlattenActivities planning = Workflow.newActivityStub(
            FlattenActivities.class, attempts(ofSeconds(30), retryBetween(ofSeconds(1), ofSeconds(30))));

    @Override
    public int run(String portfolioId, String flattenId) {
        waiting.awaitNoOpenOrders(portfolioId);
        return OrderFanOut.start(planning.planSells(portfolioId, flattenId));
    }
}
