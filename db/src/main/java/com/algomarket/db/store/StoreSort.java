package com.algomarket.db.store;

import static com.algomarket.db.jooq.Tables.ALGORITHMS;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.impl.DSL;

/**
 * The orders the store lists in, each a key with the algorithm id as tie-breaker so that a page ends at an exact
 * position (keyset paging: a page never skips or repeats an algorithm published while a client reads).
 */
public enum StoreSort {
    /** Newest first. */
    NEWEST,
    /** Cheapest first. */
    PRICE,
    /** Most seats left first; unlimited seats count as the most. */
    SEATS_LEFT;

    private static final Field<Integer> SEATS_LEFT_KEY =
            DSL.coalesce(ALGORITHMS.SEATS_TOTAL.minus(ALGORITHMS.SEATS_TAKEN), DSL.inline(Integer.MAX_VALUE));

    /** Where a page ended: the sort key as text and the last algorithm's id. */
    public record Position(String key, java.util.UUID id) {}

    public Position positionOf(Algorithm algorithm) {
        String key = switch (this) {
            case NEWEST -> algorithm.createdAt().toString();
            case PRICE -> algorithm.priceAmount().toPlainString();
            case SEATS_LEFT ->
                String.valueOf(algorithm.seatsAvailable() == null ? Integer.MAX_VALUE : algorithm.seatsAvailable());
        };
        return new Position(key, algorithm.id());
    }

    SortField<?>[] orderBy() {
        return switch (this) {
            case NEWEST -> new SortField<?>[] {ALGORITHMS.CREATED_AT.desc(), ALGORITHMS.ID.asc()};
            case PRICE -> new SortField<?>[] {ALGORITHMS.PRICE_AMOUNT.asc(), ALGORITHMS.ID.asc()};
            case SEATS_LEFT -> new SortField<?>[] {SEATS_LEFT_KEY.desc(), ALGORITHMS.ID.asc()};
        };
    }

    /**
     * The rows after {@code position} in this order; a key that does not parse throws IllegalArgumentException (the
     * position came from a client).
     */
    Condition after(Position position) {
        return switch (this) {
            case NEWEST -> {
                OffsetDateTime key = OffsetDateTime.parse(position.key());
                yield ALGORITHMS
                        .CREATED_AT
                        .lt(key)
                        .or(ALGORITHMS.CREATED_AT.eq(key).and(ALGORITHMS.ID.gt(position.id())));
            }
            case PRICE -> {
                BigDecimal key = new BigDecimal(position.key());
                yield ALGORITHMS
                        .PRICE_AMOUNT
                        .gt(key)
                        .or(ALGORITHMS.PRICE_AMOUNT.eq(key).and(ALGORITHMS.ID.gt(position.id())));
            }
            case SEATS_LEFT -> {
                int key = Integer.parseInt(position.key());
                yield SEATS_LEFT_KEY.lt(key).or(SEATS_LEFT_KEY.eq(key).and(ALGORITHMS.ID.gt(position.id())));
            }
        };
    }
}
