package com.algomarket.db.orders;

import com.algomarket.db.jooq.tables.records.OrdersRecord;
import com.algomarket.workflows.orders.OrderStatus;
import java.math.BigDecimal;

/**
 * An order's row as the fan-out wrote it, with its status now: what the order activities check a workflow against.
 * {@code approved} says that the order's pre-trade check approved it and reserved its funds on the ledger (its row's
 * {@code reserved_at}): the one fact that lets the order be sent. {@code reservedPrice} is the price a buy's funds
 * were reserved at (null for a sell, and before the check): the most such a buy may pay.
 */
public record OrderIntent(NewOrder order, OrderStatus status, boolean approved, BigDecimal reservedPrice) {

    /** The intent as the order's row holds it: the one place its columns are read into a {@link NewOrder}. */
    static OrderIntent of(OrdersRecord r) {
        return new OrderIntent(
                new NewOrder(
                        r.getId(),
                        r.getPortfolioId(),
                        r.getSignalId(),
                        r.getClientOrderId(),
                        r.getExchange(),
                        r.getSymbol(),
                        r.getSide(),
                        r.getType(),
                        r.getTimeInForce(),
                        r.getQuantity(),
                        r.getLimitPrice(),
                        r.getStopPrice(),
                        r.getWorkflowId()),
                r.getStatus(),
                r.getReservedAt() != null,
                r.getReservedPrice());
    }
}
