package com.algomarket.workflows.orders;

import java.math.BigDecimal;

/**
 * What the connection's account stream reports of this order, sent to its workflow as a signal: a trade ({@code
 * tradeId} set: its quantity, price and fee) or a change of the order's state without a trade (a cancel or expiry at the
 * exchange: {@code tradeId} null). {@code exchangeStatus} is the order's status at the exchange after the event, and
 * {@code cumulativeQuantity} how much of it has filled by then; both are null where the event did not say (a trade a
 * catch-up read found). The workflow counts each trade once by its id: a stream may deliver an event twice, and a
 * reconnect's catch-up read reports again what the stream delivered.
 */
public record OrderExecution(
        String tradeId,
        String exchangeOrderId,
        BigDecimal quantity,
        BigDecimal price,
        BigDecimal fee,
        String feeAsset,
        OrderStatus exchangeStatus,
        BigDecimal cumulativeQuantity) {}
