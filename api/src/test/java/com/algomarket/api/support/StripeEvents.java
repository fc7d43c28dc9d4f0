package com.algomarket.api.support;

import com.stripe.net.Webhook;
import java.security.GeneralSecurityException;
import java.util.UUID;

/**
 * Stripe events as the webhook receives them, for tests that sign and post them. A payment event carries what the
 * webhook cross-checks against the purchase: the payment intent id, the amount in minor units and the currency.
 */
public final class StripeEvents {

    private StripeEvents() {}

    /** The payment intent id inside a client secret ({@code pi_..._secret_...}). */
    public static String paymentIntentOf(String clientSecret) {
        return clientSecret.substring(0, clientSecret.indexOf("_secret_"));
    }

    public static String payment(String type, String purchaseId, String paymentIntentId, long amount, String currency) {
        return event(type, """
                {"id":"%s","object":"payment_intent","amount":%d,"currency":"%s","metadata":{"purchase_id":"%s"}}""".formatted(paymentIntentId, amount, currency, purchaseId));
    }

    /** Posts {@code event} to the webhook as Stripe would: signed with {@code webhookSecret}, without a login. */
    public static Http.Response deliver(Http anonymous, String event, String webhookSecret) {
        return anonymous.postJson(
                "/api/v1/payments/stripe/webhook", event, "Stripe-Signature", signature(event, webhookSecret));
    }

    /** The {@code Stripe-Signature} header Stripe would send with {@code payload}. */
    public static String signature(String payload, String webhookSecret) {
        try {
            return Webhook.Signature.generateSignatureHeader(payload, webhookSecret);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String event(String type, String object) {
        return """
                {"id":"evt_%s","object":"event","type":"%s","created":%d,"livemode":false,"data":{"object":%s}}""".formatted(
                        UUID.randomUUID().toString().replace("-", ""), type, System.currentTimeMillis() / 1000, object);
    }
}
