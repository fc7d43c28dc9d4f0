package com.algomarket.activities.purchases;

import com.algomarket.workflows.purchases.PaymentMetadata;
import com.algomarket.workflows.purchases.PaymentOutcome;
import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import java.util.Locale;
import lombok.RequiredArgsConstructor;

/**
 * Stripe PaymentIntents through stripe-java. Its own network retries are off: Temporal retries the activity, and the
 * purchase id as idempotency key makes the retry return the same PaymentIntent instead of a second charge.
 */
@RequiredArgsConstructor
public class StripePaymentGateway implements PaymentGateway {

    private final StripeClient stripe;

    @Override
    public String createPayment(String purchaseId, long amountMinor, String currency) {
        try {
            PaymentIntent intent = stripe.v1()
                    .paymentIntents()
                    .create(
                            PaymentIntentCreateParams.builder()
                                    .setAmount(amountMinor)
                                    .setCurrency(currency.toLowerCase(Locale.ROOT))
                                    .putMetadata(PaymentMetadata.PURCHASE_ID, purchaseId)
                                    .setAutomaticPaymentMethods(
                                            PaymentIntentCreateParams.AutomaticPaymentMethods.builder()
                                                    .setEnabled(true)
                                                    .build())
                                    .build(),
                            RequestOptions.builder()
                                    .setIdempotencyKey("purchase-" + purchaseId)
                                    .build());
            return intent.getId();
        } catch (StripeException e) {
            throw new IllegalStateException(
                    "Stripe refused to create the payment of purchase " + purchaseId + ": " + e.getStripeError(), e);
        }
    }

    @Override
    public String clientSecret(String paymentId) {
        try {
            return stripe.v1().paymentIntents().retrieve(paymentId).getClientSecret();
        } catch (StripeException e) {
            throw new IllegalStateException("Stripe could not return payment " + paymentId, e);
        }
    }

    @Override
    public PaymentOutcome cancel(String paymentId) {
        try {
            stripe.v1().paymentIntents().cancel(paymentId);
            return PaymentOutcome.FAILED;
        } catch (InvalidRequestException e) {
            // Stripe refuses to cancel a PaymentIntent that has succeeded: the payment arrived first.
            try {
                PaymentIntent intent = stripe.v1().paymentIntents().retrieve(paymentId);
                if ("succeeded".equals(intent.getStatus())) {
                    return PaymentOutcome.SUCCEEDED;
                }
                if ("canceled".equals(intent.getStatus())) {
                    return PaymentOutcome.FAILED;
                }
            } catch (StripeException retrieval) {
                e.addSuppressed(retrieval);
            }
            throw new IllegalStateException("Stripe could not cancel payment " + paymentId, e);
        } catch (StripeException e) {
            throw new IllegalStateException("Stripe could not cancel payment " + paymentId, e);
        }
    }
}
