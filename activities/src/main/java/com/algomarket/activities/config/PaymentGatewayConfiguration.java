package com.algomarket.activities.config;

import com.algomarket.activities.purchases.PaymentGateway;
import com.algomarket.activities.purchases.SimulatedPaymentGateway;
import com.algomarket.activities.purchases.StripePaymentGateway;
import com.algomarket.db.purchases.PurchaseRepository;
import com.stripe.StripeClient;
import lombok.extern.slf4j.Slf4j;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The payment provider: Stripe when {@code STRIPE_SECRET_KEY} is set (against {@code STRIPE_API_BASE} when that is set
 * too, e.g. stripe-mock in CI); otherwise simulated payments, whose outcome {@code POST
 * /purchases/{id}/simulate-payment} decides. (The API checks the webhook secret; this side never needs it.)
 */
@Configuration(proxyBeanMethods = false)
@Slf4j
class PaymentGatewayConfiguration {

    @Bean
    PaymentGateway paymentGateway(
            PurchaseRepository purchases,
            @Value("${algomarket.stripe.secret-key}") String secretKey,
            @Value("${algomarket.stripe.api-base}") String apiBase) {
        if (secretKey.isBlank()) {
            log.info("Payments are simulated (no STRIPE_SECRET_KEY): POST /api/v1/purchases/{id}/simulate-payment");
            return new SimulatedPaymentGateway(purchases);
        }
        StripeClient.StripeClientBuilder builder = StripeClient.builder()
                .setApiKey(secretKey)
                // Temporal retries the activity; the purchase id as idempotency key keeps a retry from charging twice.
                .setMaxNetworkRetries(0)
                .setConnectTimeout(5_000)
                .setReadTimeout(20_000);
        if (!apiBase.isBlank()) {
            builder.setApiBase(apiBase);
        }
        log.info("Payments through Stripe at {}", apiBase.isBlank() ? "api.stripe.com" : apiBase);
        return new StripePaymentGateway(builder.build());
    }
}
