package com.algomarket.activities.streams;

import static com.algomarket.activities.support.GatewayTestSupport.baseUrl;
import static com.algomarket.activities.support.GatewayTestSupport.generousLimiter;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.algomarket.activities.connections.KeyRevocations;
import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.Balance;
import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeGateway;
import com.algomarket.activities.exchange.kraken.KrakenGateway;
import com.algomarket.activities.exchange.transport.RestEndpoint;
import com.algomarket.activities.support.LocalExchange;
import com.algomarket.db.streams.AccountStreamRepository;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.exchange.ExchangeFailure;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The account poller against a local Kraken (whose OpenOrders and TradesHistory cover the whole account) and the
 * database sink with its repository and signals mocked: what one interval costs the venue, and which trades reach the
 * order workflows how often.
 */
class AccountPollerTest {

    private static final String SECRET = Base64.getEncoder()
            .encodeToString("a Kraken private key for the account poller tests.".getBytes(StandardCharsets.UTF_8));
    private static final UUID CONNECTION = UUID.randomUUID();
    private static final long NOW = Instant.now().getEpochSecond();

    @RegisterExtension
    final LocalExchange kraken = new LocalExchange();

    private final AccountStreamRepository repository = mock(AccountStreamRepository.class);
    private final OrderExecutionSignals signals = mock(OrderExecutionSignals.class);
    private KrakenGateway gateway;

    @BeforeEach
    void stubKraken() {
        gateway = newGateway();
        kraken.stubFor(get(urlPathEqualTo("/0/public/AssetPairs")).willReturn(okJson("""
                {"error":[],"result":{"XXBTZEUR":{"altname":"XBTEUR","wsname":"XBT/EUR","base":"XXBT",
                 "quote":"ZEUR","pair_decimals":1,"lot_decimals":8,"ordermin":"0.0001","status":"online"}}}""")));
        kraken.stubFor(get(urlPathEqualTo("/0/public/Assets")).willReturn(okJson("""
                {"error":[],"result":{"XXBT":{"aclass":"currency","altname":"XBT","decimals":10},
                 "ZEUR":{"aclass":"currency","altname":"EUR","decimals":4}}}""")));
        kraken.stubFor(post(urlPathEqualTo("/0/private/BalanceEx")).willReturn(okJson("""
                {"error":[],"result":{"XXBT":{"balance":"0.5","hold_trade":"0.1"},
                 "ZEUR":{"balance":"1000.0","hold_trade":"0.0"}}}""")));
        when(repository.symbolsToCatchUp(eq(CONNECTION), any())).thenReturn(List.of("BTC/EUR"));
        when(repository.lastExecutionAt(CONNECTION)).thenReturn(Optional.empty());
    }

    @Test
    void givenOneOrTwentyRestingOrders_whenTheAccountIsRead_thenEachIntervalCostsTheVenueTheSameCalls() {
        List<Integer> oneOrder = requestsPerInterval(1);
        List<Integer> twentyOrders = requestsPerInterval(20);

        assertThat(twentyOrders).isEqualTo(oneOrder);
        // From the second interval on: OpenOrders, TradesHistory and BalanceEx, one each (pair and asset names kept).
        assertThat(oneOrder.get(1)).isEqualTo(3);
        assertThat(oneOrder.get(2)).isEqualTo(3);
    }

    @Test
    void givenATradeListedInTwoReads_whenPolled_thenItsOrderIsSignalledOnceAndALaterTradeOnceToo() {
        stubOpenOrders(1);
        stubTrades(trade("T1", "O1", NOW - 30));
        AccountPoller poller = poller();

        poller.read();
        stubTrades(trade("T1", "O1", NOW - 30), trade("T2", "O1", NOW - 5));
        poller.read();
        poller.read();

        verify(signals, times(1)).signal(eq(CONNECTION), argThat(execution -> "T1".equals(execution.tradeId())));
        verify(signals, times(1)).signal(eq(CONNECTION), argThat(execution -> "T2".equals(execution.tradeId())));
        verify(repository, times(2)).recordExecution(any());
        verify(repository, times(3)).storeWholeAccount(eq(CONNECTION), any(), any(), any());
    }

