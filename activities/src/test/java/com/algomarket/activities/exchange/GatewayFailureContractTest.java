package com.algomarket.activities.exchange;

import static com.algomarket.activities.support.GatewayTestSupport.assertFails;
import static com.algomarket.activities.support.GatewayTestSupport.assertRateLimited;
import static com.algomarket.activities.support.GatewayTestSupport.baseUrl;
import static com.algomarket.activities.support.GatewayTestSupport.endpoint;
import static com.algomarket.activities.support.GatewayTestSupport.generousLimiter;
import static com.algomarket.activities.support.GatewayTestSupport.market;
import static com.algomarket.activities.support.GatewayTestSupport.tooManyRequests;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.algomarket.activities.exchange.binance.BinanceGateway;
import com.algomarket.activities.exchange.bitstamp.BitstampGateway;
import com.algomarket.activities.exchange.bitvavo.BitvavoGateway;
import com.algomarket.activities.exchange.coinbase.CoinbaseGateway;
import com.algomarket.activities.exchange.kraken.KrakenGateway;
import com.algomarket.activities.exchange.kucoin.KucoinGateway;
import com.algomarket.activities.exchange.transport.ExchangeHttpClient;
import com.algomarket.activities.support.EcKeys;
import com.algomarket.activities.support.LocalExchange;
import com.algomarket.workflows.exchange.ClientOrderIds;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.exchange.ExchangeFailure;
import com.algomarket.workflows.orders.Side;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every venue's gateway must make of answers that are not the venue's own: an order whose answer is a server
 * error may exist (UNKNOWN, looked up before any retry), a read that fails so is safe to repeat (UNAVAILABLE), and an
 * HTTP 429 waits as long as its Retry-After says. Each venue is a local double that answers every request alike, so
 * these hold whatever calls a gateway makes on the way; what a venue says in its own error codes is tested per venue.
 */
class GatewayFailureContractTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    /** A venue: how its gateway is made at a base URL, a key it can sign with, and a symbol it trades. */
    record Venue(String name, Function<URI, ExchangeGateway> gateway, ApiCredentials credentials, String symbol) {

        @Override
        public String toString() {
            return name;
        }
    }

    @RegisterExtension
    final LocalExchange exchange = new LocalExchange();

    static Stream<Venue> venues() {
        return Stream.of(
                new Venue(
                        "Binance",
                        url -> new BinanceGateway(
                                Exchange.BINANCE, endpoint(url), generousLimiter(Exchange.BINANCE), Clock.systemUTC()),
                        new ApiCredentials("binance-key", "binance-secret", null),
                        "BTC/EUR"),
                new Venue(
                        "Bitstamp",
                        url -> new BitstampGateway(
                                endpoint(url), generousLimiter(Exchange.BITSTAMP), Clock.systemUTC()),
                        new ApiCredentials("bitstamp-key", "bitstamp-secret", null),
                        "BTC/EUR"),
                new Venue(
                        "Bitvavo",
                        url -> new BitvavoGateway(
                                URI.create(url + "/v2"),
                                1702L,
                                generousLimiter(Exchange.BITVAVO),
                                new ExchangeHttpClient(Exchange.BITVAVO, TIMEOUT, TIMEOUT),
                                Clock.systemUTC()),
                        new ApiCredentials("bitvavo-key", "bitvavo-secret", null),
                        "BTC/EUR"),
                new Venue(
                        "Coinbase",
                        url -> new CoinbaseGateway(
                                url,
                                generousLimiter(Exchange.COINBASE),
                                new ExchangeHttpClient(Exchange.COINBASE, TIMEOUT, TIMEOUT),
                                Clock.systemUTC()),
                        new ApiCredentials("organizations/org/apiKeys/key", EcKeys.sec1Pem(EcKeys.p256KeyPair()), null),
                        "BTC/EUR"),
                new Venue(
                        "Kraken",
                        url -> new KrakenGateway(endpoint(url), generousLimiter(Exchange.KRAKEN), Clock.systemUTC()),
                        new ApiCredentials(
                                "kraken-key",
                                Base64.getEncoder().encodeToString("kraken-secret".getBytes(StandardCharsets.UTF_8)),
                                null),
                        "BTC/EUR"),
                new Venue(
                        "KuCoin",
                        url -> new KucoinGateway(endpoint(url), generousLimiter(Exchange.KUCOIN), Clock.systemUTC()),
                        new ApiCredentials("kucoin-key", "kucoin-secret", "kucoin passphrase"),
                        "BTC/USDT"));
    }

    @ParameterizedTest
    @MethodSource("venues")
    void givenServerErrors_whenAnOrderIsPlaced_thenUnknownBecauseTheOrderMayExist(Venue venue) {
        exchange.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(502).withBody("<html>Bad Gateway</html>")));
        ExchangeGateway gateway = venue.gateway().apply(baseUrl(exchange));
        OrderRequest order =
                market(venue.symbol(), Side.BUY, "0.01", ClientOrderIds.forBusinessKey("order-" + venue.name()));

        assertFails(() -> gateway.placeOrder(venue.credentials(), order), ExchangeFailure.UNKNOWN);
    }

    @ParameterizedTest
    @MethodSource("venues")
    void givenServerErrors_whenRead_thenUnavailableBecauseAReadIsSafeToRepeat(Venue venue) {
        exchange.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));
        ExchangeGateway gateway = venue.gateway().apply(baseUrl(exchange));

        assertFails(() -> gateway.lastPrice(venue.credentials(), venue.symbol()), ExchangeFailure.UNAVAILABLE);
        assertFails(() -> gateway.instrumentRules(venue.credentials(), venue.symbol()), ExchangeFailure.UNAVAILABLE);
        assertFails(() -> gateway.balances(venue.credentials()), ExchangeFailure.UNAVAILABLE);
    }

    /** Bitvavo sends no Retry-After: it waits until its own reset time (BitvavoGatewayTest). */
    static Stream<Venue> venuesThatSendRetryAfter() {
        return venues().filter(venue -> !venue.name().equals("Bitvavo"));
    }

    @ParameterizedTest
    @MethodSource("venuesThatSendRetryAfter")
    void givenHttp429WithRetryAfter_whenBalancesRead_thenRateLimitedForThatLong(Venue venue) {
        exchange.stubFor(any(anyUrl()).willReturn(tooManyRequests(7, "Too Many Requests")));
        ExchangeGateway gateway = venue.gateway().apply(baseUrl(exchange));

        assertRateLimited(() -> gateway.balances(venue.credentials()), Duration.ofSeconds(7));
    }
}
