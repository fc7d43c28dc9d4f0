package com.algomarket.api.purchases;

import com.algomarket.api.Roles;
import com.algomarket.api.problem.ApiProblem;
import com.algomarket.db.purchases.PurchaseRepository;
import com.algomarket.workflows.purchases.PaymentMetadata;
import com.algomarket.workflows.purchases.PaymentOutcome;
import com.algomarket.workflows.purchases.PurchaseWorkflow;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * acknowledged and ignored. The outcome goes to the purchase workflow, which keeps the first and ignores the rest, so
 * events arriving out of order cannot undo a decision.
 */
@RestController
@RequestMapping("/api/v1/payments/stripe")
@ConditionalOnBooleanProperty(Roles.API_PROPERTY)
class StripeWebhookController {

    private static final Logger log = LoggerFactory.getLogger(StripeWebhookController.class);
    private static final long TOLERANCE_SECONDS = 300;

    private final PaymentsConfiguration.PaymentMode mode;
    private final PurchaseRepository purchases;
    private final WorkflowClient workflows;
    private final JsonMapper json;
    private final Clock clock;

    StripeWebhookController(
            PaymentsConfiguration.PaymentMode mode,
            PurchaseRepository purchases,
            WorkflowClient workflows,
            JsonMapper json,
            Clock clock) {
        this.mode = mode;
        this.purchases = purchases;
        this.workflows = workflows;
        this.json = json;
        this.clock = clock;
    }

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
        if (purchases.stripeEventSeen(event.getId())) {
            return new Received(true);
        }
        PaymentOutcome outcome = switch (event.getType()) {
            case "payment_intent.succeeded" -> PaymentOutcome.SUCCEEDED;
            case "payment_intent.payment_failed", "payment_intent.canceled" -> PaymentOutcome.FAILED;
            default -> null;
        };
        if (outcome != null) {
            report(event, payload, outcome);
        }
        // Recorded only after the workflow has it: should signalling fail, Stripe's retry applies it then.
        purchases.recordStripeEvent(event.getId(), event.getType());
        return new Received(true);
    }

    private void report(Event event, String payload, PaymentOutcome outcome) {
        JsonNode metadata = json.readTree(payload).at("/data/object/metadata/" + PaymentMetadata.PURCHASE_ID);
        if (metadata.isMissingNode() || metadata.isNull()) {
            log.info("Stripe event {} ({}) names no purchase; ignored", event.getId(), event.getType());
            return;
        }
        String purchaseId = metadata.asString();
        try {
            workflows
                    .newWorkflowStub(PurchaseWorkflow.class, PurchaseWorkflow.workflowId(purchaseId))
                    .paymentReported(outcome);
            log.info("Stripe event {}: payment of purchase {} {}", event.getId(), purchaseId, outcome);
        } catch (WorkflowNotFoundException finished) {
            log.info("Stripe event {} for purchase {} arrived after it ended; ignored", event.getId(), purchaseId);
        }
    }
}
