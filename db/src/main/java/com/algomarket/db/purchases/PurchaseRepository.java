package com.algomarket.db.purchases;

import static com.algomarket.db.jooq.Tables.ALGORITHMS;
import static com.algomarket.db.jooq.Tables.COUPONS;
import static com.algomarket.db.jooq.Tables.PORTFOLIOS;
import static com.algomarket.db.jooq.Tables.PURCHASES;
import static com.algomarket.db.jooq.Tables.STRIPE_EVENTS;
import static com.algomarket.db.jooq.Tables.USERS;

import com.algomarket.db.jooq.tables.records.PurchasesRecord;
import com.algomarket.db.paging.NewestFirst;
import com.algomarket.workflows.purchases.PaymentOutcome;
import com.algomarket.workflows.purchases.PurchaseStatus;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Purchases, the seats they hold and the coupons they redeem. */
@Repository
@RequiredArgsConstructor
public class PurchaseRepository {

    /** The statuses of a purchase that has not ended: it awaits payment, or it is paid. */
    private static final List<PurchaseStatus> LIVE = List.of(PurchaseStatus.AWAITING_PAYMENT, PurchaseStatus.ACTIVE);

    private static final NewestFirst NEWEST_FIRST = new NewestFirst(PURCHASES.CREATED_AT, PURCHASES.ID);

    private final DSLContext dsl;

    /**
     * Takes a seat if one is free, in one statement, so that concurrent buyers can never take more seats than there
     * are. Algorithms without a seat limit always have one.
     */
    public boolean reserveSeat(UUID algorithmId) {
        return takeOne(ALGORITHMS.ID, algorithmId, ALGORITHMS.SEATS_TAKEN, ALGORITHMS.SEATS_TOTAL);
    }

    /** Redeems the coupon once if it has redemptions left, in one statement for the same reason. */
    public boolean redeemCoupon(UUID couponId) {
        return takeOne(COUPONS.ID, couponId, COUPONS.REDEMPTIONS, COUPONS.MAX_REDEMPTIONS);
    }

    /** Counts one more {@code taken} on the row whose {@code idColumn} is {@code id}, unless {@code total} are taken. */
    private <R extends Record> boolean takeOne(
            TableField<R, UUID> idColumn, UUID id, TableField<R, Integer> taken, TableField<R, Integer> total) {
        return dsl.update(taken.getTable())
                        .set(taken, taken.plus(1))
                        .where(idColumn.eq(id))
                        .and(total.isNull().or(taken.lt(total)))
                        .execute()
                == 1;
    }

    /**
     * The buyer's purchases that hold a seat while awaiting a payment (free ones need none). Locks the buyer's user
     * row until the transaction ends first, so that two purchases of one user at once are counted one after the
     * other and cannot both pass a cap.
     */
    public int lockBuyerAndCountUnpaid(UUID userId) {
        dsl.select(USERS.ID)
                .from(USERS)
                .where(USERS.ID.eq(userId))
                .forNoKeyUpdate()
                .fetch();
        return dsl.fetchCount(
                PURCHASES,
                PURCHASES
                        .USER_ID
                        .eq(userId)
                        .and(PURCHASES.STATUS.eq(PurchaseStatus.AWAITING_PAYMENT))
                        .and(PURCHASES.AMOUNT.gt(BigDecimal.ZERO)));
    }

    public void insert(Purchase purchase) {
        dsl.insertInto(PURCHASES)
                .set(PURCHASES.ID, purchase.id())
                .set(PURCHASES.USER_ID, purchase.userId())
                .set(PURCHASES.ALGORITHM_ID, purchase.algorithmId())
                .set(PURCHASES.COUPON_ID, purchase.couponId())
                .set(PURCHASES.PERIODS, purchase.periods())
                .set(PURCHASES.AMOUNT, purchase.amount())
                .set(PURCHASES.CURRENCY, purchase.currency())
                .set(PURCHASES.STATUS, purchase.status())
                .set(PURCHASES.WORKFLOW_ID, purchase.workflowId())
                .set(PURCHASES.RENEWS_PURCHASE_ID, purchase.renewsPurchaseId())
                // A renewal takes no seat: the renewed purchase hands its own over when it ends.
                .set(PURCHASES.HOLDS_SEAT, !purchase.isRenewal())
                .execute();
    }

