package com.algomarket.db.orders;

import static com.algomarket.db.jooq.Tables.FILLS;
import static com.algomarket.db.jooq.Tables.LAST_PRICES;
import static com.algomarket.db.jooq.Tables.ORDERS;
import static com.algomarket.db.jooq.Tables.POSITIONS;

import com.algomarket.db.jooq.tables.records.OrdersRecord;
import com.algomarket.workflows.orders.OrderStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.jooq.UpdateSetMoreStep;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Orders, their fills (each exchange trade once) and the positions the fills make. */
@Repository
@RequiredArgsConstructor
public class OrderRepository {

    /**
     * The orders not final yet ({@link OrderStatus#isFinal()} false): those an exchange may still fill, cancel or
     * reject. Reads and guards of open orders share it, so that a new status cannot be left out of one of them.
     */
    public static final Condition OPEN =
            ORDERS.STATUS.in(OrderStatus.NEW, OrderStatus.PENDING, OrderStatus.PARTIALLY_FILLED);

    private final DSLContext dsl;

    /** The order's intent, written before anything is sent; a retried activity finds it there already. */
    public void insertIntent(NewOrder order) {
        dsl.insertInto(ORDERS)
                .set(asked(order, OrderStatus.NEW))
                .onConflict(ORDERS.ID)
                .doNothing()
                .execute();
    }

    /**
     * An order the fan-out decided not to send (portfolio paused or killed, below the exchange's minimum, ...):
     * recorded as REJECTED with its reason, so the user sees why a signal did not trade. Written once.
     */
    public void insertRejected(NewOrder order, String reason) {
        OrdersRecord rejected = asked(order, OrderStatus.REJECTED);
        rejected.setReason(reason);
        dsl.insertInto(ORDERS).set(rejected).onConflictDoNothing().execute();
    }

    public void update(UUID orderId, OrderChange change) {
        changes(change).where(ORDERS.ID.eq(orderId)).execute();
    }

    /** An update of the order's status that also sets what else is given (not null). */
    private UpdateSetMoreStep<OrdersRecord> changes(OrderChange change) {
        var update =
                dsl.update(ORDERS).set(ORDERS.STATUS, change.status()).set(ORDERS.UPDATED_AT, OffsetDateTime.now());
        if (change.exchangeOrderId() != null) {
            update = update.set(ORDERS.EXCHANGE_ORDER_ID, change.exchangeOrderId());
        }
        if (change.filledQuantity() != null) {
            update = update.set(ORDERS.FILLED_QUANTITY, change.filledQuantity());
        }
        if (change.averagePrice() != null) {
            update = update.set(ORDERS.AVERAGE_PRICE, change.averagePrice());
        }
        if (change.reason() != null) {
            update = update.set(ORDERS.REASON, change.reason());
        }
        return update;
    }

    /** The workflow ids of the portfolio's orders that are not final yet. */
    public List<String> openWorkflowIds(UUID portfolioId) {
        return dsl.select(ORDERS.WORKFLOW_ID)
                .from(ORDERS)
                .where(ORDERS.PORTFOLIO_ID.eq(portfolioId))
                .and(OPEN)
                .fetch(ORDERS.WORKFLOW_ID);
    }

    /** The open orders of the portfolios (not yet final in the database) and the workflows that follow them. */
    public List<FollowedOrder> openOrdersFollowed(List<UUID> portfolioIds) {
        return dsl.select(ORDERS.ID, ORDERS.WORKFLOW_ID)
                .from(ORDERS)
                .where(ORDERS.PORTFOLIO_ID.in(portfolioIds))
                .and(OPEN)
                .orderBy(ORDERS.CREATED_AT, ORDERS.ID)
                .fetch(Records.mapping(FollowedOrder::new));
    }

    public record FollowedOrder(UUID orderId, String workflowId) {}

