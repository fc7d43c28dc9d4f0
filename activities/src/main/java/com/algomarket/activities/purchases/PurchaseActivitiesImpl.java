package com.algomarket.activities.purchases;

import com.algomarket.db.purchases.Purchase;
import com.algomarket.db.purchases.PurchaseRepository;
import com.algomarket.workflows.purchases.ActivateInput;
import com.algomarket.workflows.purchases.CreatePaymentInput;
import com.algomarket.workflows.purchases.EndPurchaseInput;
import com.algomarket.workflows.purchases.PaymentOutcome;
import com.algomarket.workflows.purchases.PurchaseActivities;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

@Component
public class PurchaseActivitiesImpl implements PurchaseActivities {

    private static final Logger log = LoggerFactory.getLogger(PurchaseActivitiesImpl.class);

    private final PurchaseRepository purchases;
    private final PaymentGateway payments;

    public PurchaseActivitiesImpl(PurchaseRepository purchases, PaymentGateway payments) {
        this.purchases = purchases;
        this.payments = payments;
    }

    @Override
    public String createPayment(CreatePaymentInput input) {
        String paymentId = payments.createPayment(input.purchaseId(), input.amountMinor(), input.currency());
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
        log.info("Purchase {}: payment deadline passed; cancel found it {}", purchaseId, outcome);
        return outcome;
    }

    @Override
    public void activate(ActivateInput input) {
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
