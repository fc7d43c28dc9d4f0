package com.algomarket.activities.streams;

import static com.algomarket.activities.support.GatewayTestSupport.limiter;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.binance.BinanceGateway;
import com.algomarket.activities.exchange.transport.ExchangeRateLimiter;
import com.algomarket.activities.exchange.transport.RateLimit;
import com.algomarket.activities.exchange.transport.RestEndpoint;
import com.algomarket.activities.paper.BinanceApiServer;
import com.algomarket.activities.paper.BinanceWebSocketApi;
import com.algomarket.activities.paper.PaperExchange;
import com.algomarket.activities.paper.PaperFaults;
import com.algomarket.activities.paper.PaperStats;
import com.algomarket.workflows.exchange.Exchange;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The worker's stream client against the paper venue's WebSocket API: what a fill reports, and what a dropped,
 * duplicated or refused stream does. The sink records in memory; the database sink has its IT.
 */
class BinanceAccountStreamPaperTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Clock clock = Clock.systemUTC();
    private final PaperExchange venue = PaperExchange.withDefaultMarkets(clock, 11, 0);
    private final PaperFaults faults = new PaperFaults(11);
    private final PaperStats stats = new PaperStats();
    private final UUID connectionId = UUID.randomUUID();
    private final Recording sink = new Recording();
    private BinanceApiServer rest;
    private BinanceWebSocketApi webSocketApi;
    private PaperExchange.ApiKey key;
    private Thread streamThread;
    private volatile boolean running = true;
    private BinanceAccountStream stream;

    @BeforeEach
    void startVenue() {
        rest = BinanceApiServer.start(venue, faults, stats, clock, 60_000, 0);
        webSocketApi = BinanceWebSocketApi.start(venue, faults, stats, clock, 0);
        key = venue.createKey(
                EnumSet.of(PaperExchange.Permission.READ, PaperExchange.Permission.TRADE),
                Map.of("EUR", new BigDecimal("100000")));
    }

    @AfterEach
    void stop() throws InterruptedException {
        running = false;
        if (streamThread != null) {
            streamThread.join(WAIT.toMillis());
        }
        webSocketApi.close();
        rest.close();
    }

    @Test
    void givenSubscribedStream_whenMarketOrderFills_thenTradeAndBalancesArrive() throws InterruptedException {
        startStream(new ApiCredentials(key.apiKey(), key.secret(), null));
        awaitConnected(1);

        venue.placeOrder(key.apiKey(), marketBuy("0.01", "c-1"));

        AccountEvent.Execution trade = sink.awaitExecution(e -> e.isTrade() && "FILLED".equals(e.orderStatus()));
        assertThat(trade.clientOrderId()).isEqualTo("c-1");
        assertThat(trade.symbol()).isEqualTo("BTCEUR");
        assertThat(trade.quantity()).isEqualByComparingTo("0.01");
        assertThat(trade.fee()).isPositive();
        assertThat(trade.feeAsset()).isEqualTo("EUR");
        assertThat(trade.source()).isEqualTo(AccountEvent.Source.STREAM);
        AccountEvent.Balances balances = sink.awaitBalances(b -> b.balances().stream()
                .anyMatch(balance ->
                        balance.asset().equals("BTC") && balance.free().compareTo(new BigDecimal("0.01")) == 0));
        assertThat(balances.balances()).extracting(b -> b.asset()).contains("EUR");
        PaperStats.Snapshot counted = stats.snapshot(venue);
        assertThat(counted.streams()).isEqualTo(1);
        assertThat(counted.orders()).isEqualTo(1);
        assertThat(counted.requests())
                .contains(new PaperStats.RequestCount(
                        "WS userDataStream.subscribe.signature", key.apiKey().substring(0, 8), 1));
    }

    @Test
    void givenStreamDroppedByFault_whenOrderFillsMeanwhile_thenReconnectAndCatchUpRecordsTheFill()
            throws InterruptedException {
        startStream(new ApiCredentials(key.apiKey(), key.secret(), null));
        awaitConnected(1);
        // The first event of the next order drops the connection: the NEW report and the trade are lost with it.
        faults.add(new PaperFaults.Fault(PaperFaults.STREAM, PaperFaults.Kind.LOST_RESPONSE, 1, null, 1));

        venue.placeOrder(key.apiKey(), marketBuy("0.02", "c-dropped"));

        AccountEvent.Execution recovered =
                sink.awaitExecution(e -> e.isTrade() && e.quantity().compareTo(new BigDecimal("0.02")) == 0);
        assertThat(faults.injected()).containsEntry(PaperFaults.Kind.LOST_RESPONSE, 1);
        assertThat(recovered.source()).isEqualTo(AccountEvent.Source.CATCH_UP);
        assertThat(stream.status().reconnects()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void givenDuplicateFault_whenOrderFills_thenTheSameTradeArrivesTwice() throws InterruptedException {
        startStream(new ApiCredentials(key.apiKey(), key.secret(), null));
        awaitConnected(1);
        faults.add(new PaperFaults.Fault(PaperFaults.STREAM, PaperFaults.Kind.DUPLICATE, 1, null, null));

        venue.placeOrder(key.apiKey(), marketBuy("0.01", "c-twice"));

        AccountEvent.Execution first = sink.awaitExecution(AccountEvent.Execution::isTrade);
        AccountEvent.Execution second = sink.awaitExecution(AccountEvent.Execution::isTrade);
        assertThat(second.tradeId()).isEqualTo(first.tradeId());
    }

    @Test
    void givenWrongSecret_whenSubscribing_thenRefusedAndRetriedWithoutConnecting() {
        startStream(new ApiCredentials(key.apiKey(), "x".repeat(64), null));

        PaperStats.RequestCount refused = awaitCount("WS userDataStream.subscribe.signature", 2);

        assertThat(refused.count()).isGreaterThanOrEqualTo(2);
        assertThat(stream.status().connects()).isZero();
        assertThat(stats.snapshot(venue).streams()).isZero();
    }

    @Test
    void givenADeletedKey_whenSubscribing_thenTheRefusalIsReportedAndTheRotatedKeyConnects()
            throws InterruptedException {
        PaperExchange.ApiKey rotated = venue.createKeyOfSameAccount(
                key.apiKey(), EnumSet.of(PaperExchange.Permission.READ, PaperExchange.Permission.TRADE));
        AtomicReference<ApiCredentials> current =
                new AtomicReference<>(new ApiCredentials(key.apiKey(), key.secret(), null));
        venue.deleteKey(key.apiKey());
        startStream(current::get);

        assertThat(sink.awaitRefusal()).contains("refused the key").doesNotContain(key.secret());

        current.set(new ApiCredentials(rotated.apiKey(), rotated.secret(), null));
        awaitConnected(1);
    }

    private void startStream(ApiCredentials credentials) {
        startStream(() -> credentials);
    }

    private void startStream(Supplier<ApiCredentials> credentials) {
        ExchangeRateLimiter limiter = limiter(Exchange.PAPER, RateLimit.perMinute(60_000), RateLimit.perSecond(50));
        BinanceGateway gateway = new BinanceGateway(
                Exchange.PAPER,
                new RestEndpoint(URI.create(rest.baseUrl()), Duration.ofSeconds(2), Duration.ofSeconds(2)),
                limiter,
                clock);
        CatchUpScope scope = new CatchUpScope() {
            @Override
            public List<String> symbols(UUID connection) {
                return List.of("BTC/EUR");
            }

            @Override
            public Instant tradesSince(UUID connection) {
                return Instant.now().minus(Duration.ofHours(1));
            }
        };
        stream = new BinanceAccountStream(
                new AccountSource(connectionId, credentials, gateway, scope, sink, clock),
                URI.create(webSocketApi.url()),
                new BinanceAccountStream.Settings(
                        Duration.ofSeconds(2), Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofMillis(100)));
        streamThread =
                Thread.ofVirtual().start(() -> stream.run(BinanceAccountStream.Control.whileTrue(() -> running)));
    }

    private void awaitConnected(long connects) throws InterruptedException {
        // Subscribed and caught up: the catch-up's balances are its last read and the first balances the sink sees.
        sink.awaitBalances(balances -> true);
        assertThat(stream.status().connects()).isEqualTo(connects);
    }

    private PaperStats.RequestCount awaitCount(String endpoint, long atLeast) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        PaperStats.RequestCount last = null;
        while (System.nanoTime() < deadline) {
            last = stats.snapshot(venue).requests().stream()
                    .filter(count -> count.endpoint().equals(endpoint))
                    .findFirst()
                    .orElse(null);
            if (last != null && last.count() >= atLeast) {
                return last;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("Fewer than " + atLeast + " " + endpoint + " within " + WAIT + ": " + last);
    }

    private static PaperExchange.NewOrder marketBuy(String quantity, String clientOrderId) {
        return new PaperExchange.NewOrder(
                "BTCEUR", "BUY", "MARKET", null, new BigDecimal(quantity), null, null, clientOrderId);
    }

    /** Keeps what the stream reports, in order, and lets the test wait for an event with a deadline. */
    private static final class Recording implements AccountEventSink {

        private final BlockingQueue<AccountEvent.Execution> executions = new LinkedBlockingQueue<>();
        private final BlockingQueue<AccountEvent.Balances> balances = new LinkedBlockingQueue<>();
        private final BlockingQueue<String> refusals = new LinkedBlockingQueue<>();

        @Override
        public void keyRefused(UUID connectionId, String exchangeMessage) {
            refusals.add(exchangeMessage);
        }

        String awaitRefusal() throws InterruptedException {
            return await(refusals, refusal -> true);
        }

        @Override
        public void execution(UUID connectionId, AccountEvent.Execution execution) {
            executions.add(execution);
        }

        @Override
        public void balances(UUID connectionId, AccountEvent.Balances update) {
            balances.add(update);
        }

        AccountEvent.Execution awaitExecution(Predicate<AccountEvent.Execution> wanted) throws InterruptedException {
            return await(executions, wanted);
        }

        AccountEvent.Balances awaitBalances(Predicate<AccountEvent.Balances> wanted) throws InterruptedException {
            return await(balances, wanted);
        }

        private static <T> T await(BlockingQueue<T> queue, Predicate<T> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            List<T> seen = new ArrayList<>();
            while (System.nanoTime() < deadline) {
                T next = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (next == null) {
                    break;
                }
                if (wanted.test(next)) {
                    return next;
                }
                seen.add(next);
            }
            throw new AssertionError("No matching event within " + WAIT + "; saw " + seen);
        }
    }
}
