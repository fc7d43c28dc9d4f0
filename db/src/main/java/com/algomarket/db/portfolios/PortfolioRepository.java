package com.algomarket.db.portfolios;

import static com.algomarket.db.jooq.Tables.EXCHANGE_CONNECTIONS;
import static com.algomarket.db.jooq.Tables.PORTFOLIOS;

import com.algomarket.db.jooq.tables.records.PortfoliosRecord;
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

/** Portfolios. Every query of a user's portfolios takes the user id: another user's id finds nothing. */
@Repository
@RequiredArgsConstructor
public class PortfolioRepository {

    private final DSLContext dsl;

    /**
     * Locks the connection's row until the transaction ends, so that two portfolios created at once on one connection
     * are checked against its balance one after the other.
     */
    public void lockConnection(UUID connectionId) {
        dsl.select(EXCHANGE_CONNECTIONS.ID)
                .from(EXCHANGE_CONNECTIONS)
                .where(EXCHANGE_CONNECTIONS.ID.eq(connectionId))
                .forUpdate()
                .fetch();
    }

    /** The sizes of the connection's portfolios that are not closed, added up. */
    public BigDecimal committedOn(UUID connectionId) {
        return dsl.select(DSL.coalesce(DSL.sum(PORTFOLIOS.SIZE), BigDecimal.ZERO))
                .from(PORTFOLIOS)
                .where(PORTFOLIOS.CONNECTION_ID.eq(connectionId).and(PORTFOLIOS.STATUS.ne(PortfolioStatus.CLOSED)))
                .fetchOne(0, BigDecimal.class);
    }

    public void insert(Portfolio portfolio) {
        dsl.insertInto(PORTFOLIOS)
                .set(PORTFOLIOS.ID, portfolio.id())
                .set(PORTFOLIOS.USER_ID, portfolio.userId())
                .set(PORTFOLIOS.PURCHASE_ID, portfolio.purchaseId())
                .set(PORTFOLIOS.CONNECTION_ID, portfolio.connectionId())
                .set(PORTFOLIOS.ALGORITHM_ID, portfolio.algorithmId())
                .set(PORTFOLIOS.SIZE, portfolio.size())
                .set(PORTFOLIOS.QUOTE_CURRENCY, portfolio.quoteCurrency())
                .set(PORTFOLIOS.STATUS, portfolio.status())
                .execute();
    }

    public List<Portfolio> findByUser(UUID userId) {
        return dsl.selectFrom(PORTFOLIOS)
                .where(PORTFOLIOS.USER_ID.eq(userId))
                .orderBy(PORTFOLIOS.CREATED_AT, PORTFOLIOS.ID)
                .fetch(PortfolioRepository::toPortfolio);
    }

    /** The connection's portfolios that are not closed. */
    public List<Portfolio> findByConnection(UUID connectionId) {
        return dsl.selectFrom(PORTFOLIOS)
                .where(PORTFOLIOS.CONNECTION_ID.eq(connectionId).and(PORTFOLIOS.STATUS.ne(PortfolioStatus.CLOSED)))
                .orderBy(PORTFOLIOS.ID)
                .fetch(PortfolioRepository::toPortfolio);
    }

    /** A page of the portfolios that are not closed, by id after {@code afterId} (null: from the first). */
    public List<Portfolio> notClosedAfter(UUID afterId, int limit) {
        var condition = PORTFOLIOS.STATUS.ne(PortfolioStatus.CLOSED);
        if (afterId != null) {
            condition = condition.and(PORTFOLIOS.ID.gt(afterId));
        }
        return dsl.selectFrom(PORTFOLIOS)
                .where(condition)
                .orderBy(PORTFOLIOS.ID)
                .limit(limit)
                .fetch(PortfolioRepository::toPortfolio);
    }

    /**
     * Moves the user's portfolio to {@code status} from one of {@code from}; false when it is not in one of them (or
     * not the user's).
     */
    public boolean changeStatus(
            UUID id, UUID userId, List<PortfolioStatus> from, PortfolioStatus status, String reason) {
        return dsl.update(PORTFOLIOS)
                        .set(PORTFOLIOS.STATUS, status)
                        .set(PORTFOLIOS.STATUS_REASON, reason)
                        .set(PORTFOLIOS.UPDATED_AT, OffsetDateTime.now())
                        .where(PORTFOLIOS
                                .ID
                                .eq(id)
                                .and(PORTFOLIOS.USER_ID.eq(userId))
                                .and(PORTFOLIOS.STATUS.in(from)))
                        .execute()
                == 1;
    }

