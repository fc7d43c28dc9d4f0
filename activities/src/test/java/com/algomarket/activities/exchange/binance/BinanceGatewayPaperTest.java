package com.algomarket.activities.exchange.binance;

import static com.algomarket.activities.support.GatewayTestSupport.assertFails;
import static com.algomarket.activities.support.GatewayTestSupport.assertRateLimited;
import static com.algomarket.activities.support.GatewayTestSupport.limit;
import static com.algomarket.activities.support.GatewayTestSupport.limiter;
import static com.algomarket.activities.support.GatewayTestSupport.market;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeOrder;
import com.algomarket.activities.exchange.Fill;
import com.algomarket.activities.exchange.InstrumentRules;
import com.algomarket.activities.exchange.KeyPermissions;
import com.algomarket.activities.exchange.OrderRequest;
import com.algomarket.activities.exchange.transport.ExchangeRateLimiter;
import com.algomarket.activities.exchange.transport.RateLimit;
import com.algomarket.activities.exchange.transport.RestEndpoint;
import com.algomarket.activities.paper.BinanceApiServer;
import com.algomarket.activities.paper.PaperExchange;
import com.algomarket.activities.paper.PaperExchange.Permission;
import com.algomarket.activities.paper.PaperFaults;
import com.algomarket.activities.paper.PaperFaults.Fault;
import com.algomarket.activities.paper.PaperFaults.Kind;
import com.algomarket.workflows.exchange.ClientOrderIds;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.exchange.ExchangeFailure;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.orders.TimeInForce;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The paper venue through XChange's Binance module: the same code path a BINANCE connection takes, against a venue
 * whose faults we control.
 */
class BinanceGatewayPaperTest {

    private final Clock clock = Clock.systemUTC();
    private final PaperExchange venue = PaperExchange.withDefaultMarkets(clock, 7, 0);
    private final PaperFaults faults = new PaperFaults(7);
    private BinanceApiServer api;
    private BinanceGateway gateway;
    private ApiCredentials trader;

    @BeforeEach
    void startVenue() {
        api = BinanceApiServer.start(venue, faults, clock, 6_000, 0);
        gateway = gatewayTo(URI.create(api.baseUrl()));
        trader = credentials(venue.createKey(
                EnumSet.of(Permission.READ, Permission.TRADE),
                Map.of("EUR", new BigDecimal("100000"), "BTC", new BigDecimal("1"))));
    }

    @AfterEach
    void stopVenue() {
        api.close();
    }

    @Test
    void givenKeys_whenPermissionsRead_thenApiRestrictionsDecideTradeAndWithdraw() {
        assertThat(gateway.permissions(trader)).isEqualTo(new KeyPermissions(true, true, false));

        ApiCredentials withdrawing = credentials(
                venue.createKey(EnumSet.of(Permission.READ, Permission.TRADE, Permission.WITHDRAW), Map.of()));
        assertThat(gateway.permissions(withdrawing).withdraw()).isTrue();

        ApiCredentials readOnly = credentials(venue.createKey(EnumSet.of(Permission.READ), Map.of()));
        assertThat(gateway.permissions(readOnly).trade()).isFalse();
    }

    @Test
    void givenTwoKeysOfOneAccountAndAKeyOfAnother_whenAccountIdRead_thenTheAccountsUidTellsThemApart() {
        ApiCredentials sameAccount = credentials(
                venue.createKeyOfSameAccount(trader.apiKey(), EnumSet.of(Permission.READ, Permission.TRADE)));
        ApiCredentials otherAccount = credentials(venue.createKey(EnumSet.of(Permission.READ), Map.of()));

        assertThat(gateway.accountId(trader)).isPresent();
        assertThat(gateway.accountId(sameAccount)).isEqualTo(gateway.accountId(trader));
        assertThat(gateway.accountId(otherAccount)).isNotEqualTo(gateway.accountId(trader));
        assertThat(gateway.balances(sameAccount)).isEqualTo(gateway.balances(trader));
    }

