package com.algomarket.api.orders;

import static com.algomarket.db.jooq.Tables.AUDIT_LOG;
import static com.algomarket.db.jooq.Tables.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.orders.OrderIntents;
import com.algomarket.api.support.OnPaperVenue;
import com.algomarket.api.support.PaperSubscribers;
import com.algomarket.api.support.PaperSubscribers.Subscriber;
import com.algomarket.api.support.RealServersOnPaper;
import com.algomarket.workflows.common.TaskQueues;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.exchange.ClientOrderIds;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.orders.OrderActivities;
import com.algomarket.workflows.orders.OrderInput;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.OrderWorkflow;
import com.algomarket.workflows.orders.Side;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whoever reaches Temporal can start an order workflow with any input. Started here directly through the Temporal
 * client, as an attacker would: a tiny reference price, another user's connection, a symbol the algorithm does not
 * trade, a huge quantity no order row stands behind, a quantity that differs from the row. Each ends REJECTED, nothing
 * reaches the venue, and the attempt is in the audit log. Whoever also runs a worker can skip the order workflow's
 * pre-trade check and ask the order task queue's submit directly: refused too, as no approval is on the row.
 */
@RealServersOnPaper(seed = 12)
class ForgedOrderInputsIT extends OnPaperVenue {

    private Subscriber victim;
    private Subscriber other;

    /** Two users of one BTC/EUR algorithm, each with a portfolio of 1,000 EUR on a PAPER key holding 5,000 EUR. */
    @BeforeEach
    void users() {
        String algorithm =
                PaperSubscribers.algorithm(users.verified("DEVELOPER").http());
        victim = subscribers.subscribe(algorithm, "1000", new BigDecimal("5000"));
        other = subscribers.subscribe(algorithm, "1000", new BigDecimal("5000"));
    }

    @Test
    void givenATinyReferencePriceOnAHugeBuy_whenStartedWithItsOwnRow_thenValuedAtTheVenuesPriceAndRejected() {
        OrderInput huge = order("BTC/EUR", "0.07", victim.connectionId(), new BigDecimal("0.00000001"));
        orders.insertIntent(OrderIntents.of(huge));

        assertRejectedAndNothingSent(huge);
        assertThat(reason(huge)).contains("risk check");
    }

    @Test
    void givenAHugeQuantityNoOrderRowStandsBehind_whenStarted_thenRefused() {
        assertRejectedAndNothingSent(order("BTC/EUR", "0.07", victim.connectionId(), new BigDecimal("0.00000001")));
    }

    @Test
    void givenAQuantityThatDiffersFromTheOrderRow_whenStarted_thenRefused() {
        OrderInput planned = order("BTC/EUR", "0.001", victim.connectionId(), null);
        orders.insertIntent(OrderIntents.of(planned));

        assertRejectedAndNothingSent(withQuantity(planned, new BigDecimal("0.07")));
        assertThat(reason(planned)).contains("quantity");
    }

    @Test
    void givenAnotherUsersConnection_whenStarted_thenRefused() {
        assertPlannedRejected(order("BTC/EUR", "0.001", other.connectionId(), null), "is not the portfolio's");
        assertThat(venue.exchange().allOrders(other.key().apiKey())).isEmpty();
    }

    @Test
    void givenASymbolTheAlgorithmDoesNotTrade_whenStarted_thenRefused() {
        assertPlannedRejected(
                order("ETH/EUR", "0.01", victim.connectionId(), null), "not a symbol the portfolio's algorithm trades");
    }

    @Test
    void givenAWorkflowThatSkipsThePreTradeCheck_whenItAsksTheSubmitDirectly_thenRefusedAuditedAndNothingSent() {
        OrderInput planned = order("BTC/EUR", "0.001", victim.connectionId(), null);
        orders.insertIntent(OrderIntents.of(planned));
        int venueOrders = venue.exchange().allOrders(victim.key().apiKey()).size();

        String outcome = submitWithoutCheck(planned);

        assertThat(outcome).startsWith("REJECTED").contains("never approved by its pre-trade check");
        assertThat(venue.exchange().allOrders(victim.key().apiKey())).hasSize(venueOrders);
        assertThat(dsl.fetchCount(
                        AUDIT_LOG, AUDIT_LOG.ENTITY_ID.eq(planned.orderId()).and(AUDIT_LOG.ACTION.eq("REFUSED"))))
                .isPositive();
    }

