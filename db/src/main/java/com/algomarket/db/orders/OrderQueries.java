package com.algomarket.db.orders;

import static com.algomarket.db.jooq.Tables.FILLS;
import static com.algomarket.db.jooq.Tables.ORDERS;
import static com.algomarket.db.jooq.Tables.PORTFOLIOS;
import static com.algomarket.db.jooq.Tables.POSITIONS;

import com.algomarket.db.jooq.tables.records.PositionsRecord;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.Side;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import lombok.RequiredArgsConstructor;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record10;
import org.jooq.Records;
import org.jooq.SelectConditionStep;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * What the monitoring endpoints read: a portfolio's orders, trades and positions. Reads only; the order lifecycle
 * writes through {@link OrderRepository}. The caller checks that the portfolio is the user's; an order looked up by
 * its own id is checked here, through its portfolio.
 */
@Repository
@RequiredArgsConstructor
public class OrderQueries {

    /** Rows the trades export reads from the database per round trip. */
    static final int FETCH_SIZE = 500;

    private final DSLContext dsl;

    /** The portfolio's orders, newest first, of one status when {@code status} is not null. */
    public List<OrderDetail> orders(UUID portfolioId, OrderStatus status, int limit) {
        Condition condition = ORDERS.PORTFOLIO_ID.eq(portfolioId);
        if (status != null) {
            condition = condition.and(ORDERS.STATUS.eq(status));
        }
        return dsl.selectFrom(ORDERS)
                .where(condition)
                .orderBy(ORDERS.CREATED_AT.desc(), ORDERS.ID.desc())
                .limit(limit)
                .fetch(OrderDetail::of);
    }

    /** The order, when it belongs to one of the user's portfolios; another user's order is not found. */
    public Optional<OrderDetail> orderForUser(UUID orderId, UUID userId) {
        return dsl.select(ORDERS.fields())
                .from(ORDERS)
                .join(PORTFOLIOS)
                .on(PORTFOLIOS.ID.eq(ORDERS.PORTFOLIO_ID))
                .where(ORDERS.ID.eq(orderId).and(PORTFOLIOS.USER_ID.eq(userId)))
                .fetchOptional(record -> OrderDetail.of(record.into(ORDERS)));
    }

    /** How many orders there are of each status, all portfolios together; a status without orders is absent. */
    public Map<OrderStatus, Integer> countByStatus() {
        return dsl.select(ORDERS.STATUS, DSL.count())
                .from(ORDERS)
                .groupBy(ORDERS.STATUS)
                .fetchMap(ORDERS.STATUS, DSL.count());
    }

    /** The fills of the portfolio's orders, newest first. */
    public List<PortfolioTrade> trades(UUID portfolioId, int limit) {
        return tradesOf(dsl, portfolioId)
                .orderBy(FILLS.EXECUTED_AT.desc(), FILLS.CREATED_AT.desc(), FILLS.ID.desc())
                .limit(limit)
                .fetch(Records.mapping(PortfolioTrade::new));
    }

    /**
     * Hands every fill of the portfolio's orders, oldest first, to {@code each} as it is read: a cursor over the
     * rows, {@link #FETCH_SIZE} at a time, so that a long history is never held in memory. PostgreSQL's driver
     * fetches by cursor only inside a transaction; the transaction only reads.
     */
    public void forEachTrade(UUID portfolioId, Consumer<PortfolioTrade> each) {
        dsl.transaction(configuration -> {
            try (var cursor = tradesOf(configuration.dsl(), portfolioId)
                    .orderBy(FILLS.EXECUTED_AT, FILLS.CREATED_AT, FILLS.ID)
                    .fetchSize(FETCH_SIZE)
                    .fetchLazy()) {
                while (cursor.hasNext()) {
                    each.accept(cursor.fetchNext(Records.mapping(PortfolioTrade::new)));
                }
            }
        });
    }

