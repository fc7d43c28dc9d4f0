package com.algomarket.workflows.orders;

import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.support.OrderInputs;
import com.algomarket.workflows.support.TestTemporal;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import java.util.stream.Stream;

/** The order the order workflow's tests run, and the recorded histories its version gates are checked against. */
final class OrderFixtures {

    static final String WORKFLOW_ID = WorkflowIds.order("p-1", "s-1");

    /** A paper limit order: buy 0.5 BTC at 59,000 EUR, cancelled if still open after 60 s, followed by polling. */
    static final OrderInput INPUT = input(60, 0);

    private OrderFixtures() {}

    /**
     * The same limit order with its own timeout, followed through an account stream with a lookup after {@code
     * safetyLookupSeconds} without news (0: by polling).
     */
    static OrderInput input(long timeoutSeconds, long safetyLookupSeconds) {
        return OrderInputs.paperOrder()
                .quantity("0.5")
                .limit("59000")
                .standing(TimeInForce.GTC, timeoutSeconds)
                .clientOrderId("a1a0c0de-0000-8000-8000-000000000001")
                .safetyLookupSeconds(safetyLookupSeconds)
                .build();
    }

    /** A stub for the order workflow under {@link #WORKFLOW_ID}, on the test worker's task queue. */
    static OrderWorkflow newWorkflow(WorkflowClient client, Worker worker) {
        return TestTemporal.newWorkflow(client, worker, OrderWorkflow.class, WORKFLOW_ID);
    }

    /**
     * Histories recorded before the {@value OrderWorkflowImpl#LOCAL_RISK_AND_INTENT} version (OrderLifecycleIT):
     * filled, UNKNOWN then found by its client order id, refused by the risk check, killed while resting, timed out
     * and cancelled.
     */
    static Stream<String> historiesBeforeLocalActivities() {
        return Stream.of(
                "filled", "unknown-then-found", "risk-refused", "killed-while-resting", "timed-out-and-cancelled");
    }

    /**
     * Histories recorded with version one (SignalsIT, OrderPathsIT with -Drecord.histories): filled from a signal,
     * killed while resting, partial fill then timeout, UNKNOWN not found and resubmitted, rate limited then filled,
     * rejected by the exchange.
     */
    static Stream<String> historiesWithVersionOne() {
        return Stream.of(
                "filled-from-signal",
                "killed-while-resting-v1",
                "partial-fill-then-timeout",
                "unknown-not-found-resubmitted",
                "rate-limited-then-filled",
                "rejected-by-exchange");
    }

    /**
     * Histories recorded with version 2, the risk check and the intent as one local activity (DatabaseReadsIT with
     * -Drecord.histories): a market buy filled, its free balance taken from the account stream's.
     */
    static Stream<String> historiesWithVersionTwo() {
        return Stream.of("filled-one-risk-and-intent-step");
    }
}
