package com.algomarket.workflows.purchases;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One purchase from payment to the end of the subscription: {@code purchase-<id>}. The payment provider's webhook
 * reports the outcome by signal; without one before the deadline the payment is cancelled and the seat released.
 */
@WorkflowInterface
public interface PurchaseWorkflow {

    @WorkflowMethod
    PurchaseStatus purchase(PurchaseInput input);

    /** Waits until the payment exists and answers its id ("" when nothing is to be paid). */
    @UpdateMethod
    String paymentId();

    /**
     * Waits until the payment exists and answers the secret the buyer confirms it with (null when nothing is to be
     * paid). Read from the provider at each call: it is never kept in the workflow's state or the database.
     */
    @UpdateMethod
    String clientSecret();

    @SignalMethod
    void paymentReported(PaymentOutcome outcome);

    @QueryMethod
    PurchaseStatus status();
}