    /** Whether the order is still NEW, PENDING or PARTIALLY_FILLED in the database. */
    public boolean isOpen(UUID orderId) {
        return dsl.fetchExists(ORDERS, ORDERS.ID.eq(orderId).and(OPEN));
    }

    /** Orders of the portfolio created since {@code since} but {@code excluding}: the order-rate limit counts them. */
    public int countSince(UUID portfolioId, OffsetDateTime since, UUID excluding) {
        return dsl.fetchCount(
                ORDERS,
                ORDERS.PORTFOLIO_ID
                        .eq(portfolioId)
                        .and(ORDERS.CREATED_AT.ge(since))
                        .and(ORDERS.ID.ne(excluding)));
    }

    /** The order's row as its planner wrote it, read by id. */
    public Optional<OrderIntent> findIntent(UUID orderId) {
        return dsl.selectFrom(ORDERS).where(ORDERS.ID.eq(orderId)).fetchOptional(OrderIntent::of);
    }

    /**
     * Records a rejection, but only of an order that is still open: a final order (a run of a completed order's
     * workflow id started again) keeps what it was.
     */
    public void rejectIfOpen(UUID orderId, String reason) {
        dsl.update(ORDERS)
                .set(ORDERS.STATUS, OrderStatus.REJECTED)
                .set(ORDERS.REASON, reason)
                .set(ORDERS.UPDATED_AT, OffsetDateTime.now())
                .where(ORDERS.ID.eq(orderId))
                .and(OPEN)
                .execute();
    }

