package com.algomarket.workflows.orders;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The executions an order workflow was signalled, each trade once by its id, and what they say of the order: how much
 * filled at what average price, and its status. Workflow state: changed only by signals, read only by the workflow
 * thread, so its answers are as deterministic as the history.
 */
final class ReceivedExecutions {

    private final Map<String, OrderExecution> trades = new LinkedHashMap<>();
    private BigDecimal cumulativeQuantity = BigDecimal.ZERO;
    private OrderStatus exchangeStatus;
    private int changes;

    /**
     * Takes an execution of the order {@code exchangeOrderId} (null while the submit has not answered yet: then every
     * execution counts, since the stream only signals executions of this order's client order id or exchange id).
     * A trade already counted, or an execution of another exchange order, changes nothing.
     */
    void add(OrderExecution execution, String exchangeOrderId) {
        if (exchangeOrderId != null
                && execution.exchangeOrderId() != null
                && !exchangeOrderId.equals(execution.exchangeOrderId())) {
            return;
        }
        boolean changed = false;
        if (execution.tradeId() != null && trades.putIfAbsent(execution.tradeId(), execution) == null) {
            changed = true;
        }
        if (execution.cumulativeQuantity() != null
                && execution.cumulativeQuantity().compareTo(cumulativeQuantity) > 0) {
            cumulativeQuantity = execution.cumulativeQuantity();
            changed = true;
        }
        // A final status sticks: a late or repeated event of an earlier state cannot reopen the order.
        if (execution.exchangeStatus() != null && (exchangeStatus == null || !exchangeStatus.isFinal())) {
            changed |= execution.exchangeStatus() != exchangeStatus;
            exchangeStatus = execution.exchangeStatus();
        }
        if (changed) {
            changes++;
        }
    }

    /** Counts the changes so far, so the workflow can wait until the next one. */
    int changes() {
        return changes;
    }

    /** The sum of the distinct trades' quantities. */
    BigDecimal tradedQuantity() {
        return trades.values().stream().map(OrderExecution::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * What is known to have filled: the trades received, or more when the exchange's cumulative quantity says so (a
     * trade the workflow was not signalled yet).
     */
    BigDecimal knownFilled() {
        return tradedQuantity().max(cumulativeQuantity);
    }

    /**
     * The order as the signals describe it, on top of {@code last} (what the exchange last answered). A final status
     * an event named wins, then a final answer of the exchange; otherwise a fill of the whole quantity is FILLED and
     * of part of it PARTIALLY_FILLED.
     */
    OrderSnapshot applyTo(OrderSnapshot last, BigDecimal orderQuantity) {
        BigDecimal filled =
                last.filledQuantity() == null ? knownFilled() : knownFilled().max(last.filledQuantity());
        OrderStatus status;
        if (exchangeStatus != null && exchangeStatus.isFinal()) {
            status = exchangeStatus;
        } else if (last.status().isFinal()) {
            status = last.status();
        } else if (filled.compareTo(orderQuantity) >= 0) {
            status = OrderStatus.FILLED;
        } else if (filled.signum() > 0) {
            status = OrderStatus.PARTIALLY_FILLED;
        } else {
            status = last.status();
        }
        return new OrderSnapshot(last.exchangeOrderId(), status, filled, averagePrice(last.averagePrice()));
    }

    /** The trades' average price, or {@code otherwise} when none arrived. */
    private BigDecimal averagePrice(BigDecimal otherwise) {
        BigDecimal quantity = tradedQuantity();
        if (quantity.signum() == 0) {
            return otherwise;
        }
        BigDecimal notional = trades.values().stream()
                .map(trade -> trade.quantity().multiply(trade.price()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return notional.divide(quantity, 8, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }
}
