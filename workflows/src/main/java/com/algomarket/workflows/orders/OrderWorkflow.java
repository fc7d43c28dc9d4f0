package com.algomarket.workflows.orders;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/**
 * One order's life: risk check, intent recorded, submitted once under its client order id, followed to its fills,
 * cancelled at its timeout (or on request) and confirmed by the exchange, reconciled from the exchange's fills.
 */
@WorkflowInterface
public interface OrderWorkflow {

    /** Far beyond any order's own timeout (at most a week): only a workflow stuck on a dead exchange reaches it. */
    Duration RUN_TIMEOUT = Duration.ofDays(30);

    @WorkflowMethod
    OrderStatus run(OrderInput input);

    /** A user's or the kill switch's cancel; the order stays open until the exchange confirms the cancel or a fill. */
    @SignalMethod
    void requestCancel(String reason);

    /**
     * An execution of the order the account stream reported (a trade, or a cancel or expiry at the exchange). Sent to
     * the running workflow only, never used to start one; a repeated trade id counts once.
     */
    @SignalMethod
    void execution(OrderExecution execution);

    /**
     * Asks the exchange about the order now instead of at its safety lookup: reconciliation found the order final at the
     * exchange (a fill or cancel the stream missed). The workflow still settles its order itself. Ignored once final.
     */
    @SignalMethod
    void lookUpNow(String reason);

    @QueryMethod
    OrderStatus status();
}