    @Test
    void givenAPollerThatStopped_whenANewOneStarts_thenItReadsFromTheLastRecordedTradeAndReportsWhatItMissed() {
        stubOpenOrders(1);
        stubTrades(trade("T1", "O1", NOW - 600));
        poller().read();
        // The worker holding the poller dies; meanwhile the order fills further at the exchange.
        Instant lastRecorded = Instant.ofEpochSecond(NOW - 600);
        when(repository.lastExecutionAt(CONNECTION)).thenReturn(Optional.of(lastRecorded.atOffset(ZoneOffset.UTC)));
        stubTrades(trade("T1", "O1", NOW - 600), trade("T2", "O1", NOW - 300));

        poller().read();

        verify(signals, times(1)).signal(eq(CONNECTION), argThat(execution -> "T2".equals(execution.tradeId())));
        String start = Long.toString(lastRecorded.minus(Duration.ofMinutes(1)).getEpochSecond() - 1);
        kraken.verify(postRequestedFor(urlPathEqualTo("/0/private/TradesHistory"))
                .withRequestBody(containing("start=" + start)));
    }

    @Test
    void givenAnOrderThatLeftTheBookUnfilled_whenPolled_thenItsCancelIsSignalledOnceAfterOneLookup() {
        stubOpenOrders(1);
        stubTrades();
        AccountPoller poller = poller();
        poller.read();
        stubOpenOrders(0);
        kraken.stubFor(post(urlPathEqualTo("/0/private/QueryOrders"))
                .willReturn(okJson("""
                {"error":[],"result":{"O0":%s}}""".formatted(orderInfo("canceled")))));

        poller.read();
        poller.read();

        verify(signals, times(1))
                .signal(
                        eq(CONNECTION),
                        argThat(execution -> "O0".equals(execution.exchangeOrderId())
                                && "CANCELED".equals(execution.orderStatus())));
        kraken.verify(1, postRequestedFor(urlPathEqualTo("/0/private/QueryOrders")));
    }

    @Test
    void givenNoOrderOfOurs_whenPolled_thenOnlyTheBalancesAreRead() {
        when(repository.symbolsToCatchUp(eq(CONNECTION), any())).thenReturn(List.of());

        poller().read();

        kraken.verify(0, postRequestedFor(urlPathEqualTo("/0/private/OpenOrders")));
        kraken.verify(0, postRequestedFor(urlPathEqualTo("/0/private/TradesHistory")));
        kraken.verify(1, postRequestedFor(urlPathEqualTo("/0/private/BalanceEx")));
        verify(signals, never()).signal(any(), any());
    }

    @Test
    void givenItRuns_whenTheKeyIsRefusedAndThenWorks_thenTheConnectionIsToldAndReadsGoOnEachIntervalUntilStopped()
            throws InterruptedException {
        ExchangeGateway venue = mock(ExchangeGateway.class);
        when(venue.balances(any()))
                .thenThrow(new ExchangeCallException(ExchangeFailure.AUTH, "Kraken: EAPI:Invalid key"))
                .thenReturn(List.of(new Balance("EUR", BigDecimal.TEN, BigDecimal.ZERO)));
        AccountEventSink sink = mock(AccountEventSink.class);
        CatchUpScope scope = mock(CatchUpScope.class);
        when(scope.symbols(CONNECTION)).thenReturn(List.of());
        when(scope.tradesSince(CONNECTION)).thenReturn(Instant.now());
        Duration quick = Duration.ofMillis(20);
        AccountPoller poller = new AccountPoller(
                new AccountSource(
                        CONNECTION,
                        () -> new ApiCredentials("kraken-key", SECRET, null),
                        venue,
                        scope,
                        sink,
                        Clock.systemUTC()),
                new AccountPoller.Settings(quick, Duration.ofMinutes(1), quick, quick, quick));
        AtomicBoolean running = new AtomicBoolean(true);

        Thread thread = Thread.ofVirtual().start(() -> poller.run(AccountStream.Control.whileTrue(running::get)));
        verify(sink, timeout(10_000)).keyRefused(CONNECTION, "Kraken: EAPI:Invalid key");
        verify(sink, timeout(10_000).atLeast(3)).caughtUp(eq(CONNECTION), any());
        running.set(false);
        thread.join(Duration.ofSeconds(10));

        assertThat(thread.isAlive()).isFalse();
        assertThat(poller.status().connected()).isTrue();
        assertThat(poller.status().reconnects()).isEqualTo(0);
    }

