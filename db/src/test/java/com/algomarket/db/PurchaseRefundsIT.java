package com.algomarket.db;

import static com.algomarket.db.jooq.Tables.PORTFOLIOS;
import static com.algomarket.db.jooq.Tables.PURCHASES;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.db.purchases.PurchaseRepository;
import com.algomarket.db.support.MigratedSchema;
import com.algomarket.db.support.PortfolioRows;
import java.math.BigDecimal;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/**
 * What of a 10 EUR payment went back, as Stripe's events tell it: each names the total refunded so far, in any order
 * and any number of times, and the row keeps the largest, never more than was paid.
 */
@MigratedSchema("purchase_refunds_it")
@RequiredArgsConstructor
class PurchaseRefundsIT {

    private final DSLContext dsl;
    private final PurchaseRepository purchases;

    @Test
    void givenRefundTotalsInAnyOrder_whenRecorded_thenTheLargestIsKeptAndNeverMoreThanWasPaid() {
        String paymentIntent = "pi_refunds_" + UUID.randomUUID();
        UUID purchase = paidPurchase(paymentIntent);

        assertThat(refunded(purchase)).isEqualByComparingTo("0");
        assertThat(purchases.recordRefunded(paymentIntent, new BigDecimal("2.50")))
                .isTrue();
        purchases.recordRefunded(paymentIntent, new BigDecimal("1.00"));
        assertThat(refunded(purchase)).as("an older total after a newer one").isEqualByComparingTo("2.50");

        purchases.recordRefunded(paymentIntent, new BigDecimal("25"));
        assertThat(refunded(purchase)).as("at most what was paid").isEqualByComparingTo("10");
        assertThat(purchases.recordRefunded("pi_of_no_purchase", BigDecimal.ONE))
                .isFalse();
    }

    private UUID paidPurchase(String paymentIntent) {
        UUID portfolio = PortfolioRows.insert(dsl).portfolio();
        UUID purchase = dsl.select(PORTFOLIOS.PURCHASE_ID)
                .from(PORTFOLIOS)
                .where(PORTFOLIOS.ID.eq(portfolio))
                .fetchOne(PORTFOLIOS.PURCHASE_ID);
        dsl.update(PURCHASES)
                .set(PURCHASES.STRIPE_PAYMENT_INTENT_ID, paymentIntent)
                .where(PURCHASES.ID.eq(purchase))
                .execute();
        return purchase;
    }

    private BigDecimal refunded(UUID purchase) {
        return dsl.select(PURCHASES.REFUNDED_AMOUNT)
                .from(PURCHASES)
                .where(PURCHASES.ID.eq(purchase))
                .fetchOne(PURCHASES.REFUNDED_AMOUNT);
    }
}
