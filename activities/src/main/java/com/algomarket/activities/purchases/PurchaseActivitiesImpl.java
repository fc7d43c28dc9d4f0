package com.algomarket.activities.purchases;

import com.algomarket.db.audit.AuditLog;
import com.algomarket.db.purchases.Purchase;
import com.algomarket.db.purchases.PurchaseRepository;
import com.algomarket.workflows.purchases.ActivateInput;
import com.algomarket.workflows.purchases.CreatePaymentInput;
import com.algomarket.workflows.purchases.EndPurchaseInput;
import com.algomarket.workflows.purchases.PaymentOutcome;
import com.algomarket.workflows.purchases.PurchaseActivities;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

@Component
public class PurchaseActivitiesImpl implements PurchaseActivities {

    private static final Logger log = LoggerFactory.getLogger(PurchaseActivitiesImpl.class);

    /** The failure type of an activation that no verified payment backs; never retried. */
    static final String PAYMENT_NOT_VERIFIED = "PAYMENT_NOT_VERIFIED";

    private final PurchaseRepository purchases;
    private final PaymentGateway payments;
    private final AuditLog auditLog;

    public PurchaseActivitiesImpl(PurchaseRepository purchases, PaymentGateway payments, AuditLog auditLog) {
        this.purchases = purchases;
        this.payments = payments;
        this.auditLog = auditLog;
    }

    /** Charges what the purchase row says, whatever amount the workflow input carries: an input is a request. */
    @Override
    public String createPayment(CreatePaymentInput input) {
        Purchase purchase = purchases.find(UUID.fromString(input.purchaseId())).orElseThrow();
        String paymentId = payments.createPayment(
                input.purchaseId(), purchase.amount().movePointRight(2).longValueExact(), purchase.currency());
        purchases.setPaymentIntent(UUID.fromString(input.purchaseId()), paymentId);
        log.info("Purchase {}: payment {} created", input.purchaseId(), paymentId);
        return paymentId;
    }

    @Override
    public String clientSecret(String paymentId) {
        return payments.clientSecret(paymentId);
    }

    @Override
    public PaymentOutcome cancelPayment(String purchaseId) {
        Purchase purchase = purchases.find(UUID.fromString(purchaseId)).orElseThrow();
        PaymentOutcome outcome = payments.cancel(purchase.paymentIntentId());
        if (outcome == PaymentOutcome.SUCCEEDED) {
            // The worker read it from the provider with its own key: as good a fact as a verified webhook event.
            purchases.recordStripeEvent(
                    "retrieved:" + purchase.paymentIntentId(),
                    "payment_intent.retrieved",
                    purchase.paymentIntentId(),
                    PaymentOutcome.SUCCEEDED);
        }
        log.info("Purchase {}: payment deadline passed; cancel found it {}", purchaseId, outcome);
        return outcome;
    }

    @Override
    public PaymentOutcome verifiedOutcome(String purchaseId) {
        Purchase purchase = purchases.find(UUID.fromString(purchaseId)).orElseThrow();
        if (purchase.paymentIntentId() == null) {
            return null;
        }
        return purchases.verifiedOutcome(purchase.paymentIntentId()).orElse(null);
    }

    @Override
    public void activate(ActivateInput input) {
        Purchase purchase = purchases.find(UUID.fromString(input.purchaseId())).orElseThrow();
        boolean paid = purchase.amount().signum() == 0
                || (purchase.paymentIntentId() != null
                        && purchases.verifiedOutcome(purchase.paymentIntentId()).orElse(null)
                                == PaymentOutcome.SUCCEEDED);
        if (!paid) {
            auditLog.append(
                    "purchase-workflow",
                    "purchase",
                    input.purchaseId(),
                    "ACTIVATION_REFUSED",
                    Map.of("reason", "no verified payment event says the payment succeeded"));
            throw ApplicationFailure.newNonRetryableFailure(
                    "purchase " + input.purchaseId() + " has no verified successful payment", PAYMENT_NOT_VERIFIED);
        }
        purchases.activate(UUID.fromString(input.purchaseId()), at(input.startsAtMillis()), at(input.endsAtMillis()));
        log.info("Purchase {} active until {}", input.purchaseId(), at(input.endsAtMillis()));
    }

    @Override
    public void end(EndPurchaseInput input) {
        boolean ended = purchases.end(UUID.fromString(input.purchaseId()), input.status());
        log.info(
                "Purchase {} {} ({})",
                input.purchaseId(),
                input.status(),
                ended ? "seat released" : "had ended already");
    }

    private static OffsetDateTime at(long epochMillis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }
}
