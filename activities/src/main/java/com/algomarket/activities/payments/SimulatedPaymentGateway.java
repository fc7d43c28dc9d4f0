package com.algomarket.activities.payments;

import com.algomarket.workflows.purchase.PaymentOutcome;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Payments of the embedded default: nothing leaves the machine. A payment is a name; its outcome comes from
 * {@code POST /purchases/{id}/simulate-payment}, which posts a correctly signed Stripe event to the app's own webhook,
 * so that the webhook, its signature check and its deduplication run exactly as with Stripe.
 */
public class SimulatedPaymentGateway implements PaymentGateway {

    private final Map<String, PaymentOutcome> outcomes = new ConcurrentHashMap<>();

    @Override
    public String createPayment(String purchaseId, long amountMinor, String currency) {
        return "pi_simulated_" + purchaseId.replace("-", "");
    }

    @Override
    public String clientSecret(String paymentId) {
        return paymentId + "_secret_simulated";
    }

    /** Remembers what the simulated webhook reported, so that a cancel racing it answers like Stripe would. */
    public void reported(String paymentId, PaymentOutcome outcome) {
        outcomes.putIfAbsent(paymentId, outcome);
    }

    @Override
    public PaymentOutcome cancel(String paymentId) {
        return outcomes.getOrDefault(paymentId, PaymentOutcome.FAILED);
    }
}
