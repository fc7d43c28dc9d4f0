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

    void activate(ActivateInput input);

    /** Moves the purchase to a final status and releases its seat; a second call changes nothing. */
    void end(EndPurchaseInput input);
}
