package com.algomarket.api.purchases;

import com.algomarket.api.abuse.AbuseProperties;
import com.algomarket.api.problem.ApiProblem;
import com.algomarket.db.audit.AuditLog;
import com.algomarket.db.purchases.Purchase;
import com.algomarket.db.purchases.PurchaseRepository;
import com.algomarket.db.store.Algorithm;
import com.algomarket.db.store.AlgorithmRepository;
import com.algomarket.db.store.Coupon;
import com.algomarket.workflows.common.SearchAttributeKeys;
import com.algomarket.workflows.common.TaskQueues;
import com.algomarket.workflows.purchases.PaymentMetadata;
import com.algomarket.workflows.purchases.PaymentOutcome;
import com.algomarket.workflows.purchases.PurchaseInput;
import com.algomarket.workflows.purchases.PurchaseStatus;
import com.algomarket.workflows.purchases.PurchaseWorkflow;
import com.algomarket.workflows.store.AlgorithmStatus;
import com.stripe.net.Webhook;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.common.SearchAttributes;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Buying an algorithm: the seat (and coupon) are taken in one transaction, so concurrent buyers never get more seats
 * than exist; the purchase workflow then creates the payment and follows it to the end of the subscription.
 */
@Service
class PurchaseService {

    private static final Logger log = LoggerFactory.getLogger(PurchaseService.class);
    /**
     * How long the REST call waits for the payment to exist and its client secret; later, GET /purchases/{id} has it.
     */
    private static final Duration PAYMENT_WAIT = Duration.ofSeconds(10);

    private final PurchaseRepository purchases;
    private final AlgorithmRepository algorithms;
    private final PaymentsConfiguration.PaymentMode mode;
    private final WorkflowClient workflows;
    private final AuditLog auditLog;
    private final TransactionTemplate transactions;
    private final Environment environment;
    private final Clock clock;
    private final Duration paymentDeadline;
    private final int maxUnpaidPurchases;

    PurchaseService(
            PurchaseRepository purchases,
            AlgorithmRepository algorithms,
            PaymentsConfiguration.PaymentMode mode,
            WorkflowClient workflows,
            AuditLog auditLog,
            TransactionTemplate transactions,
            Environment environment,
            Clock clock,
            @Value("${algomarket.payments.deadline}") Duration paymentDeadline,
            AbuseProperties abuse) {
        this.purchases = purchases;
        this.algorithms = algorithms;
        this.mode = mode;
        this.workflows = workflows;
        this.auditLog = auditLog;
        this.transactions = transactions;
        this.environment = environment;
        this.clock = clock;
        this.paymentDeadline = paymentDeadline;
        this.maxUnpaidPurchases = abuse.maxUnpaidPurchases();
    }

    record Created(Purchase purchase, String clientSecret) {}

    Created buy(UUID userId, UUID algorithmId, int periods, String couponCode) {
        Algorithm algorithm = algorithms
                .find(algorithmId)
                .filter(found -> found.status() == AlgorithmStatus.PUBLISHED)
                .orElseThrow(() -> new ApiProblem(
                        HttpStatus.NOT_FOUND,
                        "algorithm-not-found",
                        "Algorithm not found",
                        "There is no algorithm " + algorithmId + " for sale."));
        Coupon coupon = couponCode == null ? null : usableCoupon(algorithm, couponCode);
        BigDecimal amount = price(algorithm, periods, coupon);
        if (mode.freeOnly() && amount.signum() > 0) {
            throw new ApiProblem(
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    "payments-unavailable",
                    "Payments are not available",
                    "This marketplace takes no payments: only purchases that cost nothing (a free algorithm, or a"
                            + " coupon for the whole price) can be made.");
        }
        UUID purchaseId = UUID.randomUUID();
        String workflowId = PurchaseWorkflow.workflowId(purchaseId.toString());
        Purchase purchase = new Purchase(
                purchaseId,
                userId,
                algorithm.id(),
                coupon == null ? null : coupon.id(),
                periods,
                amount,
                algorithm.priceCurrency(),
                PurchaseStatus.AWAITING_PAYMENT,
                null,
                null,
                null,
                workflowId);
        reserveSeat(purchase, coupon);
        try {
            startWorkflow(purchase, algorithm);
        } catch (RuntimeException e) {
            // Nothing will follow this purchase: give the seat back at once.
            purchases.end(purchaseId, PurchaseStatus.CANCELLED);
            log.warn("Could not start purchase {}; seat released", purchaseId, e);
            throw new ApiProblem(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "purchase-unavailable",
                    "Try again",
                    "Purchases are unavailable right now; nothing was charged.");
        }
        String clientSecret = awaitClientSecret(workflowId);
        return new Created(purchases.find(purchaseId).orElseThrow(), clientSecret);
    }

