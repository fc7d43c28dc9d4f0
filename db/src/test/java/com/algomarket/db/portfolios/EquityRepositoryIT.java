package com.algomarket.db.portfolios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.algomarket.db.portfolios.EquityRepository.EquityPoint;
import com.algomarket.db.support.MigratedSchema;
import com.algomarket.db.support.PortfolioRows;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/**
 * A day's equity points of a page of portfolios on a real PostgreSQL, stored in one statement: each portfolio gets
 * its own point, a later valuation of the same day replaces it, and another day adds one.
 */
@MigratedSchema("equity_repository_it")
@RequiredArgsConstructor
class EquityRepositoryIT {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 30);
    private static final OffsetDateTime FIRST_RUN = OffsetDateTime.of(2026, 12, 1, 0, 5, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime SECOND_RUN = FIRST_RUN.plusHours(1);

    private final DSLContext dsl;
    private final EquityRepository equity;

    @Test
    void givenAPageValuedTwiceTheSameDayAndOnceTheNext_whenRead_thenTheLaterValuationOfEachDayIsKept() {
        UUID first = PortfolioRows.insert(dsl).portfolio();
        UUID second = PortfolioRows.insert(dsl).portfolio();

        equity.storeDay(DAY, Map.of(first, new BigDecimal("1000"), second, new BigDecimal("2000")), FIRST_RUN);
        equity.storeDay(DAY, Map.of(first, new BigDecimal("1010.5")), SECOND_RUN);
        equity.storeDay(DAY.plusDays(1), Map.of(first, new BigDecimal("1020")), SECOND_RUN);
        equity.storeDay(DAY, Map.of(), SECOND_RUN);

        assertThat(equity.points(first))
                .extracting(
                        EquityPoint::day,
                        point -> point.value().stripTrailingZeros().toPlainString())
                .containsExactly(tuple(DAY, "1010.5"), tuple(DAY.plusDays(1), "1020"));
        assertThat(equity.points(first).getFirst().valuedAt().toInstant()).isEqualTo(SECOND_RUN.toInstant());
        assertThat(equity.points(second)).singleElement().satisfies(point -> {
            assertThat(point.value()).isEqualByComparingTo("2000");
            assertThat(point.valuedAt().toInstant()).isEqualTo(FIRST_RUN.toInstant());
        });
    }
}