    /** Three intervals of a fresh poller with {@code resting} orders open and as many trades listed. */
    private List<Integer> requestsPerInterval(int resting) {
        stubOpenOrders(resting);
        stubTrades(IntStream.range(0, resting)
                .mapToObj(i -> trade("T" + i, "O" + i, NOW - 60 + i))
                .toArray(String[]::new));
        gateway = newGateway(); // as a new worker would have it: nothing learnt from the previous count is kept
        AccountPoller poller = poller();
        List<Integer> requests = new ArrayList<>();
        for (int interval = 0; interval < 3; interval++) {
            kraken.resetRequests();
            poller.read();
            requests.add(kraken.countRequestsMatching(anyRequestedFor(anyUrl()).build())
                    .getCount());
        }
        return requests;
    }

    private KrakenGateway newGateway() {
        return new KrakenGateway(
                // Generous timeouts: the machine may be busy, and a read that times out here would prove nothing.
                new RestEndpoint(baseUrl(kraken), Duration.ofSeconds(10), Duration.ofSeconds(10)),
                generousLimiter(Exchange.KRAKEN),
                Clock.systemUTC());
    }

    private AccountPoller poller() {
        DatabaseAccountEventSink sink =
                new DatabaseAccountEventSink(repository, Exchange.KRAKEN, mock(KeyRevocations.class), signals);
        return new AccountPoller(
                new AccountSource(
                        CONNECTION,
                        () -> new ApiCredentials("kraken-key", SECRET, null),
                        gateway,
                        sink,
                        sink,
                        Clock.systemUTC()),
                AccountPoller.Settings.every(Duration.ofSeconds(15)));
    }

    private void stubOpenOrders(int count) {
        String open = String.join(
                ",",
                IntStream.range(0, count)
                        .mapToObj(i -> "\"O" + i + "\":" + orderInfo("open"))
                        .toList());
        kraken.stubFor(post(urlPathEqualTo("/0/private/OpenOrders"))
                .willReturn(okJson("{\"error\":[],\"result\":{\"open\":{" + open + "}}}")));
    }

    private void stubTrades(String... trades) {
        kraken.stubFor(post(urlPathEqualTo("/0/private/TradesHistory"))
                .willReturn(okJson("{\"error\":[],\"result\":{\"trades\":{" + String.join(",", trades) + "},\"count\":"
                        + trades.length + "}}")));
    }

    private static String trade(String tradeId, String orderId, long epochSecond) {
        return """
                "%s":{"ordertxid":"%s","pair":"XXBTZEUR","time":%d.25,"type":"buy","ordertype":"limit",
                 "price":"60000.0","cost":"60.0","fee":"0.15","vol":"0.001","margin":"0","misc":""}""".formatted(tradeId, orderId, epochSecond);
    }

    private static String orderInfo(String status) {
        return """
                {"refid":null,"userref":0,"cl_ord_id":null,"status":"%s","opentm":%d.5,"closetm":0,
                 "starttm":0,"expiretm":0,"descr":{"pair":"XBTEUR","type":"buy","ordertype":"limit",
                 "price":"60000.0","price2":"0","leverage":"none","order":"buy 0.01 XBTEUR @ limit 60000.0",
                 "close":""},"vol":"0.01","vol_exec":"0.0","cost":"0.0","fee":"0.0","price":"0.0",
                 "stopprice":"0.0","limitprice":"0.0","misc":"","oflags":"fciq","reason":null}""".formatted(status, NOW - 3600);
    }
}
