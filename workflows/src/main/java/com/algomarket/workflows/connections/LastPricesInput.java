package com.algomarket.workflows.connections;

import java.util.List;

/** The symbols ({@code BTC/EUR}) whose last price to read at the connection's exchange. */
public record LastPricesInput(String connectionId, List<String> symbols) {}
