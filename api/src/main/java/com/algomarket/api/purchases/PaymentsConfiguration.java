package com.algomarket.api.purchases;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Stripe when {@code STRIPE_SECRET_KEY} is set; otherwise simulated payments, whose outcome {@code POST
 * /purchases/{id}/simulate-payment} decides. The API only checks (and, simulated, signs) webhook events; the worker
 * side talks to the provider (activities' PaymentGatewayConfiguration).
 */
@Configuration(proxyBeanMethods = false)
class PaymentsConfiguration {

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
}
