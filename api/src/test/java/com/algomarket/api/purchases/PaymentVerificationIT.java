package com.algomarket.api.purchases;

import static com.algomarket.db.jooq.Tables.AUDIT_LOG;
import static com.algomarket.db.jooq.Tables.COUPONS;
import static com.algomarket.db.jooq.Tables.PURCHASES;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.api.support.Http;
import com.algomarket.api.support.OnPurchases;
import com.algomarket.api.support.Purchases;
import com.algomarket.api.support.RealServers;
import com.algomarket.api.support.StripeEvents;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.purchases.PaymentOutcome;
import com.algomarket.workflows.purchases.PurchaseWorkflow;
import io.temporal.client.WorkflowClient;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A purchase's payment is decided by verified, matching Stripe events only: a forged workflow signal or an event
 * about another payment, amount or currency activates nothing; a full refund or a lost dispute takes the subscription
 * back; an unpaid purchase gives its coupon redemption back when it expires.
 */
@RealServers(
        properties = {
            "algomarket.payments.deadline=PT6S",
            "algomarket.stripe.secret-key=",
            "algomarket.stripe.webhook-secret=" + PaymentVerificationIT.SECRET
        })
class PaymentVerificationIT extends OnPurchases {

    static final String SECRET = "whsec_payment_verification_it";

    @Autowired
    WorkflowClient workflows;

    @Test
    void givenAForgedPaymentSignal_whenSentThroughTemporal_thenNothingActivatedAndCancelledAtTheDeadline() {
        String algorithm = publish();
        String id = buy(algorithm, null).get("id").asString();

        workflows
                .newWorkflowStub(PurchaseWorkflow.class, WorkflowIds.purchase(id))
                .paymentReported(PaymentOutcome.SUCCEEDED);

        Purchases.awaitStatus(buyer, id, "CANCELLED");
        assertThat(seatsTaken(algorithm)).isZero();
    }

    @Test
    void givenEventsAboutAnotherPaymentAmountOrCurrency_whenPosted_thenAcknowledgedIgnoredAndAudited() {
        JsonNode bought = buy(publish(), null);
        String id = bought.get("id").asString();
        String paymentIntent =
                StripeEvents.paymentIntentOf(bought.get("paymentClientSecret").asString());

        for (String event : new String[] {
            StripeEvents.payment("payment_intent.succeeded", id, "pi_someone_else", 1000, "eur"),
            StripeEvents.payment("payment_intent.succeeded", id, paymentIntent, 1, "eur"),
            StripeEvents.payment("payment_intent.succeeded", id, paymentIntent, 1000, "usd")
        }) {
            assertThat(post(event).status()).isEqualTo(200);
        }

        assertThat(dsl.fetchCount(
                        AUDIT_LOG, AUDIT_LOG.ENTITY_ID.eq(id).and(AUDIT_LOG.ACTION.eq("PAYMENT_EVENT_IGNORED"))))
                .isEqualTo(3);
        Purchases.awaitStatus(buyer, id, "CANCELLED");
    }

    @Test
    void givenAnActiveSubscription_whenFullyRefunded_thenEndedSeatReleasedAndAudited_butAPartialRefundChangesNothing() {
        String algorithm = publish();
        String id = paidPurchase(algorithm);

        assertEndedOnlyBy(id, "charge.refunded", "\"refunded\":false", "\"refunded\":true");
        assertThat(seatsTaken(algorithm)).isZero();
        assertThat(dsl.fetchCount(
                        AUDIT_LOG, AUDIT_LOG.ENTITY_ID.eq(id).and(AUDIT_LOG.ACTION.eq("SUBSCRIPTION_REVOKED"))))
                .isEqualTo(1);
    }

    @Test
    void givenAnActiveSubscription_whenADisputeIsLost_thenEnded_butAWonDisputeChangesNothing() {
        String id = paidPurchase(publish());

        assertEndedOnlyBy(id, "charge.dispute.closed", "\"status\":\"won\"", "\"status\":\"lost\"");
    }

    @Test
    void givenACouponOnAnUnpaidPurchase_whenItExpires_thenTheRedemptionIsReturned() {
        String algorithm = publish();
        assertThat(developer
                        .postJson(
                                "/api/v1/algorithms/" + algorithm + "/coupons",
                                "{\"code\":\"HALF\",\"percentOff\":\"50\",\"maxRedemptions\":1}")
                        .status())
                .isEqualTo(201);
        String id = buy(algorithm, "HALF").get("id").asString();
        assertThat(redemptions(algorithm)).isEqualTo(1);

        Purchases.awaitStatus(buyer, id, "CANCELLED");

        assertThat(redemptions(algorithm)).isZero();
        assertThat(buyer.get("/api/v1/algorithms/" + algorithm + "/coupons/HALF")
                        .body()
                        .get("available")
                        .asBoolean())
                .isTrue();
    }

    private String paidPurchase(String algorithm) {
        JsonNode bought = buy(algorithm, null);
        String id = bought.get("id").asString();
        String paymentIntent =
                StripeEvents.paymentIntentOf(bought.get("paymentClientSecret").asString());
        assertThat(post(StripeEvents.payment("payment_intent.succeeded", id, paymentIntent, 1000, "eur"))
                        .status())
                .isEqualTo(200);
        Purchases.awaitStatus(buyer, id, "ACTIVE");
        return id;
    }

    /**
     * Posts a {@code type} event about the purchase's payment that leaves it ACTIVE ({@code keeps}, a field of the
     * charge or dispute), then one that ends it ({@code ends}): CANCELLED.
     */
    private void assertEndedOnlyBy(String purchaseId, String type, String keeps, String ends) {
        String paymentIntent = paymentIntent(purchaseId);
        assertThat(post(charge(type, paymentIntent, keeps)).status()).isEqualTo(200);
        assertThat(Purchases.status(buyer, purchaseId)).isEqualTo("ACTIVE");
        assertThat(post(charge(type, paymentIntent, ends)).status()).isEqualTo(200);
        assertThat(Purchases.status(buyer, purchaseId)).isEqualTo("CANCELLED");
    }

    private String paymentIntent(String purchaseId) {
        return dsl.select(PURCHASES.STRIPE_PAYMENT_INTENT_ID)
                .from(PURCHASES)
                .where(PURCHASES.ID.eq(UUID.fromString(purchaseId)))
                .fetchOne(PURCHASES.STRIPE_PAYMENT_INTENT_ID);
    }

    private static String charge(String type, String paymentIntent, String field) {
        String object = type.startsWith("charge.dispute")
                ? "{\"id\":\"dp_1\",\"object\":\"dispute\",\"payment_intent\":\"%s\",%s}"
                : "{\"id\":\"ch_1\",\"object\":\"charge\",\"payment_intent\":\"%s\",%s}";
        return StripeEvents.event(type, object.formatted(paymentIntent, field));
    }

    private Http.Response post(String event) {
        return StripeEvents.deliver(users.anonymous(), event, SECRET);
    }

    private String publish() {
        return publish("10", 5);
    }

    private JsonNode buy(String algorithmId, String coupon) {
        Http.Response bought = buy(buyer, algorithmId, 1, coupon);
        assertThat(bought.status()).as(bought.raw()).isEqualTo(201);
        return bought.body();
    }

    private int redemptions(String algorithmId) {
        return dsl.select(COUPONS.REDEMPTIONS)
                .from(COUPONS)
                .where(COUPONS.ALGORITHM_ID.eq(UUID.fromString(algorithmId)))
                .fetchOne(COUPONS.REDEMPTIONS);
    }
}
