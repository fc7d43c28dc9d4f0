package com.algomarket.db.store;

import static com.algomarket.db.jooq.Tables.ALGORITHMS;
import static com.algomarket.db.jooq.Tables.TRACK_RECORDS;
import static com.algomarket.db.jooq.Tables.TRACK_RECORD_DAYS;

import com.algomarket.db.trackrecord.TrackRecordArithmetic;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The orders the store lists in, each a key with the algorithm id as tie-breaker so that a page ends at an exact
 * position (keyset paging: a page never skips or repeats an algorithm published while a client reads). The key is read
 * from the same query that lists the page, so a position names exactly what the database compared.
 */
public enum StoreSort {
    /** Newest first. */
    NEWEST,
    /** Cheapest first. */
    PRICE,
    /** Most seats left first; unlimited seats count as the most. */
    SEATS_LEFT,
    /**
     * The best track record first: its return since the first trade (the track record's {@code returnPct}); algorithms
     * without one (no trade yet, or not computed yet) last, by id.
     */
    TRACK_RECORD;

    /** The key of a position on an algorithm without a track record (a null key). */
    static final String NO_KEY = "none";

    private static final Field<Integer> SEATS_LEFT_KEY =
            DSL.coalesce(ALGORITHMS.SEATS_TOTAL.minus(ALGORITHMS.SEATS_TAKEN), DSL.inline(Integer.MAX_VALUE));

    /** The last index day of each track record: the day its return is read from. */
    private static final Table<?> LAST_DAY = DSL.lateral(DSL.select(TRACK_RECORD_DAYS.INDEX_VALUE)
                    .from(TRACK_RECORD_DAYS)
                    .where(TRACK_RECORD_DAYS.ALGORITHM_ID.eq(TRACK_RECORDS.ALGORITHM_ID))
                    .orderBy(TRACK_RECORD_DAYS.DAY.desc())
                    .limit(1))
            .as("last_day");

    /**
     * Each track record with a first trade and its return in percent, as the endpoint shows it: the last index over
     * the base of 100, 0 before the first day was valued. The index's base is 100, so the return is its rise.
     */
    private static final Table<?> RETURNS = DSL.select(
                    TRACK_RECORDS.ALGORITHM_ID,
                    DSL.coalesce(LAST_DAY.field(TRACK_RECORD_DAYS.INDEX_VALUE), DSL.inline(TrackRecordArithmetic.BASE))
                            .minus(DSL.inline(TrackRecordArithmetic.BASE))
                            .as("return_pct"))
            .from(TRACK_RECORDS)
            .leftJoin(LAST_DAY)
            .on(DSL.trueCondition())
            .where(TRACK_RECORDS.SINCE.isNotNull())
            .asTable("track_record_returns");

    private static final Field<BigDecimal> RETURN_KEY = RETURNS.field("return_pct", BigDecimal.class);

    /** Where a page ended: the sort key as text and the last algorithm's id. */
    public record Position(String key, UUID id) {}

    /** The position of an algorithm whose sort key (as {@link #key()} read it) is {@code key}. */
    Position positionOf(Object key, UUID id) {
        return new Position(
                switch (key) {
                    case null -> NO_KEY;
                    case BigDecimal decimal -> decimal.toPlainString();
                    default -> key.toString();
                },
                id);
    }

    /** The algorithms, with what this order needs joined. */
    Table<?> source() {
        return this == TRACK_RECORD
                ? ALGORITHMS
                        .leftJoin(RETURNS)
                        .on(RETURNS.field(TRACK_RECORDS.ALGORITHM_ID).eq(ALGORITHMS.ID))
                : ALGORITHMS;
    }

    /** The sort key: null only for an algorithm without a track record. */
    Field<?> key() {
        return switch (this) {
            case NEWEST -> ALGORITHMS.CREATED_AT;
            case PRICE -> ALGORITHMS.PRICE_AMOUNT;
            case SEATS_LEFT -> SEATS_LEFT_KEY;
            case TRACK_RECORD -> RETURN_KEY;
        };
    }

    SortField<?>[] orderBy() {
        return switch (this) {
            case NEWEST -> new SortField<?>[] {ALGORITHMS.CREATED_AT.desc(), ALGORITHMS.ID.asc()};
            case PRICE -> new SortField<?>[] {ALGORITHMS.PRICE_AMOUNT.asc(), ALGORITHMS.ID.asc()};
            case SEATS_LEFT -> new SortField<?>[] {SEATS_LEFT_KEY.desc(), ALGORITHMS.ID.asc()};
            case TRACK_RECORD -> new SortField<?>[] {RETURN_KEY.desc().nullsLast(), ALGORITHMS.ID.asc()};
        };
    }

    /**
     * The rows after {@code position} in this order; a key that does not parse throws IllegalArgumentException or
     * DateTimeParseException (the position came from a client).
     */
    Condition after(Position position) {
        UUID id = position.id();
        return switch (this) {
            case NEWEST -> descendingAfter(ALGORITHMS.CREATED_AT, OffsetDateTime.parse(position.key()), id);
            case PRICE -> {
                BigDecimal key = new BigDecimal(position.key());
                yield ALGORITHMS
                        .PRICE_AMOUNT
                        .gt(key)
                        .or(ALGORITHMS.PRICE_AMOUNT.eq(key).and(ALGORITHMS.ID.gt(id)));
            }
            case SEATS_LEFT -> descendingAfter(SEATS_LEFT_KEY, Integer.parseInt(position.key()), id);
            case TRACK_RECORD ->
                // Nulls come last: after a track record come lower ones and every algorithm without one.
                NO_KEY.equals(position.key())
                        ? RETURN_KEY.isNull().and(ALGORITHMS.ID.gt(id))
                        : descendingAfter(RETURN_KEY, new BigDecimal(position.key()), id)
                                .or(RETURN_KEY.isNull());
        };
    }

    /** The rows after ({@code key}, {@code id}) in the order of the key descending, then the id ascending. */
    private static <T> Condition descendingAfter(Field<T> field, T key, UUID id) {
        return field.lt(key).or(field.eq(key).and(ALGORITHMS.ID.gt(id)));
    }
}