    @Test
    void givenADeletedKey_whenCalled_thenAuthWhileTheAccountsOtherKeyStillWorks() {
        ApiCredentials second = credentials(
                venue.createKeyOfSameAccount(trader.apiKey(), EnumSet.of(Permission.READ, Permission.TRADE)));

        venue.deleteKey(trader.apiKey());

        assertFails(() -> gateway.balances(trader), ExchangeFailure.AUTH, "-2015");
        assertThat(gateway.balances(second))
                .anySatisfy(balance -> assertThat(balance.asset()).isEqualTo("EUR"));
    }

    @Test
    void givenWrongSecretOrUnknownKey_whenCalled_thenAuth() {
        ApiCredentials wrongSecret = new ApiCredentials(trader.apiKey(), "x".repeat(64), null);
        assertThatThrownBy(() -> gateway.balances(wrongSecret))
                .isInstanceOfSatisfying(ExchangeCallException.class, e -> {
                    assertThat(e.failure()).isEqualTo(ExchangeFailure.AUTH);
                    assertThat(e.exchangeCode()).isEqualTo("-1022");
                    assertThat(e.getMessage()).doesNotContain("x".repeat(64));
                });
        ApiCredentials unknown = new ApiCredentials("unknown-key", "y".repeat(64), null);
        assertFails(() -> gateway.permissions(unknown), ExchangeFailure.AUTH);
    }

    @Test
    void givenAccount_whenBalancesAndRulesRead_thenTheyMatchTheVenue() {
        assertThat(gateway.balances(trader)).anySatisfy(balance -> {
            assertThat(balance.asset()).isEqualTo("EUR");
            assertThat(balance.free()).isEqualByComparingTo("100000");
            assertThat(balance.locked()).isEqualByComparingTo("0");
        });
        InstrumentRules rules = gateway.instrumentRules(trader, "BTC/EUR");
        PaperExchange.MarketView market = venue.marketView("BTCEUR");
        assertThat(rules.priceStep()).isEqualByComparingTo(market.tickSize());
        assertThat(rules.quantityStep()).isEqualByComparingTo(market.stepSize());
        assertThat(rules.minNotional()).isEqualByComparingTo(market.minNotional());
        assertFails(() -> gateway.instrumentRules(trader, "DOGE/EUR"), ExchangeFailure.REJECTED);
    }

    @Test
    void givenVenueMarket_whenLastPriceRead_thenTheVenuesPriceAndAnUnknownSymbolIsRejected() {
        venue.setMarket("BTCEUR", new BigDecimal("61234.5"), null);

        assertThat(gateway.lastPrice(trader, "BTC/EUR")).isEqualByComparingTo("61234.5");
        assertThat(gateway.lastPrice(trader, "BTC/EUR"))
                .isEqualByComparingTo(venue.marketView("BTCEUR").price());
        assertFails(() -> gateway.lastPrice(trader, "DOGE/EUR"), ExchangeFailure.REJECTED, "-1121");
    }

    /** The book's best ask is what a market buy pays at least: one level (5 bp, rounded up to the tick) above. */
    @Test
    void givenVenueMarket_whenBestAskRead_thenTheFirstAskLevelWithDepthAndAnUnknownSymbolIsRejected() {
        venue.setMarket("BTCEUR", new BigDecimal("60000"), new BigDecimal("0.01"));

        assertThat(gateway.bestAsk(trader, "BTC/EUR"))
                .hasValueSatisfying(ask -> assertThat(ask).isEqualByComparingTo("60030"));
        gateway.placeOrder(trader, btcEurMarket(Side.BUY, "0.01", ClientOrderIds.forBusinessKey("ask-1")));
        assertThat(gateway.bestAsk(trader, "BTC/EUR"))
                .hasValueSatisfying(ask -> assertThat(ask).isEqualByComparingTo("60060"));
        assertFails(() -> gateway.bestAsk(trader, "DOGE/EUR"), ExchangeFailure.REJECTED, "-1121");
    }