    private static SelectConditionStep<
                    Record10<
                            UUID,
                            UUID,
                            String,
                            String,
                            Side,
                            BigDecimal,
                            BigDecimal,
                            BigDecimal,
                            String,
                            OffsetDateTime>>
            tradesOf(DSLContext dsl, UUID portfolioId) {
        return dsl.select(
                        FILLS.ID,
                        FILLS.ORDER_ID,
                        FILLS.EXCHANGE_TRADE_ID,
                        ORDERS.SYMBOL,
                        ORDERS.SIDE,
                        FILLS.PRICE,
                        FILLS.QUANTITY,
                        FILLS.FEE,
                        FILLS.FEE_ASSET,
                        FILLS.EXECUTED_AT)
                .from(FILLS)
                .join(ORDERS)
                .on(ORDERS.ID.eq(FILLS.ORDER_ID))
                .where(ORDERS.PORTFOLIO_ID.eq(portfolioId));
    }

    /**
     * What the portfolio's fills paid in fees: {@code inQuote} the total of those that count in its PnL (in the quote
     * asset), {@code unconverted} per asset those paid in an asset no price converted (not in the PnL).
     */
    public record Fees(BigDecimal inQuote, Map<String, BigDecimal> unconverted) {}

    public Fees fees(UUID portfolioId) {
        BigDecimal inQuote = dsl.select(DSL.coalesce(DSL.sum(FILLS.FEE_IN_QUOTE), BigDecimal.ZERO))
                .from(FILLS)
                .join(ORDERS)
                .on(ORDERS.ID.eq(FILLS.ORDER_ID))
                .where(ORDERS.PORTFOLIO_ID.eq(portfolioId))
                .fetchSingle(0, BigDecimal.class);
        Map<String, BigDecimal> unconverted = new TreeMap<>();
        dsl.select(FILLS.FEE_ASSET, DSL.sum(FILLS.FEE))
                .from(FILLS)
                .join(ORDERS)
                .on(ORDERS.ID.eq(FILLS.ORDER_ID))
                .where(ORDERS.PORTFOLIO_ID.eq(portfolioId))
                .and(FILLS.FEE_IN_QUOTE.isNull())
                .and(FILLS.FEE.gt(BigDecimal.ZERO))
                .groupBy(FILLS.FEE_ASSET)
                .forEach(row -> unconverted.put(row.value1(), row.value2()));
        return new Fees(inQuote, unconverted);
    }

    /** What the order's imported fills cost in fees, summed per fee asset (in the asset's name order). */
    public Map<String, BigDecimal> feesOfOrder(UUID orderId) {
        Map<String, BigDecimal> fees = new LinkedHashMap<>();
        dsl.select(FILLS.FEE_ASSET, DSL.sum(FILLS.FEE))
                .from(FILLS)
                .where(FILLS.ORDER_ID.eq(orderId).and(FILLS.FEE.isNotNull()).and(FILLS.FEE_ASSET.isNotNull()))
                .groupBy(FILLS.FEE_ASSET)
                .orderBy(FILLS.FEE_ASSET)
                .fetch()
                .forEach(row -> fees.put(row.value1(), row.value2()));
        return fees;
    }

    /** The portfolio's positions, closed ones (quantity 0, with their realized PnL) included, by symbol. */
    public List<PortfolioPosition> positions(UUID portfolioId) {
        return positionsOf(List.of(portfolioId)).getOrDefault(portfolioId, List.of());
    }

    /** The positions of several portfolios in one query, by portfolio; a portfolio without any has no entry. */
    public Map<UUID, List<PortfolioPosition>> positionsOf(Collection<UUID> portfolioIds) {
        if (portfolioIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, List<PortfolioPosition>> byPortfolio = new LinkedHashMap<>();
        dsl.selectFrom(POSITIONS)
                .where(POSITIONS.PORTFOLIO_ID.in(portfolioIds))
                .orderBy(POSITIONS.PORTFOLIO_ID, POSITIONS.SYMBOL)
                .fetch(OrderQueries::toPosition)
                .forEach(position -> byPortfolio
                        .computeIfAbsent(position.portfolioId(), id -> new ArrayList<>())
                        .add(position));
        return byPortfolio;
    }

    private static PortfolioPosition toPosition(PositionsRecord r) {
        return new PortfolioPosition(
                r.getPortfolioId(),
                r.getSymbol(),
                r.getQuantity(),
                r.getAverageCost(),
                r.getRealizedPnl(),
                r.getUpdatedAt());
    }
}
