package com.algomarket.api.support;

import com.algomarket.activities.paper.BinanceApiServer;
import com.algomarket.activities.paper.PaperExchange;
import com.algomarket.activities.paper.PaperFaults;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
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

    /** The running venue: its book and accounts, the faults it injects, and the server in front of them. */
    record Venue(PaperExchange exchange, PaperFaults faults, BinanceApiServer server) implements AutoCloseable {

        /** A venue with the default markets, seeded, on a free loopback port. */
        public static Venue start(long seed, int weightPerMinute) {
            PaperExchange exchange = PaperExchange.withDefaultMarkets(Clock.systemUTC(), seed, 0);
            PaperFaults faults = new PaperFaults(seed);
            return new Venue(
                    exchange, faults, BinanceApiServer.start(exchange, faults, Clock.systemUTC(), weightPerMinute, 0));
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
