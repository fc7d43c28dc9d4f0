package com.algomarket.activities.reconciliation;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.ExchangeGateway;
import com.algomarket.activities.exchange.ExchangeOrder;
import com.algomarket.activities.exchange.Fill;
import com.algomarket.db.audit.AuditLog;
import com.algomarket.db.connections.Connection;
import com.algomarket.db.orders.ImportedFill;
import com.algomarket.db.orders.NewOrder;
import com.algomarket.db.orders.OrderChange;
import com.algomarket.db.orders.OrderDetail;
import com.algomarket.db.orders.OrderRepository;
import com.algomarket.db.portfolios.Portfolio;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

/**
 * What a reconciliation writes of single orders, where the exchange wins over the database: a lost order adopted, an
 * order sent without its answer recorded adopted onto its row, a finished order resolved with its fills, a fill
 * imported once.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class ReconciledOrders {

    private static final String ACTOR = "reconciliation";

    private final OrderRepository orders;
    private final AuditLog auditLog;
    private final WaitingOrders waitingOrders;

    /** An order of ours by business key: which portfolio and signal made it. */
    record Origin(Portfolio portfolio, UUID signalId) {}

    /** An open order of ours at the exchange that the database lost, written again from what the exchange says. */
    void adoptLost(Connection connection, ExchangeOrder order, Origin origin, ReconciliationTally tally) {
        String workflowId = WorkflowIds.order(
                origin.portfolio().id().toString(), origin.signalId().toString());
        UUID orderId = UUID.nameUUIDFromBytes(workflowId.getBytes(StandardCharsets.UTF_8));
        boolean adopted = orders.adopt(
                new NewOrder(
                        orderId,
                        origin.portfolio().id(),
                        origin.signalId(),
                        order.clientOrderId(),
                        connection.exchange(),
                        order.symbol(),
                        order.side(),
                        order.type() == null ? OrderType.LIMIT : order.type(),
                        null,
                        order.quantity(),
                        null,
                        null,
                        workflowId),
                reported(order, "adopted by reconciliation: the database had lost it"));
        if (adopted) {
            tally.adopted++;
            auditLog.append(
                    ACTOR,
                    "order",
                    orderId.toString(),
                    "ADOPTED",
                    Map.of("exchangeOrderId", order.exchangeOrderId(), "clientOrderId", order.clientOrderId()));
        }
    }

    /** A database order the exchange no longer lists as open: settled from the exchange's own record of it. */
    void resolve(ExchangeGateway gateway, ApiCredentials credentials, OrderDetail row, ReconciliationTally tally) {
        Optional<ExchangeOrder> atExchange =
                gateway.orderByExchangeOrderId(credentials, row.symbol(), row.exchangeOrderId());
        if (atExchange.isEmpty()) {
            tally.mismatch(
                    row.portfolioId(),
                    "order " + row.id() + " (" + row.exchangeOrderId() + ") is " + row.status()
                            + " in the database and unknown to the exchange");
            return;
        }
        ExchangeOrder order = atExchange.get();
        if (!order.status().isFinal()) {
            return; // listed a moment later than the open orders were read: nothing to settle
        }
        settle(gateway, credentials, row, order, tally);
    }

    /**
     * A database order without the exchange's id: never sent yet (its workflow decides), or sent by a worker that
     * stopped before it recorded the answer. In that case the exchange knows it under its client order id: its id and
     * status are adopted onto the row (unless the order's workflow recorded them meanwhile), and a final one is
     * settled like any other. {@code open}: the exchange's open order with the row's client order id, if it listed one.
     */
    void adoptSent(
            ExchangeGateway gateway,
            ApiCredentials credentials,
            OrderDetail row,
            ExchangeOrder open,
            ReconciliationTally tally) {
        Optional<ExchangeOrder> atExchange = open != null
                ? Optional.of(open)
                : gateway.orderByClientOrderId(credentials, row.symbol(), row.clientOrderId());
        if (atExchange.isEmpty()) {
            return;
        }
        ExchangeOrder order = atExchange.get();
        String reason = "adopted by reconciliation: the database had not recorded that it was sent";
        // A final order is first recorded as sent: settling it below writes its final status with its fills.
        boolean adopted = orders.adoptSent(
                row.id(),
                order.status().isFinal()
                        ? new OrderChange(OrderStatus.PENDING, order.exchangeOrderId(), null, null, reason)
                        : reported(order, reason));
        if (!adopted) {
            return;
        }
        tally.adopted++;
        auditLog.append(
                ACTOR,
                "order",
                row.id().toString(),
                "ADOPTED",
                Map.of("exchangeOrderId", order.exchangeOrderId(), "clientOrderId", row.clientOrderId()));
        if (order.status().isFinal()) {
            settle(gateway, credentials, row, order, tally);
        }
    }

    /**
     * Imports the fills of an order the exchange has finished and records its final state, then tells the order's
     * workflow to look it up now. Both import each fill once by its trade id ({@link OrderRepository#importFill}), so
     * that the workflow's own settling after its lookup adds nothing twice.
     */
    private void settle(
            ExchangeGateway gateway,
            ApiCredentials credentials,
            OrderDetail row,
            ExchangeOrder order,
            ReconciliationTally tally) {
        for (Fill fill : gateway.fillsForOrder(credentials, row.symbol(), order.exchangeOrderId())) {
            if (orders.importFill(row.id(), row.portfolioId(), row.symbol(), row.side() == Side.BUY, imported(fill))) {
                tally.fillsImported++;
            }
        }
        orders.update(row.id(), reported(order, null));
        auditLog.append(
                ACTOR, "order", row.id().toString(), order.status().name(), Map.of("resolvedFrom", row.status()));
        tally.resolved++;
        waitingOrders.lookUpNow(row, order.status());
    }

    void importFill(List<UUID> ownerIds, Fill fill, ReconciliationTally tally) {
        Optional<OrderDetail> row = orders.findByExchangeOrderId(ownerIds, fill.exchangeOrderId());
        if (row.isEmpty()) {
            return; // a fill of the user's own order (or of a lost order the next run adopts first)
        }
        if (orders.importFill(
                row.get().id(),
                row.get().portfolioId(),
                row.get().symbol(),
                row.get().side() == Side.BUY,
                imported(fill))) {
            tally.fillsImported++;
        }
    }

    /** The order as the exchange reports it, to record with {@code reason}. */
    private static OrderChange reported(ExchangeOrder order, String reason) {
        return new OrderChange(
                order.status(), order.exchangeOrderId(), order.filledQuantity(), order.averagePrice(), reason);
    }

    private static ImportedFill imported(Fill fill) {
        return new ImportedFill(
                fill.tradeId(),
                fill.price(),
                fill.quantity(),
                fill.fee(),
                fill.feeAsset(),
                fill.executedAt().atOffset(ZoneOffset.UTC));
    }
}