    /**
     * The user's purchase, locked until the transaction ends, so that two renewals of it at once are decided one after
     * the other.
     */
    public Optional<Purchase> lockForUser(UUID id, UUID userId) {
        return dsl.selectFrom(PURCHASES)
                .where(PURCHASES.ID.eq(id).and(PURCHASES.USER_ID.eq(userId)))
                .forUpdate()
                .fetchOptional(PurchaseRepository::toPurchase);
    }

    /** The renewal of the purchase that is awaiting payment or paid, if any: a purchase has at most one. */
    public Optional<Purchase> liveRenewal(UUID renewedId) {
        return dsl.selectFrom(PURCHASES)
                .where(PURCHASES.RENEWS_PURCHASE_ID.eq(renewedId).and(PURCHASES.STATUS.in(LIVE)))
                .fetchOptional(PurchaseRepository::toPurchase);
    }

    /**
     * The user's purchases, newest first, after the position {@code (afterCreatedAt, afterId)} of the previous page's
     * last one (both null: from the newest), ordered by id among purchases created in the same instant.
     */
    public List<Purchase> pageForUser(UUID userId, OffsetDateTime afterCreatedAt, UUID afterId, int limit) {
        return dsl.selectFrom(PURCHASES)
                .where(PURCHASES.USER_ID.eq(userId).and(NEWEST_FIRST.after(afterCreatedAt, afterId)))
                .orderBy(NEWEST_FIRST.order())
                .limit(limit)
                .fetch(PurchaseRepository::toPurchase);
    }

    /** The portfolios tied to each of the purchases (only those that have any), by purchase. */
    public Map<UUID, List<UUID>> portfolioIds(Collection<UUID> purchaseIds) {
        return dsl.select(PORTFOLIOS.PURCHASE_ID, PORTFOLIOS.ID)
                .from(PORTFOLIOS)
                .where(PORTFOLIOS.PURCHASE_ID.in(purchaseIds))
                .orderBy(PORTFOLIOS.CREATED_AT, PORTFOLIOS.ID)
                .fetchGroups(PORTFOLIOS.PURCHASE_ID, PORTFOLIOS.ID);
    }

    public Optional<Purchase> find(UUID id) {
        return dsl.selectFrom(PURCHASES).where(PURCHASES.ID.eq(id)).fetchOptional(PurchaseRepository::toPurchase);
    }

    public Optional<Purchase> findForUser(UUID id, UUID userId) {
        return dsl.selectFrom(PURCHASES)
                .where(PURCHASES.ID.eq(id).and(PURCHASES.USER_ID.eq(userId)))
                .fetchOptional(PurchaseRepository::toPurchase);
    }

    public void setPaymentIntent(UUID id, String paymentIntentId) {
        dsl.update(PURCHASES)
                .set(PURCHASES.STRIPE_PAYMENT_INTENT_ID, paymentIntentId)
                .set(PURCHASES.UPDATED_AT, OffsetDateTime.now())
                .where(PURCHASES.ID.eq(id))
                .execute();
    }

