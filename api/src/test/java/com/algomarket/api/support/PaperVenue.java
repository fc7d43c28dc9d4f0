package com.algomarket.api.support;

import com.algomarket.activities.paper.BinanceApiServer;
import com.algomarket.activities.paper.BinanceWebSocketApi;
import com.algomarket.activities.paper.PaperExchange;
import com.algomarket.activities.paper.PaperFaults;
import com.algomarket.activities.paper.PaperOrder;
import com.algomarket.activities.paper.PaperStats;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.time.Clock;

/**
 * A paper venue of the test class's own, served over Binance's REST API and user-data stream in this JVM, and the
 * app's PAPER exchange pointed at it ({@code algomarket.exchanges.paper-url}). It starts with the app and stops when
 * the app closes (after the class, see {@link RealServers}). Tests autowire the {@link Venue}, and a
 * {@link PaperSubscribers} that makes users subscribed to an algorithm on it.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface PaperVenue {

    /** Seeds the venue's markets and its faults, so that a run can be repeated. */
    long seed();

    /** The request weight per minute the venue allows each key before it answers 429. */
    int weightPerMinute() default 60_000;

    /**
     * The running venue: its book and accounts, the faults it injects, the servers in front of them (REST, and the
     * WebSocket API with the user-data stream) and what they have been asked.
     */
    record Venue(
            PaperExchange exchange,
            PaperFaults faults,
            BinanceApiServer server,
            BinanceWebSocketApi webSocketApi,
            PaperStats stats)
            implements AutoCloseable {

        /** A venue with the default markets, seeded, on free loopback ports. */
        public static Venue start(long seed, int weightPerMinute) {
            PaperExchange exchange = PaperExchange.withDefaultMarkets(Clock.systemUTC(), seed, 0);
            PaperFaults faults = new PaperFaults(seed);
            PaperStats stats = new PaperStats();
            return new Venue(
                    exchange,
                    faults,
                    BinanceApiServer.start(exchange, faults, stats, Clock.systemUTC(), weightPerMinute, 0),
                    BinanceWebSocketApi.start(exchange, faults, stats, Clock.systemUTC(), 0),
                    stats);
        }

        /**
         * A BTC/EUR buy placed at the venue straight from the test, as the key's owner would place it by hand: a GTC
         * limit order at {@code limitPrice}, or a market order when it is null.
         */
        public PaperOrder placeBuy(PaperExchange.ApiKey key, String clientOrderId, String quantity, String limitPrice) {
            return exchange.placeOrder(
                    key.apiKey(),
                    new PaperExchange.NewOrder(
                            "BTCEUR",
                            "BUY",
                            limitPrice == null ? "MARKET" : "LIMIT",
                            limitPrice == null ? null : "GTC",
                            new BigDecimal(quantity),
                            limitPrice == null ? null : new BigDecimal(limitPrice),
                            null,
                            clientOrderId));
        }

        @Override
        public void close() {
            webSocketApi.close();
            server.close();
        }
    }
}
