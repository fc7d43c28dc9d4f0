package com.algomarket.activities.purchases;

import com.algomarket.db.purchases.PurchaseRepository;
import com.algomarket.workflows.purchases.PaymentMetadata;
import com.algomarket.workflows.purchases.PaymentOutcome;
import lombok.RequiredArgsConstructor;

/**
 * Payments of the embedded default: nothing leaves the machine. A payment is a name; its outcome comes from
 * {@code POST /purchases/{id}/simulate-payment}, which posts a correctly signed Stripe event to the app's own webhook,
 * so that the webhook, its signature check and its deduplication run exactly as with Stripe.
 */
@RequiredArgsConstructor
public class SimulatedPaymentGateway implements PaymentGateway {

    private final PurchaseRepository purchases;

    @Override
    public String createPayment(String purchaseId, long amountMinor, String currency) {
        return "pi_simulated_" + purchaseId.replace("-", "");
    }

    @Override
    public String clientSecret(String paymentId) {
        return paymentId + "_secret_simulated";
    }

    /**
     * Answers like Stripe would to a cancel that races the simulated webhook: SUCCEEDED when the webhook has recorded
     * the payment's simulated success (the events the API posts are named by payment and outcome).
     */
    @Override
    public PaymentOutcome cancel(String paymentId) {
        return purchases.stripeEventSeen(PaymentMetadata.simulatedEventId(paymentId, PaymentOutcome.SUCCEEDED))
                ? PaymentOutcome.SUCCEEDED
                : PaymentOutcome.FAILED;
    }
}