    /**
     * Activates the purchase from {@code startsAt} to {@code endsAt}. A renewal paid after the purchase it renews
     * ended (its seat passed to the renewal then) takes that purchase's portfolios over and lets them enter again; one
     * paid before takes them over at that end (see {@link #end}).
     */
    public boolean activate(UUID id, OffsetDateTime startsAt, OffsetDateTime endsAt) {
        return dsl.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            PurchasesRecord purchase =
                    tx.selectFrom(PURCHASES).where(PURCHASES.ID.eq(id)).fetchOne();
            UUID renewedId = purchase == null ? null : purchase.getRenewsPurchaseId();
            // The renewed purchase is locked before the renewal, in the order end() takes them, so that the two never
            // wait for each other.
            PurchasesRecord renewed = renewedId == null
                    ? null
                    : tx.selectFrom(PURCHASES)
                            .where(PURCHASES.ID.eq(renewedId))
                            .forUpdate()
                            .fetchOne();
            boolean activated = tx.update(PURCHASES)
                            .set(PURCHASES.STATUS, PurchaseStatus.ACTIVE)
                            .set(PURCHASES.STARTS_AT, startsAt)
                            .set(PURCHASES.ENDS_AT, endsAt)
                            .set(PURCHASES.UPDATED_AT, OffsetDateTime.now())
                            .where(PURCHASES.ID.eq(id).and(PURCHASES.STATUS.eq(PurchaseStatus.AWAITING_PAYMENT)))
                            .execute()
                    == 1;
            if (activated && renewed != null && renewed.getStatus() != PurchaseStatus.ACTIVE) {
                tx.update(PORTFOLIOS)
                        .set(PORTFOLIOS.PURCHASE_ID, id)
                        .set(PORTFOLIOS.ACCEPTS_NEW_ENTRIES, true)
                        .set(PORTFOLIOS.UPDATED_AT, OffsetDateTime.now())
                        .where(PORTFOLIOS.PURCHASE_ID.eq(renewedId))
                        .execute();
            }
            return activated;
        });
    }

    /** Whether a paid renewal follows the purchase, so that its subscription does not end with it. */
    public boolean hasPaidRenewal(UUID id) {
        return dsl.fetchExists(
                PURCHASES, PURCHASES.RENEWS_PURCHASE_ID.eq(id).and(PURCHASES.STATUS.eq(PurchaseStatus.ACTIVE)));
    }

    /**
     * Ends the purchase in {@code status}, gives its seat back and stops its portfolios' new entries, once: a purchase
     * that has ended already changes nothing, so a retried activity cannot release a seat twice. A purchase that ends
     * unpaid (cancelled at its deadline, or its payment failed) also gives its coupon redemption back: the coupon
     * bought nothing.
     *
     * <p>A purchase that expires with a renewal awaiting payment or paid hands its seat to the renewal instead. A paid
     * renewal also takes its portfolios over in this same transaction, with their entries still allowed: the order
     * path never sees the subscription ended, so they trade across the boundary with no gap. With a renewal still
     * awaiting payment the portfolios stay here and stop entering until it is paid ({@link #activate}).
     */
    public boolean end(UUID id, PurchaseStatus status) {
        return dsl.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            PurchasesRecord before = tx.selectFrom(PURCHASES)
                    .where(PURCHASES.ID.eq(id).and(PURCHASES.STATUS.in(LIVE)))
                    .forUpdate()
                    .fetchOne();
            if (before == null) {
                return false;
            }
            PurchasesRecord renewal = status == PurchaseStatus.EXPIRED
                    ? tx.selectFrom(PURCHASES)
                            .where(PURCHASES.RENEWS_PURCHASE_ID.eq(id).and(PURCHASES.STATUS.in(LIVE)))
                            .forUpdate()
                            .fetchOne()
                    : null;
            tx.update(PURCHASES)
                    .set(PURCHASES.STATUS, status)
                    .set(PURCHASES.HOLDS_SEAT, false)
                    .set(PURCHASES.UPDATED_AT, OffsetDateTime.now())
                    .where(PURCHASES.ID.eq(id))
                    .execute();
            if (renewal != null && before.getHoldsSeat()) {
                tx.update(PURCHASES)
                        .set(PURCHASES.HOLDS_SEAT, true)
                        .where(PURCHASES.ID.eq(renewal.getId()))
                        .execute();
            } else if (before.getHoldsSeat()) {
                tx.update(ALGORITHMS)
                        .set(ALGORITHMS.SEATS_TAKEN, ALGORITHMS.SEATS_TAKEN.minus(1))
                        .where(ALGORITHMS.ID.eq(before.getAlgorithmId()).and(ALGORITHMS.SEATS_TAKEN.gt(0)))
                        .execute();
            }
            if (before.getStatus() == PurchaseStatus.AWAITING_PAYMENT && before.getCouponId() != null) {
                tx.update(COUPONS)
                        .set(COUPONS.REDEMPTIONS, COUPONS.REDEMPTIONS.minus(1))
                        .where(COUPONS.ID.eq(before.getCouponId()).and(COUPONS.REDEMPTIONS.gt(0)))
                        .execute();
            }
            if (renewal != null && renewal.getStatus() == PurchaseStatus.ACTIVE) {
                tx.update(PORTFOLIOS)
                        .set(PORTFOLIOS.PURCHASE_ID, renewal.getId())
                        .set(PORTFOLIOS.UPDATED_AT, OffsetDateTime.now())
                        .where(PORTFOLIOS.PURCHASE_ID.eq(id))
                        .execute();
            } else {
                // Without a subscription its portfolios may only exit.
                tx.update(PORTFOLIOS)
                        .set(PORTFOLIOS.ACCEPTS_NEW_ENTRIES, false)
                        .set(PORTFOLIOS.UPDATED_AT, OffsetDateTime.now())
                        .where(PORTFOLIOS.PURCHASE_ID.eq(id))
                        .execute();
            }
            return true;
        });
    }

    public Optional<Purchase> findByPaymentIntent(String paymentIntentId) {
        return dsl.selectFrom(PURCHASES)
                .where(PURCHASES.STRIPE_PAYMENT_INTENT_ID.eq(paymentIntentId))
                .fetchOptional(PurchaseRepository::toPurchase);
    }

    /**
     * Records that {@code refunded} of the purchase's payment went back to the buyer in all (Stripe's
     * {@code amount_refunded} is the total so far, not one refund's): only ever raised and never above what was paid,
     * so that repeated or reordered events record the largest. False when no purchase has that payment.
     */
    public boolean recordRefunded(String paymentIntentId, BigDecimal refunded) {
        return dsl.update(PURCHASES)
                        .set(
                                PURCHASES.REFUNDED_AMOUNT,
                                DSL.greatest(PURCHASES.REFUNDED_AMOUNT, DSL.least(DSL.val(refunded), PURCHASES.AMOUNT)))
                        .where(PURCHASES.STRIPE_PAYMENT_INTENT_ID.eq(paymentIntentId))
                        .execute()
                > 0;
    }

    /** Records a Stripe event id; false when it was recorded before (the event is a repeat). */
    public boolean recordStripeEvent(String eventId, String type) {
        return recordStripeEvent(eventId, type, null, null);
    }

    /**
     * Records a verified Stripe event with what it said of a payment (both null for an event about no payment), once:
     * false when the event id was recorded before.
     */
    public boolean recordStripeEvent(String eventId, String type, String paymentIntentId, PaymentOutcome outcome) {
        return dsl.insertInto(STRIPE_EVENTS)
                        .set(STRIPE_EVENTS.ID, eventId)
                        .set(STRIPE_EVENTS.TYPE, type)
                        .set(STRIPE_EVENTS.PAYMENT_INTENT_ID, paymentIntentId)
                        .set(STRIPE_EVENTS.OUTCOME, outcome == null ? null : outcome.name())
                        .onConflictDoNothing()
                        .execute()
                == 1;
    }

    /**
     * What the stored, verified events say became of a payment: SUCCEEDED once any says so (Stripe may deliver a
     * failed attempt before the success), else FAILED when one says so, else empty (nothing verified yet).
     */
    public Optional<PaymentOutcome> verifiedOutcome(String paymentIntentId) {
        List<String> outcomes = dsl.select(STRIPE_EVENTS.OUTCOME)
                .from(STRIPE_EVENTS)
                .where(STRIPE_EVENTS.PAYMENT_INTENT_ID.eq(paymentIntentId).and(STRIPE_EVENTS.OUTCOME.isNotNull()))
                .fetch(STRIPE_EVENTS.OUTCOME);
        if (outcomes.contains(PaymentOutcome.SUCCEEDED.name())) {
            return Optional.of(PaymentOutcome.SUCCEEDED);
        }
        return outcomes.isEmpty() ? Optional.empty() : Optional.of(PaymentOutcome.FAILED);
    }

    public boolean stripeEventSeen(String eventId) {
        return dsl.fetchExists(STRIPE_EVENTS, STRIPE_EVENTS.ID.eq(eventId));
    }

    private static Purchase toPurchase(PurchasesRecord r) {
        return new Purchase(
                r.getId(),
                r.getUserId(),
                r.getAlgorithmId(),
                r.getCouponId(),
                r.getPeriods(),
                r.getAmount(),
                r.getCurrency(),
                r.getStatus(),
                r.getStripePaymentIntentId(),
                r.getStartsAt(),
                r.getEndsAt(),
                r.getWorkflowId(),
                r.getRenewsPurchaseId(),
                r.getCreatedAt());
    }
}
