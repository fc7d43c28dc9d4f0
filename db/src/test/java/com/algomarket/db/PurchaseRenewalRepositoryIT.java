package com.algomarket.db;

import static com.algomarket.db.jooq.Tables.ALGORITHMS;
import static com.algomarket.db.jooq.Tables.PORTFOLIOS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.db.jooq.tables.records.PortfoliosRecord;
import com.algomarket.db.purchases.Purchase;
import com.algomarket.db.purchases.PurchaseRepository;
import com.algomarket.db.support.MigratedSchema;
import com.algomarket.db.support.PortfolioRows;
import com.algomarket.workflows.purchases.PurchaseStatus;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A renewal and the seat and portfolios of the purchase it renews, on a sold-out algorithm of one seat: the seat passes
 * from the renewed purchase to the renewal at its end, the portfolios follow once the renewal is paid, and a renewal
 * that ends unpaid changes nothing but gives back the seat it was handed.
 */
@MigratedSchema("purchase_renewal_repository_it")
@RequiredArgsConstructor
class PurchaseRenewalRepositoryIT {

    private final DSLContext dsl;
    private final PurchaseRepository purchases;

    private PortfoliosRecord portfolio;
    private UUID current;
    private UUID renewal;

    @BeforeEach
    void renewalAwaitingPayment() {
        PortfolioRows.Owned owned = PortfolioRows.insert(dsl);
        portfolio = portfolio(owned.portfolio());
        current = portfolio.getPurchaseId();
        dsl.update(ALGORITHMS)
                .set(ALGORITHMS.SEATS_TOTAL, 1)
                .set(ALGORITHMS.SEATS_TAKEN, 1)
                .where(ALGORITHMS.ID.eq(portfolio.getAlgorithmId()))
                .execute();
        renewal = UUID.randomUUID();
        purchases.insert(new Purchase(
                renewal,
                owned.user(),
                portfolio.getAlgorithmId(),
                null,
                1,
                BigDecimal.TEN,
                "EUR",
                PurchaseStatus.AWAITING_PAYMENT,
                null,
                null,
                null,
                "w-" + renewal,
                current,
                null));
    }

    @Test
    void givenARenewalAwaitingPayment_whenTheRenewedPurchaseExpiresAndItIsPaidLater_thenSeatAndPortfoliosFollowIt() {
        assertThat(purchases.end(current, PurchaseStatus.EXPIRED)).isTrue();

        assertSeatsAndPortfolio(1, current, false);

        OffsetDateTime now = OffsetDateTime.now();
        assertThat(purchases.activate(renewal, now, now.plusDays(30))).isTrue();

        assertSeatsAndPortfolio(1, renewal, true);

        assertThat(purchases.end(renewal, PurchaseStatus.EXPIRED)).isTrue();
        assertSeatsAndPortfolio(0, renewal, false);
    }

    @Test
    void givenAPaidRenewal_whenTheRenewedPurchaseExpires_thenItsPortfoliosMoveWithoutEverStoppingEntries() {
        OffsetDateTime end = OffsetDateTime.now().plusDays(1);
        assertThat(purchases.activate(renewal, end, end.plusDays(30))).isTrue();
        assertThat(purchases.hasPaidRenewal(current)).isTrue();

        assertThat(purchases.end(current, PurchaseStatus.EXPIRED)).isTrue();

        assertSeatsAndPortfolio(1, renewal, true);
    }

    @Test
    void givenARenewal_whenItEndsUnpaidBeforeTheRenewedEnds_thenNothingChanges() {
        assertThat(purchases.end(renewal, PurchaseStatus.PAYMENT_FAILED)).isTrue();

        assertSeatsAndPortfolio(1, current, true);
        assertThat(purchases.find(current).orElseThrow().status()).isEqualTo(PurchaseStatus.ACTIVE);
    }

    @Test
    void givenARenewalAwaitingPayment_whenTheRenewedExpiresAndTheRenewalFails_thenTheHandedSeatIsReleased() {
        purchases.end(current, PurchaseStatus.EXPIRED);

        assertThat(purchases.end(renewal, PurchaseStatus.CANCELLED)).isTrue();

        assertSeatsAndPortfolio(0, current, false);
    }

    @Test
    void givenTheOneSeatTakenByTheRenewedPurchase_whenAnotherBuyerAsks_thenASeatIsTakenOnlyOnceOneIsFreed() {
        assertThat(purchases.reserveSeat(portfolio.getAlgorithmId())).isFalse();

        purchases.end(current, PurchaseStatus.CANCELLED);
        purchases.end(renewal, PurchaseStatus.CANCELLED);
        assertThat(seatsTaken()).isZero();

        assertThat(purchases.reserveSeat(portfolio.getAlgorithmId())).isTrue();
        assertThat(purchases.reserveSeat(portfolio.getAlgorithmId())).isFalse();
        assertThat(seatsTaken()).isEqualTo(1);
    }

    /** The algorithm's seats taken, the purchase its portfolio trades under and whether it accepts new entries. */
    private void assertSeatsAndPortfolio(int seats, UUID purchase, boolean acceptsNewEntries) {
        assertThat(seatsTaken()).as("seats taken").isEqualTo(seats);
        PortfoliosRecord now = portfolio(portfolio.getId());
        assertThat(now.getPurchaseId()).as("the portfolio's purchase").isEqualTo(purchase);
        assertThat(now.getAcceptsNewEntries()).as("accepts new entries").isEqualTo(acceptsNewEntries);
    }

    private int seatsTaken() {
        return dsl.select(ALGORITHMS.SEATS_TAKEN)
                .from(ALGORITHMS)
                .where(ALGORITHMS.ID.eq(portfolio.getAlgorithmId()))
                .fetchOne(ALGORITHMS.SEATS_TAKEN);
    }

    private PortfoliosRecord portfolio(UUID id) {
        return dsl.selectFrom(PORTFOLIOS).where(PORTFOLIOS.ID.eq(id)).fetchOne();
    }
}
