package com.algomarket.db.trackrecord;

import static com.algomarket.db.jooq.Tables.FILLS;
import static com.algomarket.db.jooq.Tables.ORDERS;
import static com.algomarket.db.jooq.Tables.PORTFOLIOS;
import static com.algomarket.db.jooq.Tables.PORTFOLIO_EQUITY;
import static com.algomarket.db.jooq.Tables.TRACK_RECORDS;
import static com.algomarket.db.jooq.Tables.TRACK_RECORD_DAYS;
import static com.algomarket.db.jooq.Tables.TRACK_RECORD_OPEN_TRIPS;

import com.algomarket.db.trackrecord.TrackRecordArithmetic.Fill;
import com.algomarket.db.trackrecord.TrackRecordArithmetic.IndexDay;
import com.algomarket.db.trackrecord.TrackRecordArithmetic.OpenTrip;
import com.algomarket.db.trackrecord.TrackRecordArithmetic.Point;
import com.algomarket.db.trackrecord.TrackRecordArithmetic.TripKey;
import com.algomarket.workflows.orders.Side;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Records;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * The algorithms' track records: what the track-record workflow reads to continue from where it stopped (fills in the
 * order they were stored, equity points, the state it kept) and what the public endpoint reads (figures and index
 * days only, never a portfolio).
 */
@Repository
@RequiredArgsConstructor
public class TrackRecordRepository {

    /** Where the next run continues reading fills: after this stored time and id (null: from the first). */
    public record FillCursor(OffsetDateTime storedAt, UUID id) {}

    /** A fill with its place in the stored order. */
    public record StoredFill(Fill fill, FillCursor position) {}

    /** What a run continues from; {@code trades} with its open trips, the index days last stored (oldest first). */
    public record State(TrackRecordArithmetic.Trades trades, FillCursor cursor, List<IndexDay> lastDays) {

        public static final State EMPTY = new State(TrackRecordArithmetic.Trades.NONE, null, List.of());
    }

    /** The public figures of a track record, with how many portfolios it aggregates. */
    public record Summary(
            UUID algorithmId,
            LocalDate since,
            int portfolios,
            int trades,
            int closedTrips,
            int winningTrips,
            IndexDay last) {}

    /** How long after a fill is stored a track record counts it: far longer than a transaction inserting fills. */
    public static final Duration SETTLE = Duration.ofSeconds(10);

    private final DSLContext dsl;

    /** Algorithms that have portfolios, by id after {@code after} (null: from the first). */
    public List<UUID> algorithmsWithPortfoliosAfter(UUID after, int limit) {
        Condition condition = after == null ? DSL.trueCondition() : PORTFOLIOS.ALGORITHM_ID.gt(after);
        return dsl.selectDistinct(PORTFOLIOS.ALGORITHM_ID)
                .from(PORTFOLIOS)
                .where(condition)
                .orderBy(PORTFOLIOS.ALGORITHM_ID)
                .limit(limit)
                .fetch(PORTFOLIOS.ALGORITHM_ID);
    }

    public State state(UUID algorithmId) {
        var row = dsl.selectFrom(TRACK_RECORDS)
                .where(TRACK_RECORDS.ALGORITHM_ID.eq(algorithmId))
                .fetchOne();
        if (row == null) {
            return State.EMPTY;
        }
        Map<TripKey, OpenTrip> open = new HashMap<>();
        dsl.selectFrom(TRACK_RECORD_OPEN_TRIPS)
                .where(TRACK_RECORD_OPEN_TRIPS.ALGORITHM_ID.eq(algorithmId))
                .forEach(trip -> open.put(
                        new TripKey(trip.getPortfolioId(), trip.getSymbol()),
                        new OpenTrip(scaled(trip.getQuantity()), scaled(trip.getCash()))));
        List<IndexDay> lastDays = days(algorithmId, 2).reversed();
        FillCursor cursor =
                row.getFillsAfterId() == null ? null : new FillCursor(row.getFillsAfterStored(), row.getFillsAfterId());
        return new State(
                new TrackRecordArithmetic.Trades(
                        row.getSince(), row.getTrades(), row.getClosedTrips(), row.getWinningTrips(), Map.copyOf(open)),
                cursor,
                lastDays);
    }

