package com.algomarket.activities.exchange.transport;

import java.net.URI;
import java.time.Duration;

/**
 * Where a venue's REST API is and how long a call there may take: what the gateways over XChange's REST machinery
 * (Binance, Kraken, Bitstamp, KuCoin) are given together and pass on together to the rescu proxies they make.
 *
 * @param baseUrl scheme, host and port, e.g. {@code https://api.kraken.com}
 * @param connectTimeout the longest a connection may take to open
 * @param readTimeout the longest a call may wait for its answer
 */
public record RestEndpoint(URI baseUrl, Duration connectTimeout, Duration readTimeout) {}
