package com.algomarket.db.signals;

import static com.algomarket.db.jooq.Tables.EXCHANGE_CONNECTIONS;
import static com.algomarket.db.jooq.Tables.PORTFOLIOS;
import static com.algomarket.db.jooq.Tables.POSITIONS;
import static com.algomarket.db.jooq.Tables.SIGNALS;

import com.algomarket.db.jooq.tables.records.SignalsRecord;
import com.algomarket.workflows.portfolios.PortfolioStatus;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

@Repository
@RequiredArgsConstructor
public class SignalRepository {

    private final DSLContext dsl;

    /**
     * Stores the signal once per idempotency key of its algorithm: a repeated post answers the signal stored the
     * first time.
     */
    public Signal insert(Signal signal, String idempotencyKey) {
        dsl.insertInto(SIGNALS)
                .set(SIGNALS.ID, signal.id())
                .set(SIGNALS.ALGORITHM_ID, signal.algorithmId())
                .set(SIGNALS.SYMBOL, signal.symbol())
                .set(SIGNALS.SIDE, signal.side())
                .set(SIGNALS.TYPE, signal.type())
                .set(SIGNALS.PORTFOLIO_FRACTION, signal.portfolioFraction())
                .set(SIGNALS.QUANTITY, signal.quantity())
                .set(SIGNALS.LIMIT_PRICE, signal.limitPrice())
                .set(SIGNALS.STOP_PRICE, signal.stopPrice())
                .set(SIGNALS.TIME_IN_FORCE, signal.timeInForce())
                .set(SIGNALS.TIMEOUT_SECONDS, signal.timeoutSeconds())
                .set(
                        SIGNALS.TRAILING_PCT,
                        signal.trailing() == null ? null : signal.trailing().pct())
                .set(
                        SIGNALS.TRAILING_AMOUNT,
                        signal.trailing() == null ? null : signal.trailing().amount())
                .set(
                        SIGNALS.ACTIVATION_PRICE,
                        signal.trailing() == null ? null : signal.trailing().activationPrice())
                .set(SIGNALS.IDEMPOTENCY_KEY, idempotencyKey)
                .onConflictDoNothing()
                .execute();
        if (idempotencyKey == null) {
            return find(signal.id()).orElseThrow();
        }
        return dsl.selectFrom(SIGNALS)
                .where(SIGNALS.ALGORITHM_ID.eq(signal.algorithmId()).and(SIGNALS.IDEMPOTENCY_KEY.eq(idempotencyKey)))
                .fetchOne(SignalRepository::toSignal);
    }

    public Optional<Signal> find(UUID id) {
        return dsl.selectFrom(SIGNALS).where(SIGNALS.ID.eq(id)).fetchOptional(SignalRepository::toSignal);
    }

    /** Signals of the algorithm since {@code since}: reconciliation recognises our orders by them. */
    public List<UUID> idsSince(UUID algorithmId, OffsetDateTime since) {
        return dsl.select(SIGNALS.ID)
                .from(SIGNALS)
                .where(SIGNALS.ALGORITHM_ID.eq(algorithmId).and(SIGNALS.CREATED_AT.ge(since)))
                .fetch(SIGNALS.ID);
    }

    /** How many portfolios a signal of the algorithm reaches (each gets an order or a recorded rejection). */
    public int countSubscribers(UUID algorithmId) {
        return dsl.fetchCount(
                PORTFOLIOS, PORTFOLIOS.ALGORITHM_ID.eq(algorithmId).and(PORTFOLIOS.STATUS.ne(PortfolioStatus.CLOSED)));
    }

    /**
     * The algorithm's portfolios that are not closed, by id, after {@code afterPortfolioId} (null: from the first),
     * with their holding of {@code symbol}.
     */
    public List<Subscriber> subscribers(UUID algorithmId, String symbol, UUID afterPortfolioId, int limit) {
        var condition = PORTFOLIOS.ALGORITHM_ID.eq(algorithmId).and(PORTFOLIOS.STATUS.ne(PortfolioStatus.CLOSED));
        if (afterPortfolioId != null) {
            condition = condition.and(PORTFOLIOS.ID.gt(afterPortfolioId));
        }
        return dsl.select(
                        PORTFOLIOS.ID,
                        PORTFOLIOS.USER_ID,
                        PORTFOLIOS.CONNECTION_ID,
                        EXCHANGE_CONNECTIONS.EXCHANGE,
                        EXCHANGE_CONNECTIONS.STATUS,
                        PORTFOLIOS.STATUS,
                        PORTFOLIOS.ACCEPTS_NEW_ENTRIES,
                        PORTFOLIOS.SIZE,
                        DSL.coalesce(POSITIONS.QUANTITY, BigDecimal.ZERO))
                .from(PORTFOLIOS)
                .join(EXCHANGE_CONNECTIONS)
                .on(EXCHANGE_CONNECTIONS.ID.eq(PORTFOLIOS.CONNECTION_ID))
                .leftJoin(POSITIONS)
                .on(POSITIONS.PORTFOLIO_ID.eq(PORTFOLIOS.ID).and(POSITIONS.SYMBOL.eq(symbol)))
                .where(condition)
                .orderBy(PORTFOLIOS.ID)
                .limit(limit)
                .fetch(Records.mapping(Subscriber::new));
    }

    private static Signal toSignal(SignalsRecord r) {
        return new Signal(
                r.getId(),
                r.getAlgorithmId(),
                r.getSymbol(),
                r.getSide(),
                r.getType(),
                r.getPortfolioFraction(),
                r.getQuantity(),
                r.getLimitPrice(),
                r.getStopPrice(),
                r.getTimeInForce(),
                r.getTimeoutSeconds(),
                r.getCreatedAt(),
                r.getTrailingPct() == null && r.getTrailingAmount() == null
                        ? null
                        : new Signal.Trailing(r.getTrailingPct(), r.getTrailingAmount(), r.getActivationPrice()));
    }
}