    /**
     * Takes the seat and redeems the coupon with the purchase in one transaction: all of it, or nothing. A user may
     * hold at most {@code algomarket.abuse.max-unpaid-purchases} seats awaiting payment, or one account could take
     * every seat of an algorithm without paying (each is released only at the payment deadline): beyond it, 409
     * {@code too-many-unpaid-purchases}. 409 rather than 429, because it is the state of the user's purchases, not
     * their pace, that refuses: paying for one (or letting it expire) makes room again.
     */
    private void reserveSeat(Purchase purchase, Coupon coupon) {
        transactions.executeWithoutResult(status -> {
            if (purchase.amount().signum() > 0
                    && purchases.lockBuyerAndCountUnpaid(purchase.userId()) >= maxUnpaidPurchases) {
                throw new ApiProblem(
                        HttpStatus.CONFLICT,
                        "too-many-unpaid-purchases",
                        "Too many unpaid purchases",
                        "You have " + maxUnpaidPurchases + " purchases awaiting payment: pay for one, or let it expire,"
                                + " before buying again.");
            }
            if (!purchases.reserveSeat(purchase.algorithmId())) {
                throw new ApiProblem(
                        HttpStatus.CONFLICT,
                        "no-seats-available",
                        "Sold out",
                        "Every seat of this algorithm is taken.");
            }
            if (coupon != null && !purchases.redeemCoupon(coupon.id())) {
                throw new ApiProblem(
                        HttpStatus.CONFLICT,
                        "coupon-unavailable",
                        "Coupon used up",
                        "The coupon has just been used up.");
            }
            purchases.insert(purchase);
            auditLog.append(
                    "user:" + purchase.userId(),
                    "purchase",
                    purchase.id().toString(),
                    "CREATED",
                    "{\"algorithmId\":\"" + purchase.algorithmId() + "\",\"amount\":\""
                            + purchase.amount().toPlainString() + "\"}");
        });
    }

    private void startWorkflow(Purchase purchase, Algorithm algorithm) {
        PurchaseWorkflow workflow = workflows.newWorkflowStub(
                PurchaseWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(purchase.workflowId())
                        .setTaskQueue(TaskQueues.PURCHASES)
                        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                        .setTypedSearchAttributes(SearchAttributes.newBuilder()
                                .set(
                                        SearchAttributeKeys.USER_ID,
                                        purchase.userId().toString())
                                .set(
                                        SearchAttributeKeys.ALGORITHM_ID,
                                        algorithm.id().toString())
                                .build())
                        // What an operator reads in the Web UI's list without opening the history.
                        .setMemo(Map.of(
                                "algorithm",
                                algorithm.name(),
                                "periods",
                                purchase.periods(),
                                "amount",
                                purchase.amount().stripTrailingZeros().toPlainString() + " "
                                        + algorithm.priceCurrency()))
                        .build());
        WorkflowClient.start(
                workflow::purchase,
                new PurchaseInput(
                        purchase.id().toString(),
                        purchase.userId().toString(),
                        algorithm.id().toString(),
                        minorUnits(purchase.amount()),
                        algorithm.priceCurrency(),
                        purchase.periods(),
                        algorithm.periodDays(),
                        paymentDeadline.toSeconds()));
    }

    Purchase get(UUID userId, UUID purchaseId) {
        return purchases.findForUser(purchaseId, userId).orElseThrow(() -> ApiProblem.notFound("purchase", purchaseId));
    }

    /** The payment's client secret, fetched from the provider (through the purchase workflow) each time: never stored. */
    String clientSecretWhileAwaitingPayment(Purchase purchase) {
        if (purchase.status() != PurchaseStatus.AWAITING_PAYMENT || purchase.paymentIntentId() == null) {
            return null;
        }
        return awaitClientSecret(purchase.workflowId());
    }

