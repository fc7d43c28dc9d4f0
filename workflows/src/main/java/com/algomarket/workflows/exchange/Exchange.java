package com.algomarket.workflows.exchange;

/** The venues a connection can point at. PAPER is our Binance-compatible paper venue. */
public enum Exchange {
    BINANCE,
    COINBASE,
    KRAKEN,
    BITSTAMP,
    KUCOIN,
    BITVAVO,
    PAPER
}
