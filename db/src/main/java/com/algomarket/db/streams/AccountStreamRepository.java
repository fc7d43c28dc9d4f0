package com.algomarket.db.streams;

import static com.algomarket.db.jooq.Tables.ACCOUNT_BALANCES;
import static com.algomarket.db.jooq.Tables.ACCOUNT_BALANCE_READS;
import static com.algomarket.db.jooq.Tables.LAST_PRICES;
import static com.algomarket.db.jooq.Tables.ORDERS;
import static com.algomarket.db.jooq.Tables.PORTFOLIOS;
import static com.algomarket.db.jooq.Tables.STREAM_EXECUTIONS;

import com.algomarket.db.orders.OrderRepository;
import com.algomarket.db.streams.StoredAccountReads.Source;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * What the account streams report (balances, executions, last prices), written idempotently: a repeated event, a
 * reconnect's catch-up read of what the stream already delivered, or an older report after a newer one changes
 * nothing.
 */
@Repository
@RequiredArgsConstructor
public class AccountStreamRepository {

    /** An execution (trade) of the account; {@code symbol} is the exchange's own, {@code source} STREAM or CATCH_UP. */
    public record Execution(
            UUID connectionId,
            String symbol,
            String tradeId,
            String exchangeOrderId,
            String clientOrderId,
            String side,
            BigDecimal quantity,
            BigDecimal price,
            BigDecimal fee,
            String feeAsset,
            String orderStatus,
            OffsetDateTime executedAt,
            String source) {}

    public record StoredBalance(String asset, BigDecimal free, BigDecimal locked, OffsetDateTime exchangeTime) {}

    private final DSLContext dsl;

    /** Records the execution once; true when it was new. */
    public boolean recordExecution(Execution execution) {
        return dsl.insertInto(STREAM_EXECUTIONS)
                        .set(STREAM_EXECUTIONS.CONNECTION_ID, execution.connectionId())
                        .set(STREAM_EXECUTIONS.SYMBOL, execution.symbol())
                        .set(STREAM_EXECUTIONS.TRADE_ID, execution.tradeId())
                        .set(STREAM_EXECUTIONS.EXCHANGE_ORDER_ID, execution.exchangeOrderId())
                        .set(STREAM_EXECUTIONS.CLIENT_ORDER_ID, execution.clientOrderId())
                        .set(STREAM_EXECUTIONS.SIDE, execution.side())
                        .set(STREAM_EXECUTIONS.QUANTITY, execution.quantity())
                        .set(STREAM_EXECUTIONS.PRICE, execution.price())
                        .set(STREAM_EXECUTIONS.FEE, execution.fee())
                        .set(STREAM_EXECUTIONS.FEE_ASSET, execution.feeAsset())
                        .set(STREAM_EXECUTIONS.ORDER_STATUS, execution.orderStatus())
                        .set(STREAM_EXECUTIONS.EXECUTED_AT, execution.executedAt())
                        .set(STREAM_EXECUTIONS.SOURCE, execution.source())
                        .onConflictDoNothing()
                        .execute()
                == 1;
    }

    public List<Execution> executions(UUID connectionId) {
        return executionsWhere(STREAM_EXECUTIONS.CONNECTION_ID.eq(connectionId));
    }

    /** The recorded executions of one exchange order of the connection, oldest first. */
    public List<Execution> executionsOfOrder(UUID connectionId, String exchangeOrderId) {
        return executionsWhere(STREAM_EXECUTIONS
                .CONNECTION_ID
                .eq(connectionId)
                .and(STREAM_EXECUTIONS.EXCHANGE_ORDER_ID.eq(exchangeOrderId)));
    }

    private List<Execution> executionsWhere(Condition condition) {
        return dsl.selectFrom(STREAM_EXECUTIONS)
                .where(condition)
                .orderBy(STREAM_EXECUTIONS.EXECUTED_AT, STREAM_EXECUTIONS.TRADE_ID)
                .fetch(row -> new Execution(
                        row.getConnectionId(),
                        row.getSymbol(),
                        row.getTradeId(),
                        row.getExchangeOrderId(),
                        row.getClientOrderId(),
                        row.getSide(),
                        row.getQuantity(),
                        row.getPrice(),
                        row.getFee(),
                        row.getFeeAsset(),
                        row.getOrderStatus(),
                        row.getExecutedAt(),
                        row.getSource()));
    }