    /**
     * Runs {@link SkipsTheCheck} under the order's own workflow id on a worker of this test's, as a forged worker
     * would, its submit on the app's order task queue.
     */
    private String submitWithoutCheck(OrderInput input) {
        String taskQueue = "forged-" + UUID.randomUUID();
        WorkerFactory factory = WorkerFactory.newInstance(workflowClient);
        factory.newWorker(taskQueue).registerWorkflowImplementationTypes(SkipsTheCheckImpl.class);
        factory.start();
        try {
            return workflowClient
                    .newWorkflowStub(
                            SkipsTheCheck.class,
                            WorkflowOptions.newBuilder()
                                    .setWorkflowId(WorkflowIds.order(input.portfolioId(), input.signalId()))
                                    .setTaskQueue(taskQueue)
                                    .setWorkflowExecutionTimeout(Duration.ofMinutes(2))
                                    .build())
                    .submitWithoutCheck(input);
        } finally {
            factory.shutdownNow();
        }
    }

    /** A workflow no one deploys: the order's submit with no pre-trade check before it. */
    @WorkflowInterface
    public interface SkipsTheCheck {

        /** {@code sent <exchange order id>}, or the refusal's type and message. */
        @WorkflowMethod
        String submitWithoutCheck(OrderInput input);
    }

    public static class SkipsTheCheckImpl implements SkipsTheCheck {

        private final OrderActivities orders = Workflow.newActivityStub(
                OrderActivities.class,
                ActivityOptions.newBuilder()
                        .setTaskQueue(TaskQueues.ORDERS)
                        .setStartToCloseTimeout(Duration.ofSeconds(30))
                        .setRetryOptions(
                                RetryOptions.newBuilder().setMaximumAttempts(3).build())
                        .build());

        @Override
        public String submitWithoutCheck(OrderInput input) {
            try {
                return "sent " + orders.submit(input).exchangeOrderId();
            } catch (ActivityFailure failure) {
                return failure.getCause() instanceof ApplicationFailure refusal
                        ? refusal.getType() + ": " + refusal.getOriginalMessage()
                        : String.valueOf(failure.getCause());
            }
        }
    }

    private void assertRejectedAndNothingSent(OrderInput forged) {
        int venueOrders = venue.exchange().allOrders(victim.key().apiKey()).size();

        assertThat(run(forged)).isEqualTo(OrderStatus.REJECTED);

        assertThat(venue.exchange().allOrders(victim.key().apiKey())).hasSize(venueOrders);
        assertThat(dsl.fetchCount(
                        AUDIT_LOG,
                        AUDIT_LOG.ENTITY_ID.eq(forged.orderId()).and(AUDIT_LOG.ACTION.in("REFUSED", "REJECTED"))))
                .isPositive();
    }

    /** The order's row is stored as planned, yet its workflow rejects it for {@code why}, and nothing is sent. */
    private void assertPlannedRejected(OrderInput planned, String why) {
        orders.insertIntent(OrderIntents.of(planned));

        assertRejectedAndNothingSent(planned);
        assertThat(reason(planned)).contains(why);
    }

    private String reason(OrderInput input) {
        return dsl.select(ORDERS.REASON)
                .from(ORDERS)
                .where(ORDERS.ID.eq(UUID.fromString(input.orderId())))
                .fetchOne(ORDERS.REASON);
    }

    private OrderInput order(String symbol, String quantity, String connectionId, BigDecimal referencePrice) {
        // Not a signal table row: the id only names the workflow, as an attacker's would.
        String signalId = "forged-" + UUID.randomUUID();
        String workflowId = WorkflowIds.order(victim.portfolioId(), signalId);
        return new OrderInput(
                UUID.nameUUIDFromBytes(workflowId.getBytes(StandardCharsets.UTF_8))
                        .toString(),
                victim.portfolioId(),
                signalId,
                connectionId,
                Exchange.PAPER,
                symbol,
                Side.BUY,
                OrderType.MARKET,
                new BigDecimal(quantity),
                null,
                null,
                null,
                30,
                ClientOrderIds.forBusinessKey(workflowId),
                referencePrice,
                false,
                0);
    }

    private static OrderInput withQuantity(OrderInput input, BigDecimal quantity) {
        return new OrderInput(
                input.orderId(),
                input.portfolioId(),
                input.signalId(),
                input.connectionId(),
                input.exchange(),
                input.symbol(),
                input.side(),
                input.type(),
                quantity,
                input.limitPrice(),
                input.stopPrice(),
                input.timeInForce(),
                input.timeoutSeconds(),
                input.clientOrderId(),
                input.referencePrice(),
                input.flatten(),
                0);
    }

    private OrderStatus run(OrderInput input) {
        return workflowClient
                .newWorkflowStub(
                        OrderWorkflow.class,
                        WorkflowOptions.newBuilder()
                                .setWorkflowId(WorkflowIds.order(input.portfolioId(), input.signalId()))
                                .setTaskQueue(TaskQueues.ORDERS)
                                .setWorkflowExecutionTimeout(Duration.ofMinutes(5))
                                .build())
                .run(input);
    }
}
