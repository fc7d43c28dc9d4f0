package com.algomarket.api.purchases;

import com.algomarket.activities.payments.PaymentGateway;
import com.algomarket.activities.payments.SimulatedPaymentGateway;
import com.algomarket.activities.payments.StripePaymentGateway;
import com.stripe.StripeClient;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Stripe when {@code STRIPE_SECRET_KEY} is set (against {@code STRIPE_API_BASE} when that is set too, e.g. stripe-mock
 * in CI); otherwise simulated payments, whose outcome {@code POST /purchases/{id}/simulate-payment} decides.
 */
@Configuration(proxyBeanMethods = false)
class PaymentsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PaymentsConfiguration.class);

    /** How payments run here, and the secret Stripe's webhook events are signed with. */
    record PaymentMode(boolean simulated, String webhookSecret) {

        @Override
        public String toString() {
            return "PaymentMode[simulated=" + simulated + ", webhookSecret=***]";
        }
    }

    @Bean
    PaymentMode paymentMode(
            @Value("${algomarket.stripe.secret-key}") String secretKey,
            @Value("${algomarket.stripe.webhook-secret}") String webhookSecret) {
        boolean simulated = secretKey.isBlank();
        if (!webhookSecret.isBlank()) {
            return new PaymentMode(simulated, webhookSecret);
        }
        if (!simulated) {
            throw new IllegalStateException("STRIPE_WEBHOOK_SECRET is not set: Stripe's events could not be verified");
        }
        // Simulated events are signed and checked by this process only.
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return new PaymentMode(true, "whsec_" + HexFormat.of().formatHex(random));
    }

    @Bean
    PaymentGateway paymentGateway(
            PaymentMode mode,
            @Value("${algomarket.stripe.secret-key}") String secretKey,
            @Value("${algomarket.stripe.api-base}") String apiBase) {
        if (mode.simulated()) {
            log.info("Payments are simulated (no STRIPE_SECRET_KEY): POST /api/v1/purchases/{id}/simulate-payment");
            return new SimulatedPaymentGateway();
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