    /**
     * The workflow id of the connection's order that an execution belongs to, while the order is open (its fills not
     * settled yet): found by our client order id, or by the exchange's order id where the event names no client order
     * id of ours (a catch-up read's trade, a cancel's report). Empty for an order this system did not place, or one
     * that is settled.
     */
    public Optional<String> openOrderWorkflowId(UUID connectionId, String clientOrderId, String exchangeOrderId) {
        Optional<String> byClientOrderId = clientOrderId == null
                ? Optional.empty()
                : openOrderWorkflowId(connectionId, ORDERS.CLIENT_ORDER_ID.eq(clientOrderId));
        if (byClientOrderId.isPresent() || exchangeOrderId == null) {
            return byClientOrderId;
        }
        return openOrderWorkflowId(connectionId, ORDERS.EXCHANGE_ORDER_ID.eq(exchangeOrderId));
    }

    private Optional<String> openOrderWorkflowId(UUID connectionId, Condition sameOrder) {
        return dsl.select(ORDERS.WORKFLOW_ID)
                .from(ORDERS)
                .join(PORTFOLIOS)
                .on(PORTFOLIOS.ID.eq(ORDERS.PORTFOLIO_ID))
                .where(sameOrder)
                .and(PORTFOLIOS.CONNECTION_ID.eq(connectionId))
                .and(OrderRepository.OPEN)
                .limit(1)
                .fetchOptional(ORDERS.WORKFLOW_ID);
    }

    /** When the connection's newest recorded execution happened: where a catch-up read may start. */
    public Optional<OffsetDateTime> lastExecutionAt(UUID connectionId) {
        return dsl.select(DSL.max(STREAM_EXECUTIONS.EXECUTED_AT))
                .from(STREAM_EXECUTIONS)
                .where(STREAM_EXECUTIONS.CONNECTION_ID.eq(connectionId))
                .fetchOptional(0, OffsetDateTime.class);
    }

    /** Stores the balances reported at {@code exchangeTime}, unless a newer report of an asset is already stored. */
    public void storeBalances(UUID connectionId, List<StoredBalance> balances) {
        dsl.transaction(configuration -> {
            for (StoredBalance balance : balances) {
                storeBalance(DSL.using(configuration), connectionId, balance);
            }
        });
    }

    /** Stores one asset's balance unless a newer report of it is stored already. */
    static void storeBalance(DSLContext dsl, UUID connectionId, StoredBalance balance) {
        dsl.insertInto(ACCOUNT_BALANCES)
                .set(ACCOUNT_BALANCES.CONNECTION_ID, connectionId)
                .set(ACCOUNT_BALANCES.ASSET, balance.asset())
                .set(ACCOUNT_BALANCES.FREE, balance.free())
                .set(ACCOUNT_BALANCES.LOCKED, balance.locked())
                .set(ACCOUNT_BALANCES.EXCHANGE_TIME, balance.exchangeTime())
                .onConflict(ACCOUNT_BALANCES.CONNECTION_ID, ACCOUNT_BALANCES.ASSET)
                .doUpdate()
                .setNonConflictingKeyToExcluded()
                .set(ACCOUNT_BALANCES.UPDATED_AT, OffsetDateTime.now())
                .where(ACCOUNT_BALANCES.EXCHANGE_TIME.le(balance.exchangeTime()))
                .execute();
    }

