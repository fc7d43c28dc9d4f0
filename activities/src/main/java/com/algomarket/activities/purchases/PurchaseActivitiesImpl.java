package com.algomarket.activities.purchases;

import com.algomarket.activities.email.EmailSender;
import com.algomarket.activities.notifications.Notifier;
import com.algomarket.db.audit.AuditLog;
import com.algomarket.db.notifications.NewNotification;
import com.algomarket.db.notifications.NotificationRepository;
import com.algomarket.db.purchases.Purchase;
import com.algomarket.db.purchases.PurchaseRepository;
import com.algomarket.db.store.Algorithm;
import com.algomarket.db.store.AlgorithmRepository;
import com.algomarket.db.users.User;
import com.algomarket.db.users.UserRepository;
import com.algomarket.workflows.notifications.NotificationTopic;
import com.algomarket.workflows.notifications.NotificationType;
import com.algomarket.workflows.purchases.ActivateInput;
import com.algomarket.workflows.purchases.CreatePaymentInput;
import com.algomarket.workflows.purchases.EndPurchaseInput;
import com.algomarket.workflows.purchases.EndingReminderInput;
import com.algomarket.workflows.purchases.PaymentOutcome;
import com.algomarket.workflows.purchases.PurchaseActivities;
import com.algomarket.workflows.purchases.PurchaseStatus;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

@Component
@RequiredArgsConstructor
@Slf4j
public class PurchaseActivitiesImpl implements PurchaseActivities {

    /** The failure type of an activation that no verified payment backs; never retried. */
    static final String PAYMENT_NOT_VERIFIED = "PAYMENT_NOT_VERIFIED";

    private final PurchaseRepository purchases;
    private final PaymentGateway payments;
    private final AuditLog auditLog;
    private final UserRepository users;
    private final AlgorithmRepository algorithms;
    private final EmailSender emailSender;
    private final Notifier notifier;
    private final NotificationRepository notifications;

    @Value("${algomarket.public-url}")
    private final String publicUrl;

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
        log.info("Purchase {} {} ({})", input.purchaseId(), input.status(), ended ? "ended now" : "had ended already");
        UUID purchaseId = UUID.fromString(input.purchaseId());
        // Told even when an earlier attempt ended it: the event's id makes a retried end tell it once.
        if (input.status() == PurchaseStatus.PAYMENT_FAILED) {
            notify(NotificationType.PAYMENT_FAILED, purchases.find(purchaseId).orElseThrow(), Map.of());
        } else if (input.status() == PurchaseStatus.EXPIRED && !purchases.hasPaidRenewal(purchaseId)) {
            // A subscription whose paid renewal goes on has not ended for its user.
            notify(
                    NotificationType.SUBSCRIPTION_ENDED,
                    purchases.find(purchaseId).orElseThrow(),
                    Map.of());
        }
    }

    /** Tells the buyer about their purchase, with its algorithm, amount and end. */
    private void notify(NotificationType type, Purchase purchase, Map<String, String> more) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("purchaseId", purchase.id().toString());
        data.put("algorithmId", purchase.algorithmId().toString());
        data.put("amount", purchase.amount().toPlainString());
        data.put("currency", purchase.currency());
        if (purchase.endsAt() != null) {
            data.put("endsAt", purchase.endsAt().toInstant().toString());
        }
        data.putAll(more);
        String occurrence = purchase.id() + (more.containsKey("daysLeft") ? "/" + more.get("daysLeft") : "");
        notifier.publish(NewNotification.of(occurrence, purchase.userId(), type, OffsetDateTime.now(), data));
    }

    @Override
    public boolean remindEnding(EndingReminderInput input) {
        UUID purchaseId = UUID.fromString(input.purchaseId());
        Purchase purchase = purchases.find(purchaseId).orElseThrow();
        if (purchase.status() != PurchaseStatus.ACTIVE || purchases.hasPaidRenewal(purchaseId)) {
            log.info("Purchase {}: no ending reminder ({}, or renewed)", purchaseId, purchase.status());
            return false;
        }
        User user = users.findById(purchase.userId()).orElseThrow();
        String algorithm =
                algorithms.find(purchase.algorithmId()).map(Algorithm::name).orElse("your algorithm");
        String days = input.daysLeft() == 1 ? "1 day" : input.daysLeft() + " days";
        notify(NotificationType.SUBSCRIPTION_ENDING, purchase, Map.of("daysLeft", String.valueOf(input.daysLeft())));
        if (!notifications.wantsEmail(purchase.userId(), NotificationTopic.SUBSCRIPTION)) {
            log.info("Purchase {}: its buyer chose no subscription emails ({} left)", purchaseId, days);
            return true;
        }
        emailSender.send(user.email(), "Your subscription to " + algorithm + " ends in " + days, """
                Hello %s,

                your subscription to %s ends in %s, on %s. Its portfolios may then only exit their positions.

                To keep them trading with no gap, renew it before then: POST %s/api/v1/purchases/%s/renew.
                """.formatted(
                        user.username(), algorithm, days, purchase.endsAt(), publicUrl, purchaseId));
        log.info("Purchase {}: ending reminder sent ({} left)", purchaseId, days);
        return true;
    }

    private static OffsetDateTime at(long epochMillis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }
}
