package com.algomarket.workflows.purchases;

import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface PurchaseActivities {

    /** Creates the payment (a Stripe PaymentIntent) and returns its id, never its client secret. */
    String createPayment(CreatePaymentInput input);

    /** The secret the buyer confirms the payment with, read from the provider; handed to the buyer, never stored. */
    String clientSecret(String paymentId);

    /**
     * Cancels the payment and answers what became of it: SUCCEEDED when it was paid before the cancel arrived, so that
     * a payment at the last second still buys the subscription.
     */
    PaymentOutcome cancelPayment(String purchaseId);

    /**
     * What the stored, signature-verified payment events (or the worker's own read of the payment) say became of the
     * purchase's payment; null while nothing verified says anything. A signal only wakes the workflow: this is the
     * outcome it acts on.
     */
    PaymentOutcome verifiedOutcome(String purchaseId);

    /** Activates the purchase; refuses (non-retryable) a paid purchase whose payment nothing verified says succeeded. */
    void activate(ActivateInput input);

    /** Moves the purchase to a final status and releases its seat; a second call changes nothing. */
    void end(EndPurchaseInput input);

    /**
     * Emails the buyer that the subscription ends in {@code daysLeft} days; sends nothing when a paid renewal follows
     * the purchase or it is no longer ACTIVE. Answers whether it sent.
     */
    boolean remindEnding(EndingReminderInput input);
}
