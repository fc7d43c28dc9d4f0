package com.algomarket.activities.purchases;

import com.algomarket.workflows.purchases.PaymentOutcome;

/** The payment provider: Stripe, or the simulation of the embedded default. */
public interface PaymentGateway {

    /** Creates the payment under the purchase id as idempotency key and answers its id. */
    String createPayment(String purchaseId, long amountMinor, String currency);

    /** The secret the client confirms the payment with; handed to the buyer, never stored. */
    String clientSecret(String paymentId);

    /** Cancels the payment, or reports that it was paid before the cancel arrived. */
    PaymentOutcome cancel(String paymentId);
}
