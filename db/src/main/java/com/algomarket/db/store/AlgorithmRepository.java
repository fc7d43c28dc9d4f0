package com.algomarket.db.store;

import static com.algomarket.db.jooq.Tables.ALGORITHMS;
import static com.algomarket.db.jooq.Tables.COUPONS;

import com.algomarket.db.jooq.tables.records.AlgorithmsRecord;
import com.algomarket.db.jooq.tables.records.CouponsRecord;
import com.algomarket.workflows.store.AlgorithmStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** The algorithm store: algorithms and their coupons. */
@Repository
@RequiredArgsConstructor
public class AlgorithmRepository {

    private final DSLContext dsl;

    public void insert(Algorithm algorithm) {
        dsl.insertInto(ALGORITHMS)
                .set(ALGORITHMS.ID, algorithm.id())
                .set(ALGORITHMS.DEVELOPER_ID, algorithm.developerId())
                .set(ALGORITHMS.NAME, algorithm.name())
                .set(ALGORITHMS.DESCRIPTION, algorithm.description())
                .set(ALGORITHMS.EXCHANGES, algorithm.exchanges().toArray(String[]::new))
                .set(ALGORITHMS.QUOTE_CURRENCY, algorithm.quoteCurrency())
                .set(ALGORITHMS.SYMBOLS, algorithm.symbols().toArray(String[]::new))
                .set(ALGORITHMS.PRICE_AMOUNT, algorithm.priceAmount())
                .set(ALGORITHMS.PRICE_CURRENCY, algorithm.priceCurrency())
                .set(ALGORITHMS.PERIOD_DAYS, algorithm.periodDays())
                .set(ALGORITHMS.SEATS_TOTAL, algorithm.seatsTotal())
                .set(ALGORITHMS.STATUS, algorithm.status())
                .execute();
    }

    public Optional<Algorithm> find(UUID id) {
        return dsl.selectFrom(ALGORITHMS).where(ALGORITHMS.ID.eq(id)).fetchOptional(AlgorithmRepository::toAlgorithm);
    }

    /** An algorithm as a page lists it, with its position in the page's order. */
    public record Listed(Algorithm algorithm, StoreSort.Position position) {}

    /**
     * A page of published algorithms in {@code sort} order after {@code after} (null: the first page).
     * {@code developerId} (a storefront), {@code exchange} (among the supported ones) and {@code asset} (the base or
     * quote of one of the symbols) filter when given.
     */
    public List<Listed> pagePublished(
            UUID developerId, String exchange, String asset, StoreSort sort, StoreSort.Position after, int limit) {
        Condition condition = ALGORITHMS.STATUS.eq(AlgorithmStatus.PUBLISHED);
        if (developerId != null) {
            condition = condition.and(ALGORITHMS.DEVELOPER_ID.eq(developerId));
        }
        if (exchange != null) {
            condition = condition.and(DSL.val(exchange).eq(DSL.any(ALGORITHMS.EXCHANGES)));
        }
        if (asset != null) {
            // Symbols are BASE/QUOTE: the asset matches either side exactly.
            condition = condition.and(DSL.condition(
                    "exists (select 1 from unnest({0}) as s(symbol) where split_part(s.symbol, '/', 1) = {1} "
                            + "or split_part(s.symbol, '/', 2) = {1})",
                    ALGORITHMS.SYMBOLS, DSL.val(asset)));
        }
        if (after != null) {
            condition = condition.and(sort.after(after));
        }
        Field<?> key = sort.key().as("sort_key");
        return dsl.select(ALGORITHMS.asterisk(), key)
                .from(sort.source())
                .where(condition)
                .orderBy(sort.orderBy())
                .limit(limit)
                .fetch(row -> {
                    Algorithm algorithm = toAlgorithm(row.into(ALGORITHMS));
                    return new Listed(algorithm, sort.positionOf(row.get(key), algorithm.id()));
                });
    }

    public void insertCoupon(Coupon coupon) {
        dsl.insertInto(COUPONS)
                .set(COUPONS.ID, coupon.id())
                .set(COUPONS.ALGORITHM_ID, coupon.algorithmId())
                .set(COUPONS.CODE, coupon.code())
                .set(COUPONS.PERCENT_OFF, coupon.percentOff())
                .set(COUPONS.AMOUNT_OFF, coupon.amountOff())
                .set(COUPONS.MAX_REDEMPTIONS, coupon.maxRedemptions())
                .set(COUPONS.EXPIRES_AT, coupon.expiresAt())
                .execute();
    }

    public boolean couponExists(UUID algorithmId, String code) {
        return dsl.fetchExists(COUPONS, COUPONS.ALGORITHM_ID.eq(algorithmId).and(COUPONS.CODE.eq(code)));
    }

    public Optional<Coupon> findCoupon(UUID algorithmId, String code) {
        return dsl.selectFrom(COUPONS)
                .where(COUPONS.ALGORITHM_ID.eq(algorithmId).and(COUPONS.CODE.eq(code)))
                .fetchOptional(AlgorithmRepository::toCoupon);
    }

    private static Algorithm toAlgorithm(AlgorithmsRecord r) {
        return new Algorithm(
                r.getId(),
                r.getDeveloperId(),
                r.getName(),
                r.getDescription(),
                Arrays.asList(r.getExchanges()),
                r.getQuoteCurrency(),
                Arrays.asList(r.getSymbols()),
                r.getPriceAmount(),
                r.getPriceCurrency(),
                r.getPeriodDays(),
                r.getSeatsTotal(),
                r.getSeatsTaken(),
                r.getStatus(),
                r.getCreatedAt());
    }

    private static Coupon toCoupon(CouponsRecord r) {
        return new Coupon(
                r.getId(),
                r.getAlgorithmId(),
                r.getCode(),
                r.getPercentOff(),
                r.getAmountOff(),
                r.getMaxRedemptions(),
                r.getRedemptions(),
                r.getExpiresAt());
    }
}
