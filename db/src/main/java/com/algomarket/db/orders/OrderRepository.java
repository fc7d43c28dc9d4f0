package com.algomarket.db.orders;

import static com.algomarket.db.jooq.Tables.FILLS;
import static com.algomarket.db.jooq.Tables.ORDERS;
import static com.algomarket.db.jooq.Tables.POSITIONS;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** Orders, their fills (each exchange trade once) and the positions the fills make. */
@Repository
public class OrderRepository {

    private final DSLContext dsl;

    public OrderRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The order's intent, written before anything is sent; a retried activity finds it there already. */
    public void insertIntent(NewOrder order) {
        dsl.insertInto(ORDERS)
                .set(ORDERS.ID, order.id())
                .set(ORDERS.PORTFOLIO_ID, order.portfolioId())
                .set(ORDERS.SIGNAL_ID, order.signalId())
                .set(ORDERS.CLIENT_ORDER_ID, order.clientOrderId())
                .set(ORDERS.EXCHANGE, order.exchange())
                .set(ORDERS.SYMBOL, order.symbol())
                .set(ORDERS.SIDE, order.side())
                .set(ORDERS.TYPE, order.type())
                .set(ORDERS.TIME_IN_FORCE, order.timeInForce())
                .set(ORDERS.QUANTITY, order.quantity())
                .set(ORDERS.LIMIT_PRICE, order.limitPrice())
                .set(ORDERS.STOP_PRICE, order.stopPrice())
                .set(ORDERS.STATUS, "NEW")
                .set(ORDERS.WORKFLOW_ID, order.workflowId())
                .onConflict(ORDERS.ID).doNothing()
                .execute();
    }

    public void update(UUID orderId, String status, String exchangeOrderId, BigDecimal filledQuantity,
            BigDecimal averagePrice, String reason) {
        var update = dsl.update(ORDERS)
                .set(ORDERS.STATUS, status)
                .set(ORDERS.UPDATED_AT, OffsetDateTime.now());
        if (exchangeOrderId != null) {
            update = update.set(ORDERS.EXCHANGE_ORDER_ID, exchangeOrderId);
        }
        if (filledQuantity != null) {
            update = update.set(ORDERS.FILLED_QUANTITY, filledQuantity);
        }
        if (averagePrice != null) {
            update = update.set(ORDERS.AVERAGE_PRICE, averagePrice);
        }
        if (reason != null) {
            update = update.set(ORDERS.REASON, reason);
        }
        update.where(ORDERS.ID.eq(orderId)).execute();
    }

    /** The workflow ids of the portfolio's orders that are not final yet. */
    public List<String> openWorkflowIds(UUID portfolioId) {
        return dsl.select(ORDERS.WORKFLOW_ID).from(ORDERS)
                .where(ORDERS.PORTFOLIO_ID.eq(portfolioId))
                .and(ORDERS.STATUS.in("NEW", "PENDING", "PARTIALLY_FILLED"))
                .fetch(ORDERS.WORKFLOW_ID);
    }

    /** Orders of the portfolio created since {@code since}: the order-rate limit counts them. */
    public int countSince(UUID portfolioId, OffsetDateTime since) {
        return dsl.fetchCount(ORDERS, ORDERS.PORTFOLIO_ID.eq(portfolioId).and(ORDERS.CREATED_AT.ge(since)));
    }

    /**
     * Imports one exchange trade of the order, once: a trade seen before changes nothing. A new one moves the
     * portfolio's position (weighted average cost on buys, realized PnL on sells), in the same transaction.
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
                    .onConflict(FILLS.ORDER_ID, FILLS.EXCHANGE_TRADE_ID).doNothing()
                    .execute();
            if (inserted == 0) {
                return false;
            }
            var position = tx.selectFrom(POSITIONS)
                    .where(POSITIONS.PORTFOLIO_ID.eq(portfolioId).and(POSITIONS.SYMBOL.eq(symbol)))
                    .forUpdate().fetchOptional();
            BigDecimal quantity = position.map(p -> p.getQuantity()).orElse(BigDecimal.ZERO);
            BigDecimal cost = position.map(p -> p.getAverageCost()).orElse(BigDecimal.ZERO);
            BigDecimal realized = position.map(p -> p.getRealizedPnl()).orElse(BigDecimal.ZERO);
            if (buy) {
                BigDecimal total = quantity.add(fill.quantity());
                cost = quantity.multiply(cost).add(fill.quantity().multiply(fill.price()))
                        .divide(total, 18, RoundingMode.HALF_EVEN);
                quantity = total;
            } else {
                realized = realized.add(fill.price().subtract(cost).multiply(fill.quantity()));
                quantity = quantity.subtract(fill.quantity());
            }
            tx.insertInto(POSITIONS)
                    .set(POSITIONS.PORTFOLIO_ID, portfolioId)
                    .set(POSITIONS.SYMBOL, symbol)
                    .set(POSITIONS.QUANTITY, quantity)
                    .set(POSITIONS.AVERAGE_COST, cost)
                    .set(POSITIONS.REALIZED_PNL, realized)
                    .onConflict(POSITIONS.PORTFOLIO_ID, POSITIONS.SYMBOL).doUpdate()
                    .set(POSITIONS.QUANTITY, quantity)
                    .set(POSITIONS.AVERAGE_COST, cost)
                    .set(POSITIONS.REALIZED_PNL, realized)
                    .set(POSITIONS.UPDATED_AT, OffsetDateTime.now())
                    .execute();
            return true;
        });
    }

    public int fillCount(UUID orderId) {
        return dsl.fetchCount(FILLS, FILLS.ORDER_ID.eq(orderId));
    }
}
