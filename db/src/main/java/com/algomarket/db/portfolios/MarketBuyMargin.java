package com.algomarket.db.portfolios;

import com.algomarket.workflows.orders.OrderType;
import java.math.BigDecimal;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The headroom a buy that executes at the market is reserved with. A market order (or a stop that becomes one) fills
 * at the ask and walks the book, so it costs more than the last price it was sized and checked at; reserved at that
 * price, three market buys that together came to a portfolio's whole size spent 1000.0998 of 1,000 EUR
 * (WorkflowPropertiesIT). Reserved at the price plus this margin, and sent with a limit at that reserved price
 * (activities' PriceProtection: a LIMIT IOC, a STOP_LIMIT), a buy spends at most its reservation; a book that moves
 * further than the margin leaves it unfilled or part-filled instead. A limit (or stop-limit) buy needs none: its limit
 * bounds what it pays.
 */
@Component
public class MarketBuyMargin {

    private final BigDecimal margin;

    public MarketBuyMargin(@Value("${algomarket.risk.market-buy-margin:0.02}") BigDecimal margin) {
        if (margin.signum() < 0 || margin.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("algomarket.risk.market-buy-margin must be in [0, 1): " + margin);
        }
        this.margin = margin;
    }

    /** The highest price a buy of this type is expected to pay, given the price it is valued at (null: null). */
    public BigDecimal worstBuyPrice(OrderType type, BigDecimal price) {
        if (price == null || !executesAtMarket(type)) {
            return price;
        }
        return price.multiply(BigDecimal.ONE.add(margin));
    }

    /** Whether an order of this type executes at the market: what the book offers then, not a price of its own. */
    public static boolean executesAtMarket(OrderType type) {
        return switch (type) {
            case MARKET, STOP_LOSS -> true;
            case LIMIT, STOP_LIMIT, TRAILING_STOP -> false;
        };
    }
}
