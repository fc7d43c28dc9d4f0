package com.algomarket.activities.paper;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The paper venue this app serves in the embedded default: a {@link PaperExchange} behind Binance's REST API on its
 * own port of 127.0.0.1, with prices that tick. PAPER connections reach it through XChange like any Binance account;
 * its portal ({@link PaperPortal}) creates keys, injects faults and moves markets.
 */
public final class PaperVenue implements AutoCloseable {

    /** Where the venue listens, published for the API's paper portal, which forwards to {@link PaperPortal}. */
    public static final String URL_PROPERTY = "algomarket.paper.url";

    private static final Logger log = LoggerFactory.getLogger(PaperVenue.class);

    private final PaperExchange exchange;
    private final PaperFaults faults;
    private final BinanceApiServer api;
    private final ScheduledExecutorService ticker;

    public PaperVenue(Clock clock, int port, int weightPerMinute, double volatility, Duration tick) {
        long seed = new SecureRandom().nextLong();
        this.exchange = PaperExchange.withDefaultMarkets(clock, seed, volatility);
        this.faults = new PaperFaults(seed);
        this.api = BinanceApiServer.start(exchange, faults, clock, weightPerMinute, port);
        api.serve(PaperPortal.PATH, new PaperPortal(exchange, faults));
        this.ticker = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("paper-venue-tick").daemon().factory());
        ticker.scheduleAtFixedRate(this::tick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
        log.info("Paper venue (Binance API) listening on {}", api.baseUrl());
    }

    public PaperExchange exchange() {
        return exchange;
    }

    public PaperFaults faults() {
        return faults;
    }

    public String baseUrl() {
        return api.baseUrl();
    }

    private void tick() {
        try {
            exchange.tick();
        } catch (RuntimeException e) {
            // A failed tick must not end the schedule.
            log.warn("Paper venue tick failed", e);
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        api.close();
    }
}
