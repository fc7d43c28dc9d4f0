package com.algomarket.api.purchases;

import com.algomarket.api.Roles;
import com.algomarket.api.problem.ApiProblem;
import com.algomarket.db.audit.AuditLog;
import com.algomarket.db.purchases.Purchase;
import com.algomarket.db.purchases.PurchaseRepository;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.purchases.PaymentMetadata;
import com.algomarket.workflows.purchases.PaymentOutcome;
import com.algomarket.workflows.purchases.PurchaseStatus;
import com.algomarket.workflows.purchases.PurchaseWorkflow;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stripe's events: signature checked by stripe-java (300 s tolerance), each event id applied once, unknown types
 * acknowledged and ignored. A payment's outcome is stored with the event once it matches the purchase, and the purchase
 * workflow is told to read it; the first stored outcome decides, so events arriving out of order cannot undo a
 * decision. A full refund or a lost dispute ends the subscription's new entries; every refund, partial ones included,
 * is recorded as money that went back.
 */
@RestController
@RequestMapping("/api/v1/payments/stripe")
@ConditionalOnBooleanProperty(Roles.API_PROPERTY)
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
@Slf4j
class StripeWebhookController {

    private static final long TOLERANCE_SECONDS = 300;

    private final PaymentsConfiguration.PaymentMode mode;
    private final PurchaseRepository purchases;
    private final AuditLog auditLog;
    private final WorkflowClient workflows;
    private final JsonMapper json;
    private final Clock clock;

    record Received(boolean received) {}

    @PostMapping("/webhook")
    Received webhook(
            @RequestBody String payload, @RequestHeader(name = "Stripe-Signature", required = false) String signature) {
        Event event;
        try {
            event = Webhook.constructEvent(
                    payload, signature == null ? "" : signature, mode.webhookSecret(), TOLERANCE_SECONDS, clock);
        } catch (SignatureVerificationException | RuntimeException e) {
            throw new ApiProblem(
                    HttpStatus.BAD_REQUEST,
                    "invalid-signature",
                    "Invalid signature",
                    "The Stripe-Signature header does not verify this payload.");
        }
        if (purchases.stripeEventSeen(event.getId()) && !event.getType().startsWith("payment_intent.")) {
            return new Received(true);
        }
        JsonNode object = json.readTree(payload).at("/data/object");
        switch (event.getType()) {
            case "payment_intent.succeeded" -> paymentEvent(event, object, PaymentOutcome.SUCCEEDED);
            case "payment_intent.payment_failed", "payment_intent.canceled" ->
                paymentEvent(event, object, PaymentOutcome.FAILED);
            case "charge.refunded" -> {
                // A partial refund (a goodwill gesture) leaves the subscription; a full one takes it back. Either is
                // money that went back, which the developer's sales show.
                boolean full = object.path("refunded").asBoolean(false);
                Purchase purchase = purchaseCharged(event, object);
                if (purchase != null) {
                    recordTakenBack(event, purchase, object, "amount_refunded", full);
                    if (full) {
                        revoke(event, purchase, "refunded");
                    }
                }
                purchases.recordStripeEvent(event.getId(), event.getType());
            }
            case "charge.dispute.closed" -> {
                if ("lost".equals(object.path("status").asString(null))) {
                    Purchase purchase = purchaseCharged(event, object);
                    if (purchase != null) {
                        recordTakenBack(event, purchase, object, "amount", true);
                        revoke(event, purchase, "dispute lost");
                    }
                }
                purchases.recordStripeEvent(event.getId(), event.getType());
            }
            default -> purchases.recordStripeEvent(event.getId(), event.getType());
        }
        return new Received(true);
    }

    /**
     * A payment's outcome, kept only when the event matches the purchase it names (payment intent id, amount and
     * currency): the purchase workflow acts on stored outcomes, never on a signal's content. The event is stored before
     * the workflow is told, and a repeated delivery tells it again (a signal that failed is sent by Stripe's retry);
     * the workflow reads the same stored outcome each time.
     *
     * <p>A mismatch answers 200 and is ignored and audited, not 400: Stripe retries any non-2xx for days, and a retry
     * of the same signed event cannot start matching. 400 stays reserved for a payload whose signature fails.
     */
    private void paymentEvent(Event event, JsonNode object, PaymentOutcome outcome) {
        JsonNode metadata = object.at("/metadata/" + PaymentMetadata.PURCHASE_ID);
        Purchase purchase = metadata.isMissingNode() || metadata.isNull()
                ? null
                : parseId(metadata.asString()).flatMap(purchases::find).orElse(null);
        if (purchase == null) {
            log.info("Stripe event {} ({}) names no purchase of ours; ignored", event.getId(), event.getType());
            purchases.recordStripeEvent(event.getId(), event.getType());
            return;
        }
        String mismatch = mismatch(purchase, object);
        if (mismatch != null) {
            audit(
                    purchase,
                    "PAYMENT_EVENT_IGNORED",
                    Map.of("eventId", event.getId(), "type", event.getType(), "reason", mismatch));
            log.warn("Stripe event {} for purchase {} ignored: {}", event.getId(), purchase.id(), mismatch);
            purchases.recordStripeEvent(event.getId(), event.getType());
            return;
        }
        purchases.recordStripeEvent(event.getId(), event.getType(), purchase.paymentIntentId(), outcome);
        try {
            workflows
                    .newWorkflowStub(
                            PurchaseWorkflow.class,
                            WorkflowIds.purchase(purchase.id().toString()))
                    .paymentReported(outcome);
            log.info("Stripe event {}: payment of purchase {} {}", event.getId(), purchase.id(), outcome);
        } catch (WorkflowNotFoundException finished) {
            log.info("Stripe event {} for purchase {} arrived after it ended; ignored", event.getId(), purchase.id());
        }
    }

