package com.algomarket.db.portfolios;

import static com.algomarket.db.jooq.Tables.PORTFOLIO_EQUITY;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** The portfolios' daily equity points, written by the daily valuation and read by the performance endpoint. */
@Repository
@RequiredArgsConstructor
public class EquityRepository {

    /** One point of a portfolio's equity curve: its value at the venue's prices when it was valued on {@code day}. */
    public record EquityPoint(LocalDate day, OffsetDateTime valuedAt, BigDecimal value) {}

    private final DSLContext dsl;

    /**
     * Stores the day's points of a page of portfolios ({@code values} by portfolio id) in one statement; a later
     * valuation of the same day (a retried activity, a run asked for) replaces them.
     */
    public void storeDay(LocalDate day, Map<UUID, BigDecimal> values, OffsetDateTime valuedAt) {
        if (values.isEmpty()) {
            return;
        }
        dsl.insertInto(
                        PORTFOLIO_EQUITY,
                        PORTFOLIO_EQUITY.PORTFOLIO_ID,
                        PORTFOLIO_EQUITY.DAY,
                        PORTFOLIO_EQUITY.VALUE,
                        PORTFOLIO_EQUITY.VALUED_AT)
                .valuesOfRows(values.entrySet().stream()
                        .map(point -> DSL.row(point.getKey(), day, point.getValue(), valuedAt))
                        .toList())
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
