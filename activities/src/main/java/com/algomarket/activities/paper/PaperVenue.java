package com.algomarket.activities.paper;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import lombok.Getter;
import lombok.extern.slf4j.Slf4j;

/**
 * The paper venue this app serves in the embedded default: a {@link PaperExchange} behind Binance's REST API on its
 * own port of 127.0.0.1, with prices that tick. PAPER connections reach it through XChange like any Binance account;
 * its portal ({@link PaperPortal}) creates keys, injects faults and moves markets.
 */
@Slf4j
public final class PaperVenue implements AutoCloseable {

    /** Where the venue listens, published for the API's paper portal, which forwards to {@link PaperPortal}. */
    public static final String URL_PROPERTY = "algomarket.paper.url";

    /** Where the venue's WebSocket API (the user-data stream) listens, for the worker's stream clients. */
    public static final String WEBSOCKET_URL_PROPERTY = "algomarket.paper.websocket-url";

    @Getter
    private final PaperExchange exchange;

    @Getter
    private final PaperFaults faults;

    @Getter
    private final PaperStats stats = new PaperStats();

    private final BinanceApiServer api;
    private final BinanceWebSocketApi webSocketApi;
    private final ScheduledExecutorService ticker;

    public PaperVenue(Clock clock, int port, int weightPerMinute, double volatility, Duration tick) {
        long seed = new SecureRandom().nextLong();
        this.exchange = PaperExchange.withDefaultMarkets(clock, seed, volatility);
        this.faults = new PaperFaults(seed);
        this.api = BinanceApiServer.start(exchange, faults, stats, clock, weightPerMinute, port);
        // Like Binance's ws-api host beside its REST host: a port of its own (any free one).
        this.webSocketApi = BinanceWebSocketApi.start(exchange, faults, stats, clock, 0);
        api.serve(PaperPortal.PATH, new PaperPortal(exchange, faults, stats));
        this.ticker = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("paper-venue-tick").daemon().factory());
        ticker.scheduleAtFixedRate(this::tick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
        log.info(
                "Paper venue (Binance API) listening on {}, its WebSocket API on {}",
                api.baseUrl(),
                webSocketApi.url());
    }

    public String baseUrl() {
        return api.baseUrl();
    }

    public String webSocketUrl() {
        return webSocketApi.url();
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
        webSocketApi.close();
        api.close();
    }
}
