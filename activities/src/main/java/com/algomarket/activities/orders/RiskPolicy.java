package com.algomarket.activities.orders;

import com.algomarket.db.ledger.LedgerFunds;
import com.algomarket.db.portfolios.RiskLimits;
import com.algomarket.workflows.connections.ConnectionStatus;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.RiskDecision;
import com.algomarket.workflows.portfolios.PortfolioStatus;
import java.math.BigDecimal;

/**
 * The pre-trade risk rules of an order, as a pure function of the facts the order activity gathered and the
 * portfolio's limits: no database, no exchange, no clock. The rules run in a fixed order and the first that fails
 * names the refusal.
 *
 * <p>The account's free balance ({@link #checkFunds}) is the account stream's, kept in the database, or where no
 * stream vouches for it read from the exchange before the check (the venue's price is read then too), so that every
 * rule runs in one transaction under the portfolio's lock and no lock waits for an exchange. The portfolio's own ledger
 * ({@link #checkLedger}) is the very last rule.
 */
public final class RiskPolicy {

    private RiskPolicy() {}

    /**
     * What the activity knows about an order when it checks it.
     *
     * @param referencePrice the price the order is valued at (its sizing price, else its limit or stop); null for a
     *     market order that was not sized at a price, which the notional rules then cannot value
     * @param position the quantity of the base asset this portfolio holds
     * @param ordersLastMinute the portfolio's orders created in the last minute, this one not counted
     * @param realisedPnlToday the portfolio's realised profit (negative: loss) since midnight UTC
     */
    public record OrderFacts(
            String symbol,
            boolean buy,
            boolean flatten,
            BigDecimal quantity,
            BigDecimal referencePrice,
            PortfolioStatus portfolioStatus,
            boolean acceptsNewEntries,
            ConnectionStatus connectionStatus,
            BigDecimal position,
            int ordersLastMinute,
            BigDecimal realisedPnlToday) {}

    /** Every rule that needs no exchange: the portfolio's and connection's state, then the limits. */
    public static RiskDecision checkLimits(OrderFacts order, RiskLimits limits) {
        RiskDecision state = checkState(order);
        if (!state.approved()) {
            return state;
        }
        if (!order.buy() && order.quantity().compareTo(order.position()) > 0) {
            // The user's account may hold more than this portfolio bought: that is not the algorithm's to sell.
            return RiskDecision.refuse("sell of " + plain(order.quantity()) + " is above the portfolio's position of "
                    + plain(order.position()));
        }
        if (order.buy() && order.referencePrice() != null) {
            BigDecimal notional = order.quantity().multiply(order.referencePrice());
            if (notional.compareTo(limits.maxOrderNotional()) > 0) {
                return RiskDecision.refuse("order notional " + plain(notional) + " is above the maximum of "
                        + plain(limits.maxOrderNotional()));
            }
            BigDecimal position = order.position().add(order.quantity()).multiply(order.referencePrice());
            if (position.compareTo(limits.maxPositionNotional()) > 0) {
                return RiskDecision.refuse("position notional " + plain(position) + " would be above the maximum of "
                        + plain(limits.maxPositionNotional()));
            }
        }
        if (!order.flatten() && order.ordersLastMinute() >= limits.maxOrdersPerMinute()) {
            return RiskDecision.refuse("more than " + limits.maxOrdersPerMinute() + " orders in a minute");
        }
        BigDecimal lossToday = order.realisedPnlToday().negate();
        if (order.buy() && lossToday.compareTo(limits.dailyLossLimit()) >= 0) {
            return RiskDecision.refuse("daily loss limit of " + plain(limits.dailyLossLimit()) + " reached (lost "
                    + plain(lossToday) + " today): exits only until tomorrow (UTC)");
        }
        return RiskDecision.approve();
    }

    private static RiskDecision checkState(OrderFacts order) {
        if (order.flatten()) {
            // Closing a killed portfolio's positions: only sells, and no limit stands in the way of an exit.
            if (order.buy() || order.portfolioStatus() != PortfolioStatus.KILLED) {
                return RiskDecision.refuse("a flatten sells the positions of a KILLED portfolio only");
            }
        } else if (order.portfolioStatus() != PortfolioStatus.ACTIVE) {
            return RiskDecision.refuse("portfolio is " + order.portfolioStatus());
        }
        if (order.buy() && !order.acceptsNewEntries()) {
            return RiskDecision.refuse("the subscription has ended: exits only");
        }
        if (order.connectionStatus() != ConnectionStatus.ACTIVE) {
            return RiskDecision.refuse(
                    "connection is " + (order.connectionStatus() == null ? "missing" : order.connectionStatus()));
        }
        return RiskDecision.approve();
    }