    /**
     * Posts a correctly signed {@code payment_intent.succeeded} or {@code .payment_failed} event to this app's own
     * webhook, so that the simulated payment runs through the same signature check and deduplication as Stripe's.
     */
    void simulatePayment(UUID userId, UUID purchaseId, boolean succeeded) {
        Purchase purchase = get(userId, purchaseId);
        if (purchase.paymentIntentId() == null || purchase.status() != PurchaseStatus.AWAITING_PAYMENT) {
            throw new ApiProblem(
                    HttpStatus.CONFLICT,
                    "not-awaiting-payment",
                    "Not awaiting payment",
                    "This purchase is " + purchase.status() + ".");
        }
        PaymentOutcome outcome = succeeded ? PaymentOutcome.SUCCEEDED : PaymentOutcome.FAILED;
        String type = succeeded ? "payment_intent.succeeded" : "payment_intent.payment_failed";
        String payload = """
                {"id":"%s","object":"event","type":"%s","created":%d,"livemode":false,
                 "data":{"object":{"id":"%s","object":"payment_intent","status":"%s","amount":%d,"currency":"%s",
                 "metadata":{"%s":"%s"}}}}""".formatted(
                        PaymentMetadata.simulatedEventId(purchase.paymentIntentId(), outcome),
                        type,
                        clock.instant().getEpochSecond(),
                        purchase.paymentIntentId(),
                        succeeded ? "succeeded" : "requires_payment_method",
                        minorUnits(purchase.amount()),
                        purchase.currency().toLowerCase(Locale.ROOT),
                        PaymentMetadata.PURCHASE_ID,
                        purchaseId);
        try {
            String signature = Webhook.Signature.generateSignatureHeader(payload, mode.webhookSecret());
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            "http://127.0.0.1:" + environment.getProperty("local.server.port")
                                                    + "/api/v1/payments/stripe/webhook"))
                                    .header("Content-Type", "application/json")
                                    .header("Stripe-Signature", signature)
                                    .timeout(Duration.ofSeconds(10))
                                    .POST(HttpRequest.BodyPublishers.ofString(payload))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the webhook answered " + response.statusCode());
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new ApiProblem(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "simulation-failed",
                    "Simulation failed",
                    "The simulated payment event could not be delivered: " + e.getMessage());
        }
    }

    private Coupon usableCoupon(Algorithm algorithm, String code) {
        Coupon coupon = algorithms
                .findCoupon(algorithm.id(), code)
                .orElseThrow(() -> new ApiProblem(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "coupon-unavailable",
                        "Unknown coupon",
                        "This algorithm has no coupon " + code + "."));
        String reason = coupon.unavailableReason(OffsetDateTime.now(clock));
        if (reason != null) {
            throw new ApiProblem(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "coupon-unavailable",
                    "Coupon unavailable",
                    "The coupon " + code + " is " + reason.toLowerCase() + ".");
        }
        return coupon;
    }

    /** periods x price, less the coupon, never below zero, in cents. */
    static BigDecimal price(Algorithm algorithm, int periods, Coupon coupon) {
        BigDecimal total = algorithm.priceAmount().multiply(BigDecimal.valueOf(periods));
        if (coupon != null && coupon.percentOff() != null) {
            total = total.subtract(total.multiply(coupon.percentOff()).divide(BigDecimal.valueOf(100)));
        } else if (coupon != null) {
            total = total.subtract(coupon.amountOff());
        }
        return total.max(BigDecimal.ZERO).setScale(2, RoundingMode.HALF_UP);
    }

    static long minorUnits(BigDecimal amount) {
        return amount.movePointRight(2).longValueExact();
    }

    private String awaitClientSecret(String workflowId) {
        try {
            // The workflow reads the secret from the provider; this node holds no provider key.
            return workflows
                    .newUntypedWorkflowStub(workflowId)
                    .startUpdate("clientSecret", WorkflowUpdateStage.ACCEPTED, String.class)
                    .getResultAsync()
                    .get(PAYMENT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("Payment of {} not created within {}; the client can fetch it later", workflowId, PAYMENT_WAIT);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            log.warn("Could not read the payment of {}", workflowId, e);
            return null;
        }
    }
}
