package com.algomarket.db.ledger;

import static com.algomarket.db.jooq.Tables.ORDERS;
import static com.algomarket.db.jooq.Tables.PORTFOLIOS;

import com.algomarket.workflows.orders.OrderStatus;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import lombok.RequiredArgsConstructor;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * The portfolio's ledger: its funds are derived from its rows (size, positions, fills, orders) and an order's
 * reservation is a mark on the order's row, so there is no second book to keep in step. What makes it impossible to
 * overdraw is the order of events: the check and the reservation happen in one transaction that holds the portfolio's
 * row lock, so two orders of one portfolio are checked one after the other, each against the other's reservation.
 *
 * <p>An order reserves what it has not yet brought into the position: an open order its quantity, a final one its
 * filled quantity, less the quantity of its fills already imported. So an order the exchange filled, whose fills are
 * not imported yet, still holds its reservation until the position shows them.
 */
@Repository
@RequiredArgsConstructor
public class LedgerRepository {

    /**
     * One statement, so that positions and imported fills are read from one snapshot: a fill imported between two
     * reads would count neither in the position nor in the reservation, or in both.
     */
    private static final String RESERVING = """
            with imported as (
                select f.order_id, sum(f.quantity) as quantity
                from fills f join orders o on o.id = f.order_id
                where o.portfolio_id = ?
                group by f.order_id
            ), reserving as (
                select o.side, o.symbol,
                       greatest(0, case when o.status in ('NEW', 'PENDING', 'PARTIALLY_FILLED') then o.quantity
                                        else o.filled_quantity end
                                   - coalesce(i.quantity, 0)) as quantity,
                       coalesce(o.reserved_price, o.limit_price, o.stop_price, o.average_price, 0) as price
                from orders o left join imported i on i.order_id = o.id
                where o.portfolio_id = ? and o.id <> ? and not (o.status = 'NEW' and o.reserved_at is null)
            )
            """;

    private static final String FUNDS = RESERVING + """
            select
                (select size from portfolios where id = ?)
                    + coalesce((select sum(realized_pnl - quantity * average_cost) from positions
                                where portfolio_id = ?), 0)
                    - coalesce((select sum(quantity * price) from reserving where side = 'BUY'), 0),
                coalesce((select quantity from positions where portfolio_id = ? and symbol = ?), 0),
                coalesce((select sum(quantity) from reserving where side = 'SELL' and symbol = ?), 0)
            """;

    private final DSLContext dsl;

    /**
     * Checks the NEW order {@code orderId} against the portfolio's funds net of every other order's reservation and,
     * when {@code refusal} finds nothing to refuse, marks the order reserved (at {@code reservedPrice}, for a buy), all
     * in one transaction under the portfolio's row lock. Answers the refusal; empty when the order was reserved. A
     * retried check leaves the order's own reservation out of the funds, so it answers as the first did.
     */
    public Optional<String> reserve(
            UUID portfolioId,
            UUID orderId,
            String symbol,
            BigDecimal reservedPrice,
            Function<LedgerFunds, Optional<String>> refusal) {
        return dsl.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            // The portfolio's row always exists (a position's row may not yet): it is the lock every order of the
            // portfolio queues on. NO KEY UPDATE, so that inserting an order row (its foreign key's KEY SHARE) waits
            // not.
            tx.select(PORTFOLIOS.ID)
                    .from(PORTFOLIOS)
                    .where(PORTFOLIOS.ID.eq(portfolioId))
                    .forNoKeyUpdate()
                    .fetch();
            Optional<String> refused = refusal.apply(funds(tx, portfolioId, orderId, symbol));
            if (refused.isEmpty()) {
                tx.update(ORDERS)
                        .set(ORDERS.RESERVED_AT, OffsetDateTime.now())
                        .set(ORDERS.RESERVED_PRICE, reservedPrice)
                        .where(ORDERS.ID.eq(orderId).and(ORDERS.STATUS.eq(OrderStatus.NEW)))
                        .execute();
            }
            return refused;
        });
    }

    /**
     * Per symbol, the base quantity the portfolio's sells still reserve: what a flatten must not sell again. A sell
     * planned but never approved reserves nothing (it will not sell), one filled but not imported yet still does.
     */
    public Map<String, BigDecimal> openSells(UUID portfolioId) {
        return dsl.resultQuery(
                        RESERVING
                                + "select symbol, sum(quantity) from reserving where side = 'SELL' group by symbol"
                                + " having sum(quantity) > 0",
                        portfolioId,
                        portfolioId,
                        new UUID(0, 0))
                .fetchMap(record -> record.get(0, String.class), record -> record.get(1, BigDecimal.class));
    }

    /** The portfolio's funds by its ledger, every order's reservation counted but {@code excluding}'s. */
    public LedgerFunds funds(UUID portfolioId, UUID excluding, String symbol) {
        return funds(dsl, portfolioId, excluding, symbol);
    }

    private static LedgerFunds funds(DSLContext tx, UUID portfolioId, UUID excluding, String symbol) {
        Record3<BigDecimal, BigDecimal, BigDecimal> row = tx.resultQuery(
                        FUNDS,
                        portfolioId,
                        portfolioId,
                        excluding,
                        portfolioId,
                        portfolioId,
                        portfolioId,
                        symbol,
                        symbol)
                .coerce(
                        DSL.field("free", BigDecimal.class),
                        DSL.field("position", BigDecimal.class),
                        DSL.field("sells", BigDecimal.class))
                .fetchOne();
        return new LedgerFunds(row.value1() == null ? BigDecimal.ZERO : row.value1(), row.value2(), row.value3());
    }
}
