package com.algomarket.db.orders;

import com.algomarket.workflows.orders.OrderStatus;
import java.math.BigDecimal;

/**
 * What a read of the order at its exchange reports, to record on the order's row: its status and, where known, the
 * exchange's id of the order, the quantity filled, the average price, and the reason of a rejection or cancellation.
 * An update of an existing row leaves a column alone where its value here is null.
 */
public record OrderChange(
        OrderStatus status,
        String exchangeOrderId,
        BigDecimal filledQuantity,
        BigDecimal averagePrice,
        String reason) {}
