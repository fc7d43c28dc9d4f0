package com.algomarket.api.purchases;

import com.algomarket.api.mode.ModeSelection;
import com.algomarket.api.mode.ProductionRequirements;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Stripe when {@code STRIPE_SECRET_KEY} is set. Without it: in the embedded default, simulated payments, whose outcome
 * {@code POST /purchases/{id}/simulate-payment} decides; in any other mode, free algorithms only ({@code
 * PAYMENTS=free-only}, which production mode requires to be said explicitly), so that a missing key never makes a
 * paid purchase free. The API only checks (and, simulated, signs) webhook events; the worker side talks to the
 * provider (activities' PaymentGatewayConfiguration).
 */
@Configuration(proxyBeanMethods = false)
class PaymentsConfiguration {

    /**
     * How payments run here, and the secret Stripe's webhook events are signed with. {@code freeOnly}: no payment
     * provider, so only purchases that cost nothing can be made.
     */
    record PaymentMode(boolean simulated, boolean freeOnly, String webhookSecret) {

        @Override
        public String toString() {
            return "PaymentMode[simulated=" + simulated + ", freeOnly=" + freeOnly + ", webhookSecret=***]";
        }
    }

    @Bean
    PaymentMode paymentMode(
            @Value("${algomarket.stripe.secret-key}") String secretKey,
            @Value("${algomarket.stripe.webhook-secret}") String webhookSecret,
            @Value("${algomarket.payments.provider:}") String provider,
            @Value("${" + ModeSelection.EMBEDDED_PROPERTY + ":false}") boolean embedded) {
        boolean freeOnly =
                ProductionRequirements.FREE_ONLY.equals(provider.strip()) || (secretKey.isBlank() && !embedded);
        boolean simulated = secretKey.isBlank() && !freeOnly;
        if (!webhookSecret.isBlank()) {
            return new PaymentMode(simulated, freeOnly, webhookSecret);
        }
        if (!simulated && !freeOnly) {
            throw new IllegalStateException("STRIPE_WEBHOOK_SECRET is not set: Stripe's events could not be verified");
        }
        // Simulated events are signed and checked by this process only; with free algorithms only, none are expected.
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return new PaymentMode(simulated, freeOnly, "whsec_" + HexFormat.of().formatHex(random));
    }
}