    /**
     * The algorithm's fills stored after {@code after}, in the order they were stored, at most {@code limit}; only
     * those stored {@link #SETTLE} ago or more. A fill's {@code created_at} is the start of the transaction that
     * inserted it, which may commit after a fill stored later: a cursor that moved past the latter would never see the
     * former. Waiting until every transaction that could still commit such a fill has ended keeps the cursor behind.
     */
    public List<StoredFill> fillsAfter(UUID algorithmId, FillCursor after, int limit) {
        Condition condition = PORTFOLIOS
                .ALGORITHM_ID
                .eq(algorithmId)
                .and(FILLS.CREATED_AT.le(DSL.field(
                        "now() - make_interval(secs => {0})", OffsetDateTime.class, DSL.inline(SETTLE.toSeconds()))));
        if (after != null) {
            condition = condition.and(DSL.row(FILLS.CREATED_AT, FILLS.ID).gt(after.storedAt(), after.id()));
        }
        return dsl.select(
                        ORDERS.PORTFOLIO_ID,
                        ORDERS.SYMBOL,
                        ORDERS.SIDE,
                        FILLS.QUANTITY,
                        FILLS.PRICE,
                        FILLS.FEE,
                        FILLS.FEE_ASSET,
                        FILLS.FEE_IN_QUOTE,
                        FILLS.EXECUTED_AT,
                        FILLS.CREATED_AT,
                        FILLS.ID)
                .from(FILLS)
                .join(ORDERS)
                .on(ORDERS.ID.eq(FILLS.ORDER_ID))
                .join(PORTFOLIOS)
                .on(PORTFOLIOS.ID.eq(ORDERS.PORTFOLIO_ID))
                .where(condition)
                .orderBy(FILLS.CREATED_AT, FILLS.ID)
                .limit(limit)
                .fetch(r -> {
                    boolean feeInBase = r.value7() != null && r.value2().startsWith(r.value7() + "/");
                    Fill fill = new Fill(
                            r.value1(),
                            r.value2(),
                            r.value3() == Side.BUY,
                            r.value4(),
                            r.value5(),
                            feeInBase ? r.value6() : BigDecimal.ZERO,
                            feeInBase ? BigDecimal.ZERO : r.value8(),
                            r.value9()
                                    .toInstant()
                                    .atOffset(java.time.ZoneOffset.UTC)
                                    .toLocalDate());
                    return new StoredFill(fill, new FillCursor(r.value10(), r.value11()));
                });
    }

    /** How many of the algorithm's portfolios have traded: the count the track record shows, never which. */
    public int portfoliosThatTraded(UUID algorithmId) {
        return dsl.fetchCount(dsl.selectDistinct(ORDERS.PORTFOLIO_ID)
                .from(FILLS)
                .join(ORDERS)
                .on(ORDERS.ID.eq(FILLS.ORDER_ID))
                .join(PORTFOLIOS)
                .on(PORTFOLIOS.ID.eq(ORDERS.PORTFOLIO_ID))
                .where(PORTFOLIOS.ALGORITHM_ID.eq(algorithmId)));
    }

    /** The points of the algorithm's portfolios from {@code from} on (all when null). */
    public List<Point> pointsFrom(UUID algorithmId, LocalDate from) {
        Condition condition = PORTFOLIOS.ALGORITHM_ID.eq(algorithmId);
        if (from != null) {
            condition = condition.and(PORTFOLIO_EQUITY.DAY.ge(from));
        }
        return dsl.select(PORTFOLIO_EQUITY.PORTFOLIO_ID, PORTFOLIO_EQUITY.DAY, PORTFOLIO_EQUITY.VALUE)
                .from(PORTFOLIO_EQUITY)
                .join(PORTFOLIOS)
                .on(PORTFOLIOS.ID.eq(PORTFOLIO_EQUITY.PORTFOLIO_ID))
                .where(condition)
                .orderBy(PORTFOLIO_EQUITY.DAY, PORTFOLIO_EQUITY.PORTFOLIO_ID)
                .fetch(Records.mapping(Point::new));
    }