    /**
     * The price a buy is valued at: the higher of the price it was sized at and the venue's live price (its best ask,
     * what the buy pays at least; the last trade where the gateway does not read the book), so that a
     * reference price that is stale, or forged, can never make an order look cheaper than the market sells it for.
     * Either may be null (not sized at a price; no live read): then the other.
     */
    public static BigDecimal valuationPrice(BigDecimal reference, BigDecimal live) {
        if (reference == null || live == null) {
            return reference == null ? live : reference;
        }
        return reference.max(live);
    }

    /**
     * A buy is never sent without the venue's price: a reference price alone may be stale, or forged by whoever reached
     * Temporal, and a buy valued at it alone could spend far more than the limits allow. Sells spend only the position,
     * which needs no price.
     */
    public static RiskDecision checkPriced(boolean buy, String symbol, BigDecimal market) {
        if (buy && market == null) {
            return RiskDecision.refuse("the venue gave no price for " + symbol + ": a buy is not valued without it");
        }
        return RiskDecision.approve();
    }

    /**
     * A stop must wait for the market to move: a buy stop at or below the market, or a sell stop at or above it, would
     * trigger at once, a market order in disguise.
     */
    public static RiskDecision checkStop(OrderType type, boolean buy, BigDecimal stopPrice, BigDecimal market) {
        boolean stop = type == OrderType.STOP_LOSS || type == OrderType.STOP_LIMIT;
        if (!stop || stopPrice == null || market == null) {
            return RiskDecision.approve();
        }
        if (buy && stopPrice.compareTo(market) <= 0) {
            return RiskDecision.refuse(
                    "buy stop " + plain(stopPrice) + " is at or below the market price " + plain(market));
        }
        if (!buy && stopPrice.compareTo(market) >= 0) {
            return RiskDecision.refuse(
                    "sell stop " + plain(stopPrice) + " is at or above the market price " + plain(market));
        }
        return RiskDecision.approve();
    }

    /** The asset the order spends: the quote currency for a buy, the base asset for a sell. */
    public static String spentAsset(OrderFacts order) {
        return spentAsset(order.symbol(), order.buy());
    }

    /** The asset an order of {@code symbol} (BASE/QUOTE) spends. */
    public static String spentAsset(String symbol, boolean buy) {
        String[] assets = symbol.split("/");
        return buy ? assets[1] : assets[0];
    }

    /** The last rule: the account's free balance of the {@link #spentAsset spent asset} covers the order. */
    public static RiskDecision checkFunds(OrderFacts order, BigDecimal free) {
        BigDecimal needed;
        if (order.buy()) {
            needed = order.referencePrice() == null
                    ? BigDecimal.ZERO
                    : order.quantity().multiply(order.referencePrice());
        } else {
            needed = order.quantity();
        }
        if (free.compareTo(needed) < 0) {
            return RiskDecision.refuse("free " + spentAsset(order) + " " + plain(free) + " is below " + plain(needed));
        }
        return RiskDecision.approve();
    }

    /** The refusal of a buy the portfolio's ledger cannot pay for. */
    public static final String INSUFFICIENT_BALANCE = "insufficient-balance";

    /**
     * The rule of the portfolio's own ledger, the account's balance being shared by every portfolio on the connection:
     * a buy spends no more than the portfolio's free quote after what its open buys reserve; a sell sells no more than
     * its position less what its open sells will sell.
     */
    public static RiskDecision checkLedger(OrderFacts order, LedgerFunds funds) {
        if (order.buy()) {
            BigDecimal needed = order.referencePrice() == null
                    ? BigDecimal.ZERO
                    : order.quantity().multiply(order.referencePrice());
            if (funds.freeQuote().compareTo(needed) < 0) {
                return RiskDecision.refuse(INSUFFICIENT_BALANCE + ": the portfolio's free " + spentAsset(order) + " "
                        + plain(funds.freeQuote()) + " after its open buys is below " + plain(needed));
            }
        } else if (order.quantity().compareTo(funds.sellable()) > 0) {
            return RiskDecision.refuse("sell of " + plain(order.quantity()) + " is above the portfolio's position of "
                    + plain(funds.position()) + " less its open sells of " + plain(funds.openSells()));
        }
        return RiskDecision.approve();
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