    /**
     * Moves every one of the user's named portfolios that is ACTIVE or PAUSED to KILLED and raises its kill epoch, in
     * one statement: answers the portfolios that really moved, with their new epoch. A portfolio already KILLED (or
     * CLOSED, or not the user's) is left as it is and not answered, so a caller can tell a kill from a repeated one.
     */
    public List<KillEpoch> kill(UUID userId, List<UUID> ids, String reason) {
        return dsl.update(PORTFOLIOS)
                .set(PORTFOLIOS.STATUS, PortfolioStatus.KILLED)
                .set(PORTFOLIOS.STATUS_REASON, reason)
                .set(PORTFOLIOS.KILL_EPOCH, PORTFOLIOS.KILL_EPOCH.plus(1))
                .set(PORTFOLIOS.UPDATED_AT, OffsetDateTime.now())
                .where(PORTFOLIOS
                        .ID
                        .in(ids)
                        .and(PORTFOLIOS.USER_ID.eq(userId))
                        .and(PORTFOLIOS.STATUS.in(PortfolioStatus.ACTIVE, PortfolioStatus.PAUSED)))
                .returningResult(PORTFOLIOS.ID, PORTFOLIOS.KILL_EPOCH)
                .fetch(Records.mapping(KillEpoch::new));
    }

    /** The current kill epoch of each of the user's named portfolios that is KILLED. */
    public List<KillEpoch> killedEpochs(UUID userId, List<UUID> ids) {
        return dsl.select(PORTFOLIOS.ID, PORTFOLIOS.KILL_EPOCH)
                .from(PORTFOLIOS)
                .where(PORTFOLIOS
                        .ID
                        .in(ids)
                        .and(PORTFOLIOS.USER_ID.eq(userId))
                        .and(PORTFOLIOS.STATUS.eq(PortfolioStatus.KILLED)))
                .orderBy(PORTFOLIOS.ID)
                .fetch(Records.mapping(KillEpoch::new));
    }

    /** The portfolio's status, read for the order workflows, which cancel their order themselves once it is KILLED. */
    public Optional<PortfolioStatus> status(UUID id) {
        return dsl.fetchOptionalValue(PORTFOLIOS.STATUS, PORTFOLIOS.ID.eq(id));
    }

    /** For activities, which act for the system rather than for a signed-in user. */
    public Optional<Portfolio> find(UUID id) {
        return dsl.selectFrom(PORTFOLIOS).where(PORTFOLIOS.ID.eq(id)).fetchOptional(PortfolioRepository::toPortfolio);
    }

    public Optional<Portfolio> findForUser(UUID id, UUID userId) {
        return dsl.selectFrom(PORTFOLIOS)
                .where(PORTFOLIOS.ID.eq(id).and(PORTFOLIOS.USER_ID.eq(userId)))
                .fetchOptional(PortfolioRepository::toPortfolio);
    }

    /** The limits the portfolio chose itself (nulls where it takes the defaults). */
    public RiskLimits riskLimits(UUID id) {
        return dsl.select(
                        PORTFOLIOS.MAX_ORDER_NOTIONAL,
                        PORTFOLIOS.MAX_POSITION_NOTIONAL,
                        PORTFOLIOS.MAX_ORDERS_PER_MINUTE,
                        PORTFOLIOS.DAILY_LOSS_LIMIT)
                .from(PORTFOLIOS)
                .where(PORTFOLIOS.ID.eq(id))
                .fetchOptional(Records.mapping(RiskLimits::new))
                .orElse(RiskLimits.NONE);
    }

    /** Replaces the portfolio's own limits (a null goes back to the default). False when the user has no such one. */
    public boolean setRiskLimits(UUID id, UUID userId, RiskLimits limits) {
        return dsl.update(PORTFOLIOS)
                        .set(PORTFOLIOS.MAX_ORDER_NOTIONAL, limits.maxOrderNotional())
                        .set(PORTFOLIOS.MAX_POSITION_NOTIONAL, limits.maxPositionNotional())
                        .set(PORTFOLIOS.MAX_ORDERS_PER_MINUTE, limits.maxOrdersPerMinute())
                        .set(PORTFOLIOS.DAILY_LOSS_LIMIT, limits.dailyLossLimit())
                        .set(PORTFOLIOS.UPDATED_AT, OffsetDateTime.now())
                        .where(PORTFOLIOS.ID.eq(id).and(PORTFOLIOS.USER_ID.eq(userId)))
                        .execute()
                == 1;
    }

    private static Portfolio toPortfolio(PortfoliosRecord r) {
        return new Portfolio(
                r.getId(),
                r.getUserId(),
                r.getPurchaseId(),
                r.getConnectionId(),
                r.getAlgorithmId(),
                r.getSize(),
                r.getQuoteCurrency(),
                r.getStatus(),
                r.getStatusReason(),
                r.getAcceptsNewEntries(),
                r.getCreatedAt());
    }
}