    /**
     * Records a read of the whole account at {@code asOf}: the assets it lists replace the stored ones, and an asset it
     * no longer lists is gone, unless a newer report of it is stored. A read older than the one recorded already
     * changes nothing.
     */
    public void storeWholeAccount(UUID connectionId, List<StoredBalance> balances, Source source, OffsetDateTime asOf) {
        dsl.transaction(configuration -> {
            DSLContext tx = configuration.dsl();
            int newer = tx.insertInto(ACCOUNT_BALANCE_READS)
                    .set(ACCOUNT_BALANCE_READS.CONNECTION_ID, connectionId)
                    .set(ACCOUNT_BALANCE_READS.SOURCE, source.name())
                    .set(ACCOUNT_BALANCE_READS.AS_OF, asOf)
                    .onConflict(ACCOUNT_BALANCE_READS.CONNECTION_ID)
                    .doUpdate()
                    .setNonConflictingKeyToExcluded()
                    .where(ACCOUNT_BALANCE_READS.AS_OF.le(asOf))
                    .execute();
            if (newer == 0) {
                return;
            }
            for (StoredBalance balance : balances) {
                storeBalance(
                        tx, connectionId, new StoredBalance(balance.asset(), balance.free(), balance.locked(), asOf));
            }
            tx.deleteFrom(ACCOUNT_BALANCES)
                    .where(ACCOUNT_BALANCES.CONNECTION_ID.eq(connectionId))
                    .and(ACCOUNT_BALANCES.ASSET.notIn(
                            balances.stream().map(StoredBalance::asset).toList()))
                    .and(ACCOUNT_BALANCES.EXCHANGE_TIME.le(asOf))
                    .execute();
        });
    }

    /**
     * The stream, still connected, has applied every event up to {@code asOf}: its balances are current as of then. A
     * connection whose balances came from a read is left alone; the stream's next whole-account read takes it over.
     */
    public void confirmStream(UUID connectionId, OffsetDateTime asOf) {
        dsl.update(ACCOUNT_BALANCE_READS)
                .set(ACCOUNT_BALANCE_READS.AS_OF, asOf)
                .where(ACCOUNT_BALANCE_READS.CONNECTION_ID.eq(connectionId))
                .and(ACCOUNT_BALANCE_READS.SOURCE.eq(Source.STREAM.name()))
                .and(ACCOUNT_BALANCE_READS.AS_OF.lt(asOf))
                .execute();
    }

    public List<StoredBalance> balances(UUID connectionId) {
        return dsl.selectFrom(ACCOUNT_BALANCES)
                .where(ACCOUNT_BALANCES.CONNECTION_ID.eq(connectionId))
                .orderBy(ACCOUNT_BALANCES.ASSET)
                .fetch(row -> new StoredBalance(row.getAsset(), row.getFree(), row.getLocked(), row.getExchangeTime()));
    }

    /** Keeps {@code price} as the symbol's last price unless a later trade's is already stored. */
    public void storeLastPrice(String exchange, String symbol, BigDecimal price, OffsetDateTime tradedAt) {
        dsl.insertInto(LAST_PRICES)
                .set(LAST_PRICES.EXCHANGE, exchange)
                .set(LAST_PRICES.SYMBOL, symbol)
                .set(LAST_PRICES.PRICE, price)
                .set(LAST_PRICES.TRADED_AT, tradedAt)
                .onConflict(LAST_PRICES.EXCHANGE, LAST_PRICES.SYMBOL)
                .doUpdate()
                .setNonConflictingKeyToExcluded()
                .set(LAST_PRICES.UPDATED_AT, OffsetDateTime.now())
                .where(LAST_PRICES.TRADED_AT.le(tradedAt))
                .execute();
    }

    public Optional<BigDecimal> lastPrice(String exchange, String symbol) {
        return dsl.fetchOptionalValue(
                LAST_PRICES.PRICE, LAST_PRICES.EXCHANGE.eq(exchange).and(LAST_PRICES.SYMBOL.eq(symbol)));
    }

    /**
     * The symbols (BASE/QUOTE, as orders keep them) a catch-up read covers for the connection: those of its orders
     * that are still open, or that changed within {@code since}.
     */
    public List<String> symbolsToCatchUp(UUID connectionId, OffsetDateTime since) {
        return dsl.selectDistinct(ORDERS.SYMBOL)
                .from(ORDERS)
                .join(PORTFOLIOS)
                .on(PORTFOLIOS.ID.eq(ORDERS.PORTFOLIO_ID))
                .where(PORTFOLIOS.CONNECTION_ID.eq(connectionId))
                .and(OrderRepository.OPEN.or(ORDERS.UPDATED_AT.ge(since)))
                .orderBy(ORDERS.SYMBOL)
                .fetch(ORDERS.SYMBOL);
    }
}