    /**
     * Imports one exchange trade of the order, once: a trade seen before changes nothing. A new one moves the
     * portfolio's position (weighted average cost on buys, realized PnL on sells, fees included as {@link CostBasis}
     * says), in the same transaction.
     */
    public boolean importFill(UUID orderId, UUID portfolioId, String symbol, boolean buy, ImportedFill fill) {
        return dsl.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            int inserted = tx.insertInto(FILLS)
                    .set(FILLS.ID, UUID.randomUUID())
                    .set(FILLS.ORDER_ID, orderId)
                    .set(FILLS.EXCHANGE_TRADE_ID, fill.tradeId())
                    .set(FILLS.PRICE, fill.price())
                    .set(FILLS.QUANTITY, fill.quantity())
                    .set(FILLS.FEE, fill.fee())
                    .set(FILLS.FEE_ASSET, fill.feeAsset())
                    .set(FILLS.EXECUTED_AT, fill.executedAt())
                    .onConflict(FILLS.ORDER_ID, FILLS.EXCHANGE_TRADE_ID)
                    .doNothing()
                    .execute();
            if (inserted == 0) {
                return false;
            }
            // A lock on a row that does not exist yet locks nothing: two first fills of a new position (the order's own
            // import and reconciliation importing another trade) would each start from zero and one would be lost.
            // The row is made to exist first, so that the second import waits on the first's lock.
            tx.insertInto(POSITIONS)
                    .set(POSITIONS.PORTFOLIO_ID, portfolioId)
                    .set(POSITIONS.SYMBOL, symbol)
                    .onConflict(POSITIONS.PORTFOLIO_ID, POSITIONS.SYMBOL)
                    .doNothing()
                    .execute();
            var position = tx.selectFrom(POSITIONS)
                    .where(POSITIONS.PORTFOLIO_ID.eq(portfolioId).and(POSITIONS.SYMBOL.eq(symbol)))
                    .forUpdate()
                    .fetchSingle();
            CostBasis.Assets assets = CostBasis.Assets.of(symbol);
            CostBasis.Trade trade =
                    new CostBasis.Trade(buy, fill.price(), fill.quantity(), fill.fee(), fill.feeAsset());
            BigDecimal feeAssetPrice = CostBasis.needsConversion(assets, trade)
                    ? feeAssetPrice(tx, orderId, fill.feeAsset(), assets.quote())
                            .orElse(null)
                    : null;
            CostBasis.Applied applied = CostBasis.apply(
                    new CostBasis.Holding(position.getQuantity(), position.getAverageCost(), position.getRealizedPnl()),
                    assets,
                    trade,
                    feeAssetPrice);
            tx.update(POSITIONS)
                    .set(POSITIONS.QUANTITY, applied.holding().quantity())
                    .set(POSITIONS.AVERAGE_COST, applied.holding().averageCost())
                    .set(POSITIONS.REALIZED_PNL, applied.holding().realizedPnl())
                    .set(POSITIONS.UPDATED_AT, OffsetDateTime.now())
                    .where(POSITIONS.PORTFOLIO_ID.eq(portfolioId).and(POSITIONS.SYMBOL.eq(symbol)))
                    .execute();
            tx.update(FILLS)
                    .set(FILLS.REALIZED_PNL, applied.realizedByTrade())
                    .set(FILLS.FEE_IN_QUOTE, applied.feeInQuote())
                    .where(FILLS.ORDER_ID.eq(orderId).and(FILLS.EXCHANGE_TRADE_ID.eq(fill.tradeId())))
                    .execute();
            return true;
        });
    }

    public Optional<OrderDetail> find(UUID orderId) {
        return dsl.selectFrom(ORDERS).where(ORDERS.ID.eq(orderId)).fetchOptional(OrderDetail::of);
    }

    /**
     * The price of one {@code feeAsset} in {@code quote} on the order's venue, from the last prices its account streams
     * keep (the latest trade seen, at most moments after the fill): the pair itself, or its inverse. Empty when the
     * venue's data has neither.
     */
    private static Optional<BigDecimal> feeAssetPrice(DSLContext tx, UUID orderId, String feeAsset, String quote) {
        String exchange = tx.select(ORDERS.EXCHANGE)
                .from(ORDERS)
                .where(ORDERS.ID.eq(orderId))
                .fetchSingle(ORDERS.EXCHANGE)
                .name();
        Optional<BigDecimal> direct = lastPrice(tx, exchange, feeAsset + "/" + quote);
        if (direct.isPresent()) {
            return direct;
        }
        return lastPrice(tx, exchange, quote + "/" + feeAsset)
                .map(inverse -> BigDecimal.ONE.divide(inverse, CostBasis.SCALE, RoundingMode.HALF_EVEN));
    }

    private static Optional<BigDecimal> lastPrice(DSLContext tx, String exchange, String symbol) {
        return tx.fetchOptionalValue(
                LAST_PRICES.PRICE, LAST_PRICES.EXCHANGE.eq(exchange).and(LAST_PRICES.SYMBOL.eq(symbol)));
    }

    public Optional<OrderDetail> findByClientOrderId(String clientOrderId) {
        return dsl.selectFrom(ORDERS)
                .where(ORDERS.CLIENT_ORDER_ID.eq(clientOrderId))
                .fetchOptional(OrderDetail::of);
    }

    /** The order of one of the given portfolios that the exchange knows under this id. */
    public Optional<OrderDetail> findByExchangeOrderId(List<UUID> portfolioIds, String exchangeOrderId) {
        return dsl.selectFrom(ORDERS)
                .where(ORDERS.PORTFOLIO_ID.in(portfolioIds).and(ORDERS.EXCHANGE_ORDER_ID.eq(exchangeOrderId)))
                .fetchOptional(OrderDetail::of);
    }

    /** Orders of the given portfolios that are not final, oldest first. */
    public List<OrderDetail> openOrders(List<UUID> portfolioIds) {
        return dsl.selectFrom(ORDERS)
                .where(ORDERS.PORTFOLIO_ID.in(portfolioIds))
                .and(OPEN)
                .orderBy(ORDERS.CREATED_AT)
                .fetch(OrderDetail::of);
    }

    /**
     * An order of ours found at the exchange that the database had lost: written with what the exchange says of it.
     * Written once (its id is derived from its business key).
     */
    public boolean adopt(NewOrder order, OrderChange found) {
        OrdersRecord adopted = identified(order, found.status());
        adopted.setExchangeOrderId(found.exchangeOrderId());
        adopted.setFilledQuantity(found.filledQuantity());
        adopted.setAveragePrice(found.averagePrice());
        adopted.setReason(found.reason());
        return dsl.insertInto(ORDERS).set(adopted).onConflictDoNothing().execute() == 1;
    }

    /**
     * Records the exchange's id and status on an open order that has no exchange id yet: one that was sent by a worker
     * that stopped before it recorded the answer, found at the exchange by the reconciliation. Only such a row
     * changes: an order workflow that recorded its own answer meanwhile keeps what it wrote. Answers whether it changed.
     */
    public boolean adoptSent(UUID orderId, OrderChange change) {
        return changes(change)
                        .where(ORDERS.ID.eq(orderId))
                        .and(ORDERS.EXCHANGE_ORDER_ID.isNull())
                        .and(OPEN)
                        .execute()
                == 1;
    }

    /** A new order as it was asked for: what identifies it and what it trades, with its prices and time in force. */
    private static OrdersRecord asked(NewOrder order, OrderStatus status) {
        OrdersRecord record = identified(order, status);
        record.setTimeInForce(order.timeInForce());
        record.setStopPrice(order.stopPrice());
        return record;
    }

    /**
     * The columns every new order is written with. An adopted order is written with these only (not its time in force
     * nor its stop price): the exchange's answer it is adopted from does not say them.
     */
    private static OrdersRecord identified(NewOrder order, OrderStatus status) {
        // Only the columns set here are inserted: the others keep their defaults, as with insertInto(...).set(...).
        OrdersRecord record = new OrdersRecord();
        record.setId(order.id());
        record.setPortfolioId(order.portfolioId());
        record.setSignalId(order.signalId());
        record.setClientOrderId(order.clientOrderId());
        record.setExchange(order.exchange());
        record.setSymbol(order.symbol());
        record.setSide(order.side());
        record.setType(order.type());
        record.setQuantity(order.quantity());
        record.setLimitPrice(order.limitPrice());
        record.setStatus(status);
        record.setWorkflowId(order.workflowId());
        return record;
    }

    /** The PnL the portfolio's fills executed since {@code since} realised (negative: a loss). */
    public BigDecimal realizedPnlSince(UUID portfolioId, OffsetDateTime since) {
        return dsl.select(DSL.coalesce(DSL.sum(FILLS.REALIZED_PNL), BigDecimal.ZERO))
                .from(FILLS)
                .join(ORDERS)
                .on(ORDERS.ID.eq(FILLS.ORDER_ID))
                .where(ORDERS.PORTFOLIO_ID.eq(portfolioId).and(FILLS.EXECUTED_AT.ge(since)))
                .fetchOne(0, BigDecimal.class);
    }

    /** How much of {@code symbol} the portfolio holds by its fills (zero when it never traded it). */
    public BigDecimal positionQuantity(UUID portfolioId, String symbol) {
        return dsl.fetchOptionalValue(
                        POSITIONS.QUANTITY,
                        POSITIONS.PORTFOLIO_ID.eq(portfolioId).and(POSITIONS.SYMBOL.eq(symbol)))
                .orElse(BigDecimal.ZERO);
    }

    /** The portfolio's positions with something held: a flatten sells them. */
    public List<HeldPosition> heldPositions(UUID portfolioId) {
        return dsl.select(POSITIONS.SYMBOL, POSITIONS.QUANTITY)
                .from(POSITIONS)
                .where(POSITIONS.PORTFOLIO_ID.eq(portfolioId).and(POSITIONS.QUANTITY.gt(BigDecimal.ZERO)))
                .orderBy(POSITIONS.SYMBOL)
                .fetch(Records.mapping(HeldPosition::new));
    }

    public record HeldPosition(String symbol, BigDecimal quantity) {}

    public int fillCount(UUID orderId) {
        return dsl.fetchCount(FILLS, FILLS.ORDER_ID.eq(orderId));
    }
}