    /**
     * Each of the algorithm's portfolios' value before {@code day}: its last point before that day, or its size when
     * it has none (null day: every size).
     */
    public Map<UUID, BigDecimal> valuesBefore(UUID algorithmId, LocalDate day) {
        Map<UUID, BigDecimal> values = new HashMap<>();
        dsl.select(PORTFOLIOS.ID, PORTFOLIOS.SIZE)
                .from(PORTFOLIOS)
                .where(PORTFOLIOS.ALGORITHM_ID.eq(algorithmId))
                .forEach(r -> values.put(r.value1(), r.value2()));
        if (day != null) {
            dsl.selectDistinct(PORTFOLIO_EQUITY.PORTFOLIO_ID, PORTFOLIO_EQUITY.VALUE)
                    .on(PORTFOLIO_EQUITY.PORTFOLIO_ID)
                    .from(PORTFOLIO_EQUITY)
                    .join(PORTFOLIOS)
                    .on(PORTFOLIOS.ID.eq(PORTFOLIO_EQUITY.PORTFOLIO_ID))
                    .where(PORTFOLIOS.ALGORITHM_ID.eq(algorithmId).and(PORTFOLIO_EQUITY.DAY.lt(day)))
                    .orderBy(PORTFOLIO_EQUITY.PORTFOLIO_ID, PORTFOLIO_EQUITY.DAY.desc())
                    .forEach(r -> values.put(r.value1(), r.value2()));
        }
        return values;
    }

    /**
     * Stores a run's result at once: the figures, the open trips and the index days from {@code daysFrom} on (those
     * stored from that day on are replaced).
     */
    public void save(
            UUID algorithmId,
            TrackRecordArithmetic.Trades trades,
            int portfolios,
            FillCursor cursor,
            LocalDate daysFrom,
            Collection<IndexDay> days,
            OffsetDateTime computedAt) {
        dsl.transaction(configuration -> {
            DSLContext tx = DSL.using(configuration);
            Map<Field<?>, Object> figures = new HashMap<>();
            figures.put(TRACK_RECORDS.SINCE, trades.since());
            figures.put(TRACK_RECORDS.PORTFOLIOS, portfolios);
            figures.put(TRACK_RECORDS.TRADES, trades.trades());
            figures.put(TRACK_RECORDS.CLOSED_TRIPS, trades.closedTrips());
            figures.put(TRACK_RECORDS.WINNING_TRIPS, trades.winningTrips());
            figures.put(TRACK_RECORDS.FILLS_AFTER_STORED, cursor == null ? null : cursor.storedAt());
            figures.put(TRACK_RECORDS.FILLS_AFTER_ID, cursor == null ? null : cursor.id());
            figures.put(TRACK_RECORDS.COMPUTED_AT, computedAt);
            tx.insertInto(TRACK_RECORDS)
                    .set(TRACK_RECORDS.ALGORITHM_ID, algorithmId)
                    .set(figures)
                    .onConflict(TRACK_RECORDS.ALGORITHM_ID)
                    .doUpdate()
                    .set(figures)
                    .execute();
            tx.deleteFrom(TRACK_RECORD_OPEN_TRIPS)
                    .where(TRACK_RECORD_OPEN_TRIPS.ALGORITHM_ID.eq(algorithmId))
                    .execute();
            // Each list in one statement (a multi-row insert), not a round trip per row: an algorithm's days grow
            // by one a day, and the whole history is written again when a late fill moves its first day.
            if (!trades.open().isEmpty()) {
                tx.insertInto(
                                TRACK_RECORD_OPEN_TRIPS,
                                TRACK_RECORD_OPEN_TRIPS.ALGORITHM_ID,
                                TRACK_RECORD_OPEN_TRIPS.PORTFOLIO_ID,
                                TRACK_RECORD_OPEN_TRIPS.SYMBOL,
                                TRACK_RECORD_OPEN_TRIPS.QUANTITY,
                                TRACK_RECORD_OPEN_TRIPS.CASH)
                        .valuesOfRows(trades.open().entrySet().stream()
                                .map(open -> DSL.row(
                                        algorithmId,
                                        open.getKey().portfolioId(),
                                        open.getKey().symbol(),
                                        open.getValue().quantity(),
                                        open.getValue().cash()))
                                .toList())
                        .execute();
            }
            Condition replaced = TRACK_RECORD_DAYS.ALGORITHM_ID.eq(algorithmId);
            if (daysFrom != null) {
                replaced = replaced.and(TRACK_RECORD_DAYS.DAY.ge(daysFrom));
            }
            tx.deleteFrom(TRACK_RECORD_DAYS).where(replaced).execute();
            if (!days.isEmpty()) {
                tx.insertInto(
                                TRACK_RECORD_DAYS,
                                TRACK_RECORD_DAYS.ALGORITHM_ID,
                                TRACK_RECORD_DAYS.DAY,
                                TRACK_RECORD_DAYS.INDEX_VALUE,
                                TRACK_RECORD_DAYS.PEAK,
                                TRACK_RECORD_DAYS.MAX_DRAWDOWN)
                        .valuesOfRows(days.stream()
                                .map(day -> DSL.row(algorithmId, day.day(), day.index(), day.peak(), day.maxDrawdown()))
                                .toList())
                        .execute();
            }
        });
    }

