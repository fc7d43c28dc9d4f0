package com.algomarket.api.purchases;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.purchases.StripePaymentGateway;
import com.algomarket.api.support.ServerEnvironment;
import com.algomarket.workflows.purchases.PaymentOutcome;
import com.stripe.StripeClient;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The Stripe payment gateway through stripe-java against the official stripe-mock, as CI runs it. */
class StripeMockIT {

    private final StripePaymentGateway gateway = new StripePaymentGateway(StripeClient.builder()
            .setApiKey("sk_test_123")
            .setApiBase(ServerEnvironment.stripeApiBase())
            .setMaxNetworkRetries(0)
            .build());

    @Test
    void givenStripeMock_whenPaymentCreatedReadAndCancelled_thenStripeShapedAnswers() {
        String purchaseId = UUID.randomUUID().toString();

        String paymentId = gateway.createPayment(purchaseId, 2990, "EUR");

        assertThat(paymentId).startsWith("pi_");
        // stripe-mock answers with fixtures, so only the shape of the secret can be checked.
        assertThat(gateway.clientSecret(paymentId)).startsWith("pi_").contains("_secret_");
        assertThat(gateway.cancel(paymentId)).isEqualTo(PaymentOutcome.FAILED);
    }
}
