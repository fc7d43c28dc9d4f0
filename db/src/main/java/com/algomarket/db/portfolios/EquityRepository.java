package com.algomarket.db.portfolios;

import static com.algomarket.db.jooq.Tables.PORTFOLIO_EQUITY;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.springframework.stereotype.Repository;

/** The portfolios' daily equity points, written by the daily valuation and read by the performance endpoint. */
@Repository
@RequiredArgsConstructor
public class EquityRepository {

    /** One point of a portfolio's equity curve: its value at the venue's prices when it was valued on {@code day}. */
    public record EquityPoint(LocalDate day, OffsetDateTime valuedAt, BigDecimal value) {}

    private final DSLContext dsl;

    /** Stores the day's point; a later valuation of the same day (a retried activity, a run asked for) replaces it. */
    public void store(UUID portfolioId, LocalDate day, BigDecimal value, OffsetDateTime valuedAt) {
        dsl.insertInto(PORTFOLIO_EQUITY)
                .set(PORTFOLIO_EQUITY.PORTFOLIO_ID, portfolioId)
                .set(PORTFOLIO_EQUITY.DAY, day)
                .set(PORTFOLIO_EQUITY.VALUE, value)
                .set(PORTFOLIO_EQUITY.VALUED_AT, valuedAt)
                .onConflict(PORTFOLIO_EQUITY.PORTFOLIO_ID, PORTFOLIO_EQUITY.DAY)
                .doUpdate()
                .setNonConflictingKeyToExcluded()
                .execute();
    }

    /** The portfolio's points, oldest first. */
    public List<EquityPoint> points(UUID portfolioId) {
        return dsl.select(PORTFOLIO_EQUITY.DAY, PORTFOLIO_EQUITY.VALUED_AT, PORTFOLIO_EQUITY.VALUE)
                .from(PORTFOLIO_EQUITY)
                .where(PORTFOLIO_EQUITY.PORTFOLIO_ID.eq(portfolioId))
                .orderBy(PORTFOLIO_EQUITY.DAY)
                .fetch(Records.mapping(EquityPoint::new));
    }
}
