package com.algomarket.api.purchases;

import com.algomarket.api.problem.ApiProblem;
import com.algomarket.db.purchases.Purchase;
import com.algomarket.workflows.purchases.PaymentMetadata;
import com.algomarket.workflows.purchases.PaymentOutcome;
import com.algomarket.workflows.purchases.PurchaseStatus;
import com.stripe.net.Webhook;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** The embedded default's payments: the buyer says the outcome, and it arrives as a signed webhook event would. */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class PaymentSimulator {

    private final PurchaseService purchases;
    private final PaymentsConfiguration.PaymentMode mode;
    private final Environment environment;
    private final Clock clock;

    /**
     * Posts a correctly signed {@code payment_intent.succeeded} or {@code .payment_failed} event to this app's own
     * webhook, so that the simulated payment runs through the same signature check and deduplication as Stripe's.
     */
    void simulatePayment(UUID userId, UUID purchaseId, boolean succeeded) {
        Purchase purchase = purchases.get(userId, purchaseId);
        if (purchase.paymentIntentId() == null || purchase.status() != PurchaseStatus.AWAITING_PAYMENT) {
            throw new ApiProblem(
                    HttpStatus.CONFLICT,
                    "not-awaiting-payment",
                    "Not awaiting payment",
                    "This purchase is " + purchase.status() + ".");
        }
        PaymentOutcome outcome = succeeded ? PaymentOutcome.SUCCEEDED : PaymentOutcome.FAILED;
        String type = succeeded ? "payment_intent.succeeded" : "payment_intent.payment_failed";
        String payload = """
                {"id":"%s","object":"event","type":"%s","created":%d,"livemode":false,
                 "data":{"object":{"id":"%s","object":"payment_intent","status":"%s","amount":%d,"currency":"%s",
                 "metadata":{"%s":"%s"}}}}""".formatted(
                        PaymentMetadata.simulatedEventId(purchase.paymentIntentId(), outcome),
                        type,
                        clock.instant().getEpochSecond(),
                        purchase.paymentIntentId(),
                        succeeded ? "succeeded" : "requires_payment_method",
                        PurchaseService.minorUnits(purchase.amount()),
                        purchase.currency().toLowerCase(Locale.ROOT),
                        PaymentMetadata.PURCHASE_ID,
                        purchaseId);
        try {
            String signature = Webhook.Signature.generateSignatureHeader(payload, mode.webhookSecret());
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            "http://127.0.0.1:" + environment.getProperty("local.server.port")
                                                    + "/api/v1/payments/stripe/webhook"))
                                    .header("Content-Type", "application/json")
                                    .header("Stripe-Signature", signature)
                                    .timeout(Duration.ofSeconds(10))
                                    .POST(HttpRequest.BodyPublishers.ofString(payload))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the webhook answered " + response.statusCode());
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new ApiProblem(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "simulation-failed",
                    "Simulation failed",
                    "The simulated payment event could not be delivered: " + e.getMessage());
        }
    }
}
