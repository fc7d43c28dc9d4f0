package com.algomarket.db.trackrecord;

import static com.algomarket.db.jooq.Tables.PORTFOLIOS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.db.support.MigratedSchema;
import com.algomarket.db.support.PortfolioRows;
import com.algomarket.db.trackrecord.TrackRecordArithmetic.IndexDay;
import com.algomarket.db.trackrecord.TrackRecordArithmetic.OpenTrip;
import com.algomarket.db.trackrecord.TrackRecordArithmetic.Trades;
import com.algomarket.db.trackrecord.TrackRecordArithmetic.TripKey;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/**
 * A track record's run stored on a real PostgreSQL: its open trips and index days (each list written in one
 * statement) read back as they were given, a later run replaces the days from where it starts and every open trip, and
 * a run with neither stores its figures alone.
 */
@MigratedSchema("track_record_repository_it")
@RequiredArgsConstructor
class TrackRecordRepositoryIT {

    private static final LocalDate DAY_1 = LocalDate.of(2026, 11, 2);
    private static final OffsetDateTime COMPUTED_AT = OffsetDateTime.of(2026, 11, 5, 1, 0, 0, 0, ZoneOffset.UTC);

    private final DSLContext dsl;
    private final TrackRecordRepository trackRecords;

    @Test
    void givenDaysAndOpenTrips_whenSavedThenSavedAgainFromALaterDay_thenTheLaterDaysAndTripsReplaceTheirs() {
        UUID portfolio = PortfolioRows.insert(dsl).portfolio();
        UUID algorithm = algorithmOf(portfolio);
        TripKey btc = new TripKey(portfolio, "BTC/EUR");
        TripKey eth = new TripKey(portfolio, "ETH/EUR");
        List<IndexDay> days = List.of(day(0, "100"), day(1, "104.5"), day(2, "99"));

        trackRecords.save(
                algorithm,
                trades(Map.of(btc, trip("0.5", "-30000"), eth, trip("2", "-6000"))),
                1,
                null,
                null,
                days,
                COMPUTED_AT);

        assertThat(trackRecords.daysFrom(algorithm, null)).isEqualTo(days);
        assertThat(trackRecords.state(algorithm).trades().open())
                .isEqualTo(Map.of(btc, trip("0.5", "-30000"), eth, trip("2", "-6000")));
        assertThat(trackRecords.state(algorithm).lastDays()).isEqualTo(days.subList(1, 3));

        List<IndexDay> again = List.of(day(1, "105"), day(2, "101"), day(3, "102"));
        trackRecords.save(
                algorithm, trades(Map.of(btc, trip("0.25", "-15000"))), 1, null, DAY_1.plusDays(1), again, COMPUTED_AT);

        assertThat(trackRecords.daysFrom(algorithm, null))
                .containsExactly(days.get(0), again.get(0), again.get(1), again.get(2));
        assertThat(trackRecords.state(algorithm).trades().open()).isEqualTo(Map.of(btc, trip("0.25", "-15000")));

        trackRecords.save(algorithm, trades(Map.of()), 1, null, DAY_1.plusDays(4), List.of(), COMPUTED_AT);

        assertThat(trackRecords.daysFrom(algorithm, null)).hasSize(4);
        assertThat(trackRecords.state(algorithm).trades().open()).isEmpty();
    }

    private UUID algorithmOf(UUID portfolio) {
        return dsl.select(PORTFOLIOS.ALGORITHM_ID)
                .from(PORTFOLIOS)
                .where(PORTFOLIOS.ID.eq(portfolio))
                .fetchOne(PORTFOLIOS.ALGORITHM_ID);
    }

    private static Trades trades(Map<TripKey, OpenTrip> open) {
        return new Trades(DAY_1, 4, 1, 1, open);
    }

    /** A day whose index, peak and drawdown all differ, so that a column written into another would show. */
    private static IndexDay day(int after, String index) {
        BigDecimal value = scaled(index);
        return new IndexDay(DAY_1.plusDays(after), value, value.add(BigDecimal.TEN), scaled("0.0" + (after + 1)));
    }

    private static OpenTrip trip(String quantity, String cash) {
        return new OpenTrip(scaled(quantity), scaled(cash));
    }

    /** As the repository reads numbers back: at the arithmetic's scale. */
    private static BigDecimal scaled(String value) {
        return new BigDecimal(value).setScale(TrackRecordArithmetic.SCALE);
    }
}
