package com.algomarket.workflows.exchange;

import com.algomarket.workflows.orders.OrderType;

/** The venues a connection can point at. PAPER is our Binance-compatible paper venue. */
public enum Exchange {
    BINANCE(true),
    COINBASE(true),
    KRAKEN(true),
    BITSTAMP(false),
    KUCOIN(false),
    BITVAVO(true),
    PAPER(true);

    /**
     * Whether our gateway places a stop-limit order there: Binance and the paper venue as STOP_LOSS_LIMIT, Kraken as
     * stop-loss-limit (trigger in price, limit in price2), Coinbase as stop_limit_stop_limit_gtc, Bitvavo as
     * stopLossLimit. Bitstamp's API has no stop-limit order, and KuCoin's are a separate stop-order API that our
     * gateway does not speak, so a signal that needs one is refused when it is posted, not at each portfolio.
     */
    private final boolean stopLimit;

    Exchange(boolean stopLimit) {
        this.stopLimit = stopLimit;
    }

    /**
     * Whether an order of {@code type} can be placed on this exchange through our gateway. A TRAILING_STOP can be
     * everywhere: its workflow follows the price and places a MARKET or LIMIT exit, which every exchange has.
     */
    public boolean supports(OrderType type) {
        return type != OrderType.STOP_LIMIT || stopLimit;
    }
}
