package com.algomarket.api.support;

import static com.algomarket.db.jooq.Tables.NOTIFICATION_EVENTS;
import static com.algomarket.db.jooq.Tables.ORDERS;
import static com.algomarket.db.jooq.Tables.POSITIONS;
import static org.jooq.impl.DSL.field;

import com.algomarket.workflows.orders.OrderStatus;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * What the database holds for a portfolio's signals: the order each started, what its owner was told of it, and the
 * positions its fills made.
 */
@RequiredArgsConstructor
public final class PortfolioRows {

    private final DSLContext dsl;

    /** The status of the portfolio's order for the signal; null while it has none. */
    public OrderStatus orderStatus(String portfolioId, String signalId) {
        return dsl.select(ORDERS.STATUS)
                .from(ORDERS)
                .where(ofSignal(portfolioId, signalId))
                .fetchOptional(ORDERS.STATUS)
                .orElse(null);
    }

    public String orderReason(String portfolioId, String signalId) {
        return dsl.select(ORDERS.REASON)
                .from(ORDERS)
                .where(ofSignal(portfolioId, signalId))
                .fetchOne(ORDERS.REASON);
    }

    public UUID orderId(String portfolioId, String signalId) {
        return dsl.select(ORDERS.ID)
                .from(ORDERS)
                .where(ofSignal(portfolioId, signalId))
                .fetchOne(ORDERS.ID);
    }

    /** The type of each event the order's owner was told about it ({@code order.rejected}, ...), in no order. */
    public List<String> noticesOfOrder(UUID orderId) {
        return dsl.select(NOTIFICATION_EVENTS.TYPE)
                .from(NOTIFICATION_EVENTS)
                .where(field("{0} -> 'data' ->> 'orderId'", String.class, NOTIFICATION_EVENTS.PAYLOAD)
                        .eq(orderId.toString()))
                .fetch(NOTIFICATION_EVENTS.TYPE);
    }

    private static Condition ofSignal(String portfolioId, String signalId) {
        return ORDERS.PORTFOLIO_ID.eq(UUID.fromString(portfolioId)).and(ORDERS.SIGNAL_ID.eq(UUID.fromString(signalId)));
    }

    /** The portfolio's position (it trades one symbol); -1 while it has none. */
    public BigDecimal position(String portfolioId) {
        return dsl.select(POSITIONS.QUANTITY)
                .from(POSITIONS)
                .where(POSITIONS.PORTFOLIO_ID.eq(UUID.fromString(portfolioId)))
                .fetchOptional(POSITIONS.QUANTITY)
                .orElse(BigDecimal.ONE.negate());
    }
}