    /** The stored figures of these algorithms (those without a track record yet are absent). */
    public Map<UUID, Summary> summaries(Collection<UUID> algorithmIds) {
        Map<UUID, Summary> summaries = new HashMap<>();
        dsl.selectFrom(TRACK_RECORDS)
                .where(TRACK_RECORDS.ALGORITHM_ID.in(algorithmIds))
                .forEach(row -> {
                    List<IndexDay> last = days(row.getAlgorithmId(), 1);
                    summaries.put(
                            row.getAlgorithmId(),
                            new Summary(
                                    row.getAlgorithmId(),
                                    row.getSince(),
                                    row.getPortfolios(),
                                    row.getTrades(),
                                    row.getClosedTrips(),
                                    row.getWinningTrips(),
                                    last.isEmpty() ? null : last.getFirst()));
                });
        return summaries;
    }

    public Optional<Summary> summary(UUID algorithmId) {
        return Optional.ofNullable(summaries(List.of(algorithmId)).get(algorithmId));
    }

    /** The index days from {@code from} on (all when null), oldest first. */
    public List<IndexDay> daysFrom(UUID algorithmId, LocalDate from) {
        Condition condition = TRACK_RECORD_DAYS.ALGORITHM_ID.eq(algorithmId);
        if (from != null) {
            condition = condition.and(TRACK_RECORD_DAYS.DAY.ge(from));
        }
        return days(condition, TRACK_RECORD_DAYS.DAY.asc(), Integer.MAX_VALUE);
    }

    /** The last {@code count} index days, newest first. */
    private List<IndexDay> days(UUID algorithmId, int count) {
        return days(TRACK_RECORD_DAYS.ALGORITHM_ID.eq(algorithmId), TRACK_RECORD_DAYS.DAY.desc(), count);
    }

    private List<IndexDay> days(Condition condition, SortField<LocalDate> order, int limit) {
        return dsl.select(
                        TRACK_RECORD_DAYS.DAY,
                        TRACK_RECORD_DAYS.INDEX_VALUE,
                        TRACK_RECORD_DAYS.PEAK,
                        TRACK_RECORD_DAYS.MAX_DRAWDOWN)
                .from(TRACK_RECORD_DAYS)
                .where(condition)
                .orderBy(order)
                .limit(limit)
                .fetch(r -> new IndexDay(r.value1(), scaled(r.value2()), scaled(r.value3()), scaled(r.value4())));
    }

    private static BigDecimal scaled(BigDecimal value) {
        return TrackRecordArithmetic.scaled(value);
    }
}
