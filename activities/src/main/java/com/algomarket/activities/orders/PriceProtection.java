package com.algomarket.activities.orders;

import com.algomarket.activities.exchange.InstrumentRules;
import com.algomarket.activities.exchange.OrderRequest;
import com.algomarket.db.orders.NewOrder;
import com.algomarket.db.portfolios.MarketBuyMargin;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.orders.TimeInForce;
import java.math.BigDecimal;

/**
 * What is sent to the exchange for an order: what its row says, except that a buy which would execute at the market
 * is bounded by the price its funds were reserved at.
 *
 * <p>Why: the pre-trade check reserves a market or stop-market buy at its price plus {@link MarketBuyMargin}'s
 * headroom, and the portfolio's ledger counts that much. A book that moves further between the check and the fill (a
 * stop that a gap jumps over, a market order sent as the price spikes) fills above the reservation and spends money
 * the ledger gave to no one: on an account that several portfolios share, another portfolio's. {@code
 * WorkflowPropertiesIT} found it in CI (1,001.22 of 1,000 EUR spent); before this class a buy stop reserved at 61,812
 * filled at 63,631.80 after a 6 % jump. So such a buy goes with a limit at its reserved price: a MARKET buy as a LIMIT
 * IOC (it takes what the book offers up to the limit, and the rest expires), a STOP_LOSS buy as a STOP_LIMIT (it rests
 * at the limit once triggered, until the order's timeout cancels it). Every exchange our gateways place stops on places
 * stop-limits too ({@link com.algomarket.workflows.exchange.Exchange#supports}). Sells are bounded by the position, not
 * the funds, and go as asked; so do buys with their own limit.
 */
final class PriceProtection {

    private PriceProtection() {}

    /** Whether {@code row}, reserved at {@code reservedPrice}, is sent with a protecting limit. */
    static boolean applies(NewOrder row, BigDecimal reservedPrice) {
        if (row.side() != Side.BUY || reservedPrice == null || reservedPrice.signum() <= 0) {
            return false;
        }
        // A stop that executes at the market is sent as a stop-limit, which its exchange must place.
        return MarketBuyMargin.executesAtMarket(row.type())
                && (row.type() != OrderType.STOP_LOSS || row.exchange().supports(OrderType.STOP_LIMIT));
    }

    /** The order as its row says it. */
    static OrderRequest asAsked(NewOrder row) {
        return new OrderRequest(
                row.symbol(),
                row.side(),
                row.type(),
                row.quantity(),
                row.limitPrice(),
                row.stopPrice(),
                row.timeInForce(),
                row.clientOrderId());
    }

    /**
     * The order with its protecting limit: the reserved price rounded down to the exchange's price step, so that
     * quantity times limit never exceeds the reservation. Only for an order that {@link #applies}.
     */
    static OrderRequest protect(NewOrder row, BigDecimal reservedPrice, InstrumentRules rules) {
        BigDecimal limit = rules.roundPrice(reservedPrice);
        boolean stop = row.type() == OrderType.STOP_LOSS;
        return new OrderRequest(
                row.symbol(),
                row.side(),
                stop ? OrderType.STOP_LIMIT : OrderType.LIMIT,
                row.quantity(),
                limit,
                row.stopPrice(),
                stop ? TimeInForce.GTC : TimeInForce.IOC,
                row.clientOrderId());
    }
}
