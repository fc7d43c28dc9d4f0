package com.algomarket.activities.config;

import com.algomarket.activities.exchange.transport.RestEndpoint;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the exchanges are and how long a call to one may take ({@code algomarket.exchanges.*}; the defaults and their
 * reasons are in application.yml).
 *
 * @param maxRateLimitWait the longest an order waits for the local rate limiter before it fails RATE_LIMITED
 * @param bitvavoOperatorId our name for this system as the trader in a Bitvavo account, sent with every order change
 * @param paperUrl a paper venue elsewhere; empty: the one this process serves, if any
 * @param paperWebSocketUrl that venue's WebSocket API; empty: the one this process serves, if any
 */
@ConfigurationProperties("algomarket.exchanges")
record ExchangeProperties(
        Duration connectTimeout,
        Duration readTimeout,
        Duration maxRateLimitWait,
        URI binanceUrl,
        URI coinbaseUrl,
        URI krakenUrl,
        URI bitstampUrl,
        URI bitvavoUrl,
        long bitvavoOperatorId,
        URI kucoinUrl,
        String paperUrl,
        URI binanceWebSocketUrl,
        String paperWebSocketUrl) {

    ExchangeProperties {
        // An empty PAPER_URL may bind as null: both mean "the venue this process serves".
        paperUrl = paperUrl == null ? "" : paperUrl;
        paperWebSocketUrl = paperWebSocketUrl == null ? "" : paperWebSocketUrl;
    }

    /** The REST API at {@code baseUrl}, called with these timeouts. */
    RestEndpoint endpoint(URI baseUrl) {
        return new RestEndpoint(baseUrl, connectTimeout, readTimeout);
    }
}