    @Test
    void given5xxOnTheTicker_whenLastPriceRead_thenUnavailableAndTheNextReadSucceeds() {
        faults.add(new Fault("GET /api/v3/ticker/price", Kind.HTTP_5XX, 1, null, 1));

        assertFails(() -> gateway.lastPrice(trader, "BTC/EUR"), ExchangeFailure.UNAVAILABLE);
        assertThat(gateway.lastPrice(trader, "BTC/EUR")).isPositive();
    }

    @Test
    void givenThinBook_whenMarketBuyLargerThanIt_thenPartiallyFilledAndFillsAddUp() {
        venue.setMarket("BTCEUR", new BigDecimal("60000"), new BigDecimal("0.01")); // 10 levels x 0.01 BTC
        String clientOrderId = ClientOrderIds.forBusinessKey("partial-1");

        ExchangeOrder order = gateway.placeOrder(trader, btcEurMarket(Side.BUY, "0.5", clientOrderId));

        assertThat(order.clientOrderId()).isEqualTo(clientOrderId);
        assertThat(order.status()).isEqualTo(OrderStatus.EXPIRED); // Binance: the unfilled rest expires
        assertThat(order.filledQuantity()).isEqualByComparingTo("0.1");
        assertThat(order.averagePrice()).isBetween(new BigDecimal("60000"), new BigDecimal("60300"));
        List<Fill> fills = gateway.fillsForOrder(trader, "BTC/EUR", order.exchangeOrderId());
        assertThat(fills).hasSize(10);
        assertThat(fills.stream().map(Fill::quantity).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(order.filledQuantity());
        assertThat(fills).allSatisfy(fill -> assertThat(fill.fee()).isPositive());
        assertThat(gateway.fillsSince(trader, "BTC/EUR", Instant.now().minus(Duration.ofMinutes(1))))
                .extracting(Fill::tradeId)
                .containsExactlyInAnyOrderElementsOf(
                        fills.stream().map(Fill::tradeId).toList());
    }

    @Test
    void givenStopLimitSell_whenTheMarketFallsToTheStop_thenItRestsUntilThenAndSellsAtTheLimitOrBetter() {
        venue.setMarket("BTCEUR", new BigDecimal("60000"), new BigDecimal("0.5"));
        OrderRequest stopLimit = new OrderRequest(
                "BTC/EUR",
                Side.SELL,
                OrderType.STOP_LIMIT,
                new BigDecimal("0.2"),
                new BigDecimal("58900"),
                new BigDecimal("59000"),
                null,
                ClientOrderIds.forBusinessKey("stop-limit-1"));

        ExchangeOrder placed = gateway.placeOrder(trader, stopLimit);

        assertThat(placed.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(placed.type()).isEqualTo(OrderType.STOP_LIMIT);
        venue.setMarket("BTCEUR", new BigDecimal("59010"), null); // bids from 58980: the stop is crossed
        ExchangeOrder filled = gateway.orderByClientOrderId(trader, "BTC/EUR", stopLimit.clientOrderId())
                .orElseThrow();
        assertThat(filled.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(filled.type()).isEqualTo(OrderType.STOP_LIMIT);
        assertThat(gateway.fillsForOrder(trader, "BTC/EUR", filled.exchangeOrderId()))
                .allSatisfy(fill -> assertThat(fill.price()).isGreaterThanOrEqualTo(new BigDecimal("58900")));
    }

    @Test
    void givenRestingLimit_whenItFillsBeforeTheCancelArrives_thenCancelAnswersFilled() {
        ExchangeOrder resting = gateway.placeOrder(
                trader, btcEurLimit(Side.BUY, "0.1", "59000", ClientOrderIds.forBusinessKey("cancel-after-fill")));
        assertThat(resting.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(gateway.openOrders(trader, "BTC/EUR"))
                .extracting(ExchangeOrder::exchangeOrderId)
                .containsExactly(resting.exchangeOrderId());

        venue.setMarket("BTCEUR", new BigDecimal("58000"), null); // the market falls through the limit

        ExchangeOrder afterCancel = gateway.cancelOrder(trader, "BTC/EUR", resting.exchangeOrderId());
        assertThat(afterCancel.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(afterCancel.filledQuantity()).isEqualByComparingTo("0.1");
        assertThat(gateway.openOrders(trader, "BTC/EUR")).isEmpty();
    }

    @Test
    void givenRestingLimit_whenCancelled_thenCancelledAndFundsUnlocked() {
        ExchangeOrder resting = gateway.placeOrder(
                trader, btcEurLimit(Side.BUY, "0.1", "50000", ClientOrderIds.forBusinessKey("cancel-open")));

        ExchangeOrder cancelled = gateway.cancelOrder(trader, "BTC/EUR", resting.exchangeOrderId());

        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(venue.balances(trader.apiKey()).get("EUR")[1]).isEqualByComparingTo("0");
    }

    @Test
    void givenLostResponse_whenOrderPlaced_thenUnknownAndTheLookupFindsExactlyOneOrder() {
        faults.add(new Fault("POST /api/v3/order", Kind.LOST_RESPONSE, 1, null, 1));
        String clientOrderId = ClientOrderIds.forBusinessKey("lost-1");

        assertFails(
                () -> gateway.placeOrder(trader, btcEurMarket(Side.BUY, "0.05", clientOrderId)),
                ExchangeFailure.UNKNOWN);

        Optional<ExchangeOrder> found = gateway.orderByClientOrderId(trader, "BTC/EUR", clientOrderId);
        assertThat(found).hasValueSatisfying(order -> {
            assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
            assertThat(order.filledQuantity()).isEqualByComparingTo("0.05");
        });
        // The POST went out once: no transport-level resend created a second order under the same id.
        assertThat(venue.allOrders(trader.apiKey()))
                .filteredOn(o -> o.clientOrderId().equals(clientOrderId))
                .hasSize(1);
    }

    @Test
    void givenNoOrderUnderTheId_whenLookedUp_thenEmpty() {
        assertThat(gateway.orderByClientOrderId(trader, "BTC/EUR", ClientOrderIds.forBusinessKey("never-sent")))
                .isEmpty();
        assertThat(gateway.orderByExchangeOrderId(trader, "BTC/EUR", "987654")).isEmpty();
    }

    @Test
    void given429_whenCalled_thenRateLimitedAndNoCallUntilRetryAfterThenSuccess() throws InterruptedException {
        faults.add(new Fault("GET /api/v3/account", Kind.HTTP_429, 1, null, 1));

        assertRateLimited(() -> gateway.balances(trader), Duration.ofSeconds(1));
        // The limiter holds further calls back until Retry-After has passed, without asking the venue.
        assertThatThrownBy(() -> gateway.balances(trader)).isInstanceOfSatisfying(ExchangeCallException.class, e -> {
            assertThat(e.failure()).isEqualTo(ExchangeFailure.RATE_LIMITED);
            assertThat(e.getMessage()).contains("call not made");
        });

        assertThat(untilSucceeds(Duration.ofSeconds(5), () -> gateway.balances(trader)))
                .isNotEmpty();
    }

    @Test
    void given5xx_whenPlacing_thenUnknown_andWhenReading_thenUnavailable() {
        faults.add(new Fault("POST /api/v3/order", Kind.HTTP_5XX, 1, null, 1));
        faults.add(new Fault("GET /api/v3/openOrders", Kind.HTTP_5XX, 1, null, 1));

        assertThatThrownBy(() -> gateway.placeOrder(
                        trader, btcEurMarket(Side.BUY, "0.01", ClientOrderIds.forBusinessKey("5xx-1"))))
                .isInstanceOfSatisfying(
                        ExchangeCallException.class,
                        e -> assertThat(e.failure()).isEqualTo(ExchangeFailure.UNKNOWN));
        assertFails(() -> gateway.openOrders(trader, "BTC/EUR"), ExchangeFailure.UNAVAILABLE);
    }

    @Test
    void givenTimeout_whenPlacing_thenUnknown() {
        faults.add(new Fault("POST /api/v3/order", Kind.TIMEOUT, 1, Duration.ofSeconds(3), 1));

        assertFails(
                () -> gateway.placeOrder(
                        trader, btcEurMarket(Side.BUY, "0.01", ClientOrderIds.forBusinessKey("timeout-1"))),
                ExchangeFailure.UNKNOWN);
    }

    @Test
    void givenNothingListening_whenCalled_thenUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        BinanceGateway nowhere = gatewayTo(URI.create("http://127.0.0.1:" + closedPort));

        assertFails(
                () -> nowhere.placeOrder(
                        trader, btcEurMarket(Side.BUY, "0.01", ClientOrderIds.forBusinessKey("refused-1"))),
                ExchangeFailure.UNAVAILABLE);
    }

    @Test
    void givenDefiniteRefusals_whenPlacing_thenRejectedWithBinanceCodes() {
        String clientOrderId = ClientOrderIds.forBusinessKey("dup-1");
        gateway.placeOrder(trader, btcEurLimit(Side.BUY, "0.01", "50000", clientOrderId));

        assertThat(rejection(btcEurLimit(Side.BUY, "0.01", "50000", clientOrderId))
                        .exchangeCode())
                .as("duplicate client order id while the first is open")
                .isEqualTo("-2010");
        assertThat(rejection(btcEurMarket(Side.SELL, "5", ClientOrderIds.forBusinessKey("too-big")))
                        .exchangeCode())
                .as("insufficient balance")
                .isEqualTo("-2010");
        assertThat(rejection(btcEurLimit(Side.BUY, "0.00005", "50000", ClientOrderIds.forBusinessKey("tiny")))
                        .exchangeCode())
                .as("below the minimum notional")
                .isEqualTo("-1013");
    }

    private ExchangeCallException rejection(OrderRequest request) {
        try {
            gateway.placeOrder(trader, request);
        } catch (ExchangeCallException e) {
            assertThat(e.failure()).isEqualTo(ExchangeFailure.REJECTED);
            return e;
        }
        throw new AssertionError("expected a rejection of " + request);
    }

    private BinanceGateway gatewayTo(URI baseUrl) {
        ExchangeRateLimiter limiter = limiter(Exchange.PAPER, RateLimit.perMinute(6_000), RateLimit.perSecond(50));
        return new BinanceGateway(
                Exchange.PAPER,
                new RestEndpoint(baseUrl, Duration.ofSeconds(1), Duration.ofMillis(800)),
                limiter,
                clock);
    }

    private static ApiCredentials credentials(PaperExchange.ApiKey key) {
        return new ApiCredentials(key.apiKey(), key.secret(), null);
    }

    private static OrderRequest btcEurMarket(Side side, String quantity, String clientOrderId) {
        return market("BTC/EUR", side, quantity, clientOrderId);
    }

    private static OrderRequest btcEurLimit(Side side, String quantity, String price, String clientOrderId) {
        return limit("BTC/EUR", side, quantity, price, TimeInForce.GTC, clientOrderId);
    }

    /** Calls until the call stops failing as RATE_LIMITED, or fails the test at the deadline. */
    private static <T> T untilSucceeds(Duration deadline, java.util.function.Supplier<T> call)
            throws InterruptedException {
        Instant end = Instant.now().plus(deadline);
        while (true) {
            try {
                return call.get();
            } catch (ExchangeCallException e) {
                if (e.failure() != ExchangeFailure.RATE_LIMITED || Instant.now().isAfter(end)) {
                    throw e;
                }
                Thread.sleep(Duration.ofMillis(50));
            }
        }
    }
}
