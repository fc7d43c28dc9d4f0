package com.algomarket.workflows.orders;

import java.math.BigDecimal;

/**
 * A status change to record in the database and the audit log. {@code settled}: the order's fills are imported and
 * its quantity and price reconciled. A final status the exchange reports before that is recorded as still open, so
 * that an order never reads FILLED without its trades and position (DevServerRestartIT caught 18 of 40 in between).
 * Added after the first histories: absent there, it reads false.
 */
public record OrderUpdate(
        String orderId,
        OrderStatus status,
        String exchangeOrderId,
        BigDecimal filledQuantity,
        BigDecimal averagePrice,
        String reason,
        boolean settled) {

    /** The status to store: a final one only once settled. */
    public OrderStatus recordedStatus() {
        if (settled || !status.isFinal()) {
            return status;
        }
        return filledQuantity != null && filledQuantity.signum() > 0
                ? OrderStatus.PARTIALLY_FILLED
                : OrderStatus.PENDING;
    }
}
