package com.algomarket.db.support;

import com.algomarket.db.orders.ImportedFill;
import com.algomarket.db.orders.NewOrder;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.orders.TimeInForce;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** New orders for the repositories' tests: 0.2 BTC/EUR on the paper venue, each with ids of its own. */
public final class NewOrders {

    private NewOrders() {}

    /** An order of the portfolio, its client order id and workflow id derived from a fresh id, without a signal. */
    public static NewOrder paper(
            UUID portfolio, Side side, OrderType type, TimeInForce timeInForce, BigDecimal limitPrice) {
        UUID id = UUID.randomUUID();
        return new NewOrder(
                id,
                portfolio,
                null,
                "a1a0c0de-" + id.toString().substring(9),
                Exchange.PAPER,
                "BTC/EUR",
                side,
                type,
                timeInForce,
                new BigDecimal("0.2"),
                limitPrice,
                null,
                "order-" + id);
    }

    /** A trade of an order at the exchange, with a fee of 0.01 EUR. */
    public static ImportedFill fill(String tradeId, String price, String quantity, OffsetDateTime executedAt) {
        return new ImportedFill(
                tradeId, new BigDecimal(price), new BigDecimal(quantity), new BigDecimal("0.01"), "EUR", executedAt);
    }
}