    /** Why the event's payment is not the purchase's, or null when it is. */
    private static String mismatch(Purchase purchase, JsonNode object) {
        String paymentIntent = object.path("id").asString(null);
        if (purchase.paymentIntentId() == null || !purchase.paymentIntentId().equals(paymentIntent)) {
            return "payment intent " + paymentIntent + " is not the purchase's (" + purchase.paymentIntentId() + ")";
        }
        long expected = PurchaseService.minorUnits(purchase.amount());
        JsonNode amount = object.path("amount");
        if (!amount.isIntegralNumber() || amount.asLong() != expected) {
            return "amount " + amount + " is not the purchase's " + expected;
        }
        return otherCurrency(purchase, object.path("currency").asString(""));
    }

    /** Why {@code currency} is not the purchase's, or null when it is. */
    private static String otherCurrency(Purchase purchase, String currency) {
        return currency.equalsIgnoreCase(purchase.currency())
                ? null
                : "currency " + currency + " is not the purchase's " + purchase.currency();
    }

    /**
     * Records what of a purchase's payment went back to the buyer: the charge's {@code amount_refunded} (all its refunds
     * so far) or a lost dispute's {@code amount}, in minor units of the purchase's currency. An event that names no
     * amount but says the whole payment went back ({@code whole}) records the whole amount; one in another currency is
     * ignored and audited, as a payment event that does not match is.
     */
    private void recordTakenBack(Event event, Purchase purchase, JsonNode object, String amountField, boolean whole) {
        JsonNode minorUnits = object.path(amountField);
        String ignored = otherCurrency(purchase, object.path("currency").asString(purchase.currency()));
        if (ignored == null && !minorUnits.isIntegralNumber() && !whole) {
            ignored = "no " + amountField;
        }
        if (ignored != null) {
            audit(
                    purchase,
                    "REFUND_EVENT_IGNORED",
                    Map.of("eventId", event.getId(), "type", event.getType(), "reason", ignored));
            return;
        }
        BigDecimal takenBack =
                minorUnits.isIntegralNumber() ? PurchaseService.majorUnits(minorUnits.asLong()) : purchase.amount();
        purchases.recordRefunded(purchase.paymentIntentId(), takenBack);
        audit(
                purchase,
                "REFUND_RECORDED",
                Map.of("eventId", event.getId(), "type", event.getType(), "refundedInAll", takenBack.toPlainString()));
    }

    /**
     * A refund or a lost dispute takes the subscription back: the purchase ends (CANCELLED, seat released) and its
     * portfolios keep exits only, like any ended subscription. Ending is idempotent, so a repeated event changes nothing.
     */
    private void revoke(Event event, Purchase purchase, String why) {
        boolean ended = purchases.end(purchase.id(), PurchaseStatus.CANCELLED);
        audit(purchase, "SUBSCRIPTION_REVOKED", Map.of("eventId", event.getId(), "reason", why, "ended", ended));
        log.info("Stripe event {}: purchase {} {}; new entries stopped", event.getId(), purchase.id(), why);
    }

    /** The purchase whose payment a charge or dispute event names, or null (logged) when it names none of ours. */
    private Purchase purchaseCharged(Event event, JsonNode object) {
        String paymentIntentId = object.path("payment_intent").asString(null);
        Purchase purchase = paymentIntentId == null
                ? null
                : purchases.findByPaymentIntent(paymentIntentId).orElse(null);
        if (purchase == null) {
            log.info("Stripe event {} ({}) is about no purchase of ours; ignored", event.getId(), event.getType());
        }
        return purchase;
    }

    /** An entry of the purchase's audit trail, written on behalf of Stripe's webhook. */
    private void audit(Purchase purchase, String action, Map<String, ?> details) {
        auditLog.append("stripe-webhook", "purchase", purchase.id().toString(), action, details);
    }

    private static Optional<UUID> parseId(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }
}
