package com.algomarket.api.purchases;

import com.algomarket.api.abuse.AbuseProperties;
import com.algomarket.api.problem.ApiProblem;
import com.algomarket.api.store.StorePage;
import com.algomarket.api.temporal.WorkflowStarts;
import com.algomarket.db.audit.AuditLog;
import com.algomarket.db.purchases.Purchase;
import com.algomarket.db.purchases.PurchaseRepository;
import com.algomarket.db.store.Algorithm;
import com.algomarket.db.store.AlgorithmRepository;
import com.algomarket.db.store.Coupon;
import com.algomarket.workflows.common.SearchAttributeKeys;
import com.algomarket.workflows.common.TaskQueues;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.purchases.PurchaseInput;
import com.algomarket.workflows.purchases.PurchaseStatus;
import com.algomarket.workflows.purchases.PurchaseWorkflow;
import com.algomarket.workflows.store.AlgorithmStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateStage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import lombok.extern.slf4j.Slf4j;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Buying an algorithm: the seat (and coupon) are taken in one transaction, so concurrent buyers never get more seats
 * than exist; the purchase workflow then creates the payment and follows it to the end of the subscription.
 */
@Service
@Slf4j
class PurchaseService {

    /** The name of the purchases list's order in its cursors: newest first. */
    private static final String LIST_ORDER = "PURCHASES_NEWEST";
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
            Clock clock,
            @Value("${algomarket.payments.deadline}") Duration paymentDeadline,
            AbuseProperties abuse) {
        this.purchases = purchases;
        this.algorithms = algorithms;
        this.mode = mode;
        this.workflows = workflows;
        this.auditLog = auditLog;
        this.transactions = transactions;
        this.clock = clock;
        this.paymentDeadline = paymentDeadline;
        this.maxUnpaidPurchases = abuse.maxUnpaidPurchases();
    }

    record Created(Purchase purchase, String clientSecret) {}

    Created buy(UUID userId, UUID algorithmId, int periods, String couponCode) {
        Algorithm algorithm = forSale(algorithmId);
        Priced priced = priced(algorithm, periods, couponCode);
        Purchase purchase = newPurchase(userId, algorithm, periods, priced, null);
        store(purchase, priced.coupon(), () -> {
            if (!purchases.reserveSeat(purchase.algorithmId())) {
                throw new ApiProblem(
                        HttpStatus.CONFLICT,
                        "no-seats-available",
                        "Sold out",
                        "Every seat of this algorithm is taken.");
            }
        });
        return start(purchase, algorithm, 0);
    }

    /**
     * Buys the next {@code periods} of an ACTIVE purchase (or of its paid renewal, to renew further): a purchase of the
     * same algorithm that starts when the current one ends. It needs no free seat: the current purchase hands its own
     * over when it ends. A purchase has one renewal at a time; a second answers 409 until the first ended unpaid.
     */
    Created renew(UUID userId, UUID purchaseId, int periods, String couponCode) {
        Purchase current = get(userId, purchaseId);
        Algorithm algorithm = forSale(current.algorithmId());
        Priced priced = priced(algorithm, periods, couponCode);
        Purchase renewal = newPurchase(userId, algorithm, periods, priced, current.id());
        store(renewal, priced.coupon(), () -> {
            // Locked, so that two renewals of the same purchase at once are decided one after the other.
            Purchase locked = purchases
                    .lockForUser(purchaseId, userId)
                    .orElseThrow(() -> ApiProblem.notFound("purchase", purchaseId));
            if (locked.status() != PurchaseStatus.ACTIVE) {
                throw new ApiProblem(
                        HttpStatus.CONFLICT,
                        "purchase-not-renewable",
                        "Purchase not renewable",
                        "This purchase is " + locked.status() + "; only an active (or paid) purchase can be renewed.");
            }
            purchases.liveRenewal(purchaseId).ifPresent(existing -> {
                throw new ApiProblem(
                        HttpStatus.CONFLICT,
                        "purchase-already-renewed",
                        "Already renewed",
                        "This purchase has the renewal " + existing.id() + " (" + existing.status()
                                + "): renew that one to extend further.");
            });
        });
        // Read again: the purchase may have been paid since the first read, and its end is fixed once it is.
        OffsetDateTime currentEnd = purchases.find(purchaseId).orElseThrow().endsAt();
        return start(renewal, algorithm, currentEnd.toInstant().toEpochMilli());
    }

    /** A page of the user's purchases, newest first, with the portfolios tied to each. */
    StorePage<Listed> list(UUID userId, Integer limit, String cursor) {
        StorePage<Purchase> page = StorePage.newestFirst(
                LIST_ORDER,
                limit,
                cursor,
                (afterCreatedAt, afterId, rows) -> purchases.pageForUser(userId, afterCreatedAt, afterId, rows),
                Purchase::createdAt,
                Purchase::id);
        Map<UUID, List<UUID>> portfolios = page.items().isEmpty()
                ? Map.of()
                : purchases.portfolioIds(page.items().stream().map(Purchase::id).toList());
        return page.map(p -> new Listed(p, portfolios.getOrDefault(p.id(), List.of())));
    }

    record Listed(Purchase purchase, List<UUID> portfolioIds) {}

    private record Priced(Coupon coupon, BigDecimal amount) {}

    private Algorithm forSale(UUID algorithmId) {
        return algorithms
                .find(algorithmId)
                .filter(found -> found.status() == AlgorithmStatus.PUBLISHED)
                .orElseThrow(() -> new ApiProblem(
                        HttpStatus.NOT_FOUND,
                        "algorithm-not-found",
                        "Algorithm not found",
                        "There is no algorithm " + algorithmId + " for sale."));
    }

    private Priced priced(Algorithm algorithm, int periods, String couponCode) {
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
        return new Priced(coupon, amount);
    }

    private static Purchase newPurchase(
            UUID userId, Algorithm algorithm, int periods, Priced priced, UUID renewsPurchaseId) {
        UUID purchaseId = UUID.randomUUID();
        return new Purchase(
                purchaseId,
                userId,
                algorithm.id(),
                priced.coupon() == null ? null : priced.coupon().id(),
                periods,
                priced.amount(),
                algorithm.priceCurrency(),
                PurchaseStatus.AWAITING_PAYMENT,
                null,
                null,
                null,
                WorkflowIds.purchase(purchaseId.toString()),
                renewsPurchaseId,
                null);
    }

    /** Starts the purchase's workflow and waits a little for the payment's client secret. */
    private Created start(Purchase purchase, Algorithm algorithm, long startsNotBeforeMillis) {
        try {
            startWorkflow(purchase, algorithm, startsNotBeforeMillis);
        } catch (RuntimeException e) {
            // Nothing will follow this purchase: give the seat (a renewal holds none yet) and coupon back at once.
            purchases.end(purchase.id(), PurchaseStatus.CANCELLED);
            log.warn("Could not start purchase {}; seat released", purchase.id(), e);
            throw new ApiProblem(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "purchase-unavailable",
                    "Try again",
                    "Purchases are unavailable right now; nothing was charged.");
        }
        String clientSecret = awaitClientSecret(purchase.workflowId());
        return new Created(purchases.find(purchase.id()).orElseThrow(), clientSecret);
    }

    /**
     * Takes the seat ({@code seat}: a new one for a purchase, the check that the renewed purchase holds one for a
     * renewal) and redeems the coupon with the purchase in one transaction: all of it, or nothing. A user may hold at
     * most {@code algomarket.abuse.max-unpaid-purchases} purchases awaiting payment, or one account could take every
     * seat of an algorithm without paying (each is released only at the payment deadline): beyond it, 409
     * {@code too-many-unpaid-purchases}. 409 rather than 429, because it is the state of the user's purchases, not
     * their pace, that refuses: paying for one (or letting it expire) makes room again.
     */
    private void store(Purchase purchase, Coupon coupon, Runnable seat) {
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
            seat.run();
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
                    purchase.isRenewal() ? "RENEWAL_CREATED" : "CREATED",
                    "{\"algorithmId\":\"" + purchase.algorithmId() + "\",\"amount\":\""
                            + purchase.amount().toPlainString() + "\""
                            + (purchase.isRenewal() ? ",\"renews\":\"" + purchase.renewsPurchaseId() + "\"" : "")
                            + "}");
        });
    }

    private void startWorkflow(Purchase purchase, Algorithm algorithm, long startsNotBeforeMillis) {
        PurchaseWorkflow workflow = workflows.newWorkflowStub(
                PurchaseWorkflow.class,
                WorkflowStarts.once(
                                purchase.workflowId(),
                                TaskQueues.PURCHASES,
                                Map.of(
                                        SearchAttributeKeys.USER_ID, purchase.userId(),
                                        SearchAttributeKeys.ALGORITHM_ID, algorithm.id()))
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
                        paymentDeadline.toSeconds(),
                        purchase.isRenewal() ? purchase.renewsPurchaseId().toString() : null,
                        startsNotBeforeMillis));
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

    /** An amount in minor units (as Stripe counts it) in the currency's own units: the inverse of minorUnits. */
    static BigDecimal majorUnits(long minorUnits) {
        return BigDecimal.valueOf(minorUnits).movePointLeft(2);
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
