package com.algomarket.activities.exchange.coinbase;

import static com.algomarket.activities.support.EcKeys.p256KeyPair;
import static com.algomarket.activities.support.EcKeys.sec1Pem;
import static com.algomarket.activities.support.GatewayTestSupport.assertFails;
import static com.algomarket.activities.support.GatewayTestSupport.assertRateLimited;
import static com.algomarket.activities.support.GatewayTestSupport.assertRules;
import static com.algomarket.activities.support.GatewayTestSupport.jsonError;
import static com.algomarket.activities.support.GatewayTestSupport.limit;
import static com.algomarket.activities.support.GatewayTestSupport.limiter;
import static com.algomarket.activities.support.GatewayTestSupport.market;
import static com.algomarket.activities.support.GatewayTestSupport.refuseUnverified;
import static com.algomarket.activities.support.GatewayTestSupport.stopLimit;
import static com.algomarket.activities.support.GatewayTestSupport.stopLoss;
import static com.algomarket.activities.support.GatewayTestSupport.tooManyRequests;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.Balance;
import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeOrder;
import com.algomarket.activities.exchange.Fill;
import com.algomarket.activities.exchange.InstrumentRules;
import com.algomarket.activities.exchange.KeyPermissions;
import com.algomarket.activities.exchange.OrderRequest;
import com.algomarket.activities.exchange.transport.ExchangeHttpClient;
import com.algomarket.activities.exchange.transport.ExchangeRateLimiter;
import com.algomarket.activities.exchange.transport.RateLimit;
import com.algomarket.activities.support.LocalExchange;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.exchange.ExchangeFailure;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.orders.TimeInForce;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Request;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the gateway against a WireMock Coinbase that checks every request's JWT the way Coinbase does: ES256
 * signature under the key's public key, kid and sub naming the key, issuer cdp, a uri claim naming this very method,
 * host and path, and a lifetime of at most two minutes. A request without such a token gets 401.
 */
class CoinbaseGatewayTest {

    private static final String KEY_NAME = "organizations/3f1c6d1e-org/apiKeys/9b2e4a77-key";
    private static final String CLIENT_ORDER_ID = "a1a0c0de-5b3c-8e2f-9a4d-0c1e2f3a4b5c";
    private static final String ORDER_ID = "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Get Product for BTC-EUR: its price and the increments and minimums the rules come from. */
    private static final String BTC_EUR_PRODUCT = """
            {"product_id": "BTC-EUR", "price": "58000.12", "price_percentage_change_24h": "-0.28",
             "volume_24h": "1100.5", "base_increment": "0.00000001", "quote_increment": "0.01",
             "price_increment": "0.01", "base_min_size": "0.00001", "base_max_size": "2600",
             "quote_min_size": "1", "quote_max_size": "1000000", "status": "online", "trading_disabled": false,
             "product_type": "SPOT", "base_currency_id": "BTC", "quote_currency_id": "EUR"}""";

    @RegisterExtension
    final LocalExchange coinbase = new LocalExchange();

    private final KeyPair keys = p256KeyPair();
    private final List<String> rejectedTokens = new CopyOnWriteArrayList<>();
    private final ApiCredentials credentials = new ApiCredentials(KEY_NAME, sec1Pem(keys), null);
    private ExchangeRateLimiter rateLimiter;
    private CoinbaseGateway gateway;

    @BeforeEach
    void startCoinbase() {
        refuseUnverified(
                coinbase,
                any(anyUrl()),
                request -> tokenProblem(request) == null,
                aResponse().withStatus(401).withBody("Unauthorized"));
        rateLimiter = limiter(Exchange.COINBASE, RateLimit.perSecond(1000), RateLimit.perSecond(1000));
        gateway = new CoinbaseGateway(
                URI.create("http://127.0.0.1:" + coinbase.port()),
                rateLimiter,
                new ExchangeHttpClient(Exchange.COINBASE, Duration.ofSeconds(2), Duration.ofSeconds(5)),
                Clock.systemUTC());
    }

    @Test
    void givenViewAndTradeKey_whenPermissionsRead_thenReadAndTradeButNoWithdraw() {
        coinbase.stubFor(get(urlEqualTo("/api/v3/brokerage/key_permissions")).willReturn(okJson("""
                {"can_view": true, "can_trade": true, "can_transfer": false, "can_receive": false,
                 "portfolio_uuid": "b87a2d3f-8a1e-49b3-a4ea-402d8c389aca", "portfolio_type": "DEFAULT"}""")));

        assertThat(gateway.permissions(credentials)).isEqualTo(new KeyPermissions(true, true, false));
        assertThat(rejectedTokens).isEmpty();
    }

    @Test
    void givenKeyThatMayTransfer_whenPermissionsRead_thenWithdrawIsSurfaced() {
        coinbase.stubFor(get(urlEqualTo("/api/v3/brokerage/key_permissions")).willReturn(okJson("""
                {"can_view": true, "can_trade": false, "can_transfer": true,
                 "portfolio_uuid": "b87a2d3f-8a1e-49b3-a4ea-402d8c389aca", "portfolio_type": "DEFAULT"}""")));

        assertThat(gateway.permissions(credentials)).isEqualTo(new KeyPermissions(true, false, true));
    }

    @Test
    void givenSecretAsPkcs8Pem_whenCalling_thenSignsWithTheSameKey() {
        String pkcs8 = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        coinbase.stubFor(get(urlEqualTo("/api/v3/brokerage/key_permissions")).willReturn(okJson("""
                {"can_view": true, "can_trade": true, "can_transfer": false}""")));

        assertThat(gateway.permissions(new ApiCredentials(KEY_NAME, pkcs8, null)))
                .isEqualTo(new KeyPermissions(true, true, false));
        assertThat(rejectedTokens).isEmpty();
    }

    @Test
    void givenAccountsOverTwoPages_whenBalancesRead_thenEveryNonEmptyWalletWithItsHold() {
        coinbase.stubFor(get(urlPathEqualTo("/api/v3/brokerage/accounts"))
                .withQueryParam("cursor", absent())
                .willReturn(okJson("""
                        {"accounts": [%s, %s], "has_next": true, "cursor": "page-2", "size": 2}""".formatted(account("EUR", "1250.50", "100.00"), account("DOGE", "0", "0")))));
        coinbase.stubFor(get(urlPathEqualTo("/api/v3/brokerage/accounts"))
                .withQueryParam("cursor", equalTo("page-2"))
                .willReturn(okJson("""
                        {"accounts": [%s], "has_next": false, "cursor": "", "size": 1}""".formatted(account("BTC", "0.25", "0.01")))));

        List<Balance> balances = gateway.balances(credentials);

        assertThat(balances).extracting(Balance::asset).containsExactly("EUR", "BTC");
        assertThat(balances.get(0).free()).isEqualByComparingTo("1250.50");
        assertThat(balances.get(0).locked()).isEqualByComparingTo("100");
        assertThat(balances.get(1).free()).isEqualByComparingTo("0.25");
        assertThat(balances.get(1).locked()).isEqualByComparingTo("0.01");
    }

    @Test
    void givenProduct_whenRulesRead_thenStepsAndMinimumsFromCoinbaseIncrements() {
        coinbase.stubFor(get(urlEqualTo("/api/v3/brokerage/products/BTC-EUR")).willReturn(okJson(BTC_EUR_PRODUCT)));

        InstrumentRules rules = gateway.instrumentRules(credentials, "BTC/EUR");

        assertRules(rules, "BTC/EUR", "0.01", "0.00000001", "0.00001", "1");
    }

    @Test
    void givenProduct_whenLastPriceRead_thenItsPrice() {
        coinbase.stubFor(get(urlEqualTo("/api/v3/brokerage/products/BTC-EUR")).willReturn(okJson(BTC_EUR_PRODUCT)));

        assertThat(gateway.lastPrice(credentials, "BTC/EUR")).isEqualByComparingTo("58000.12");
    }

    @Test
    void givenProductCoinbaseDoesNotHave_whenLastPriceRead_thenRejected() {
        coinbase.stubFor(get(urlEqualTo("/api/v3/brokerage/products/DOGE-EUR"))
                .willReturn(jsonError(404, "{\"error\": \"NOT_FOUND\", \"message\": \"ProductID is invalid\"}")));

        assertFails(() -> gateway.lastPrice(credentials, "DOGE/EUR"), ExchangeFailure.REJECTED, "NOT_FOUND");
    }

    @Test
    void givenProductWithoutPrice_whenLastPriceRead_thenUnavailableRatherThanAZeroPrice() {
        coinbase.stubFor(get(urlEqualTo("/api/v3/brokerage/products/BTC-EUR")).willReturn(okJson("""
                {"product_id": "BTC-EUR", "price": "", "status": "online", "product_type": "SPOT"}""")));

        assertFails(() -> gateway.lastPrice(credentials, "BTC/EUR"), ExchangeFailure.UNAVAILABLE);
    }

    @Test
    void givenBestBidAsk_whenBestAskRead_thenTheFirstAskOfTheProductsBook() {
        // The shape of Get Best Bid/Ask: one price book per product asked for, best level first.
        coinbase.stubFor(get(urlPathEqualTo("/api/v3/brokerage/best_bid_ask")).willReturn(okJson("""
                {"pricebooks": [{"product_id": "BTC-EUR",
                                 "bids": [{"price": "58000.11", "size": "0.41"}],
                                 "asks": [{"price": "58000.95", "size": "0.125"}],
                                 "time": "2026-11-30T10:15:00.123456Z"}]}""")));

        assertThat(gateway.bestAsk(credentials, "BTC/EUR"))
                .hasValueSatisfying(ask -> assertThat(ask).isEqualByComparingTo("58000.95"));
        coinbase.verify(getRequestedFor(urlPathEqualTo("/api/v3/brokerage/best_bid_ask"))
                .withQueryParam("product_ids", equalTo("BTC-EUR")));
        assertThat(rejectedTokens).isEmpty();
    }

    @Test
    void givenBookWithoutAsksOrWithoutTheProduct_whenBestAskRead_thenEmptySoTheLastPriceValuesTheBuy() {
        coinbase.stubFor(get(urlEqualTo("/api/v3/brokerage/best_bid_ask?product_ids=BTC-EUR"))
                .willReturn(okJson("""
                        {"pricebooks": [{"product_id": "BTC-EUR", "bids": [{"price": "58000.11", "size": "0.41"}],
                                         "asks": [], "time": "2026-11-30T10:15:00Z"}]}""")));
        coinbase.stubFor(get(urlEqualTo("/api/v3/brokerage/best_bid_ask?product_ids=ETH-EUR"))
                .willReturn(okJson("{\"pricebooks\": []}")));

        assertThat(gateway.bestAsk(credentials, "BTC/EUR")).isEmpty();
        assertThat(gateway.bestAsk(credentials, "ETH/EUR")).isEmpty();
    }

    @Test
    void givenServerError_whenBestAskRead_thenUnavailable() {
        coinbase.stubFor(get(urlPathEqualTo("/api/v3/brokerage/best_bid_ask"))
                .willReturn(jsonError(503, "{\"error\": \"UNAVAILABLE\", \"message\": \"try again\"}")));

        assertFails(() -> gateway.bestAsk(credentials, "BTC/EUR"), ExchangeFailure.UNAVAILABLE);
    }

    @Test
    void givenLimitBuy_whenPlaced_thenSendsProductSideAndGtcConfigurationUnderTheClientOrderId() {
        coinbase.stubFor(post(urlEqualTo("/api/v3/brokerage/orders"))
                .willReturn(okJson("""
                {"success": true,
                 "success_response": {"order_id": "%s", "product_id": "BTC-EUR", "side": "BUY",
                                      "client_order_id": "%s"},
                 "order_configuration": {"limit_limit_gtc": {"base_size": "0.015", "limit_price": "57000.5",
                                                             "post_only": false}}}""".formatted(ORDER_ID, CLIENT_ORDER_ID))));

        ExchangeOrder order = gateway.placeOrder(
                credentials, limit("BTC/EUR", Side.BUY, "0.015", "57000.5", TimeInForce.GTC, CLIENT_ORDER_ID));

        verifyPlaced(Side.BUY, """
                {"limit_limit_gtc": {"base_size": "0.015", "limit_price": "57000.5", "post_only": false}}""");
        assertThat(order.exchangeOrderId()).isEqualTo(ORDER_ID);
        assertThat(order.clientOrderId()).isEqualTo(CLIENT_ORDER_ID);
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(order.filledQuantity()).isZero();
    }

    @Test
    void givenMarketSellAndStopLoss_whenPlaced_thenMarketIocAndStopLimitTriggeredDownwards() {
        stubPlaced(Side.SELL);

        gateway.placeOrder(credentials, market("BTC/EUR", Side.SELL, "0.2", CLIENT_ORDER_ID));
        gateway.placeOrder(credentials, stopLoss("BTC/EUR", Side.SELL, "0.2", "54000", "55000", CLIENT_ORDER_ID));

        verifyPlaced(Side.SELL, """
                {"market_market_ioc": {"base_size": "0.2"}}""");
        verifyPlaced(Side.SELL, """
                {"stop_limit_stop_limit_gtc": {"base_size": "0.2", "limit_price": "54000", "stop_price": "55000",
                                               "stop_direction": "STOP_DIRECTION_STOP_DOWN"}}""");
    }

    /**
     * Coinbase's create-order documents {@code stop_limit_stop_limit_gtc} with {@code base_size}, {@code limit_price},
     * {@code stop_price} and {@code stop_direction}: a buy stop triggers on the way up, a sell stop on the way down.
     */
    @Test
    void givenStopLimitBuyAndSell_whenPlaced_thenStopLimitGtcTriggeredUpwardsForTheBuyAndDownwardsForTheSell() {
        stubPlaced(Side.BUY);

        gateway.placeOrder(credentials, stopLimit("BTC/EUR", Side.BUY, "0.2", "61500", "61000", CLIENT_ORDER_ID));
        gateway.placeOrder(credentials, stopLimit("BTC/EUR", Side.SELL, "0.2", "54500", "55000", CLIENT_ORDER_ID));

        verifyPlaced(Side.BUY, """
                {"stop_limit_stop_limit_gtc": {"base_size": "0.2", "limit_price": "61500", "stop_price": "61000",
                                               "stop_direction": "STOP_DIRECTION_STOP_UP"}}""");
        verifyPlaced(Side.SELL, """
                {"stop_limit_stop_limit_gtc": {"base_size": "0.2", "limit_price": "54500", "stop_price": "55000",
                                               "stop_direction": "STOP_DIRECTION_STOP_DOWN"}}""");
    }

    /** Coinbase accepts any order, answering with our ids and {@code side}. */
    private void stubPlaced(Side side) {
        coinbase.stubFor(post(urlEqualTo("/api/v3/brokerage/orders"))
                .willReturn(okJson("""
                {"success": true, "success_response": {"order_id": "%s", "product_id": "BTC-EUR", "side": "%s",
                                                       "client_order_id": "%s"}}""".formatted(ORDER_ID, side, CLIENT_ORDER_ID))));
    }

    /** Coinbase was asked to create a BTC-EUR order of {@code side} with this {@code order_configuration}. */
    private void verifyPlaced(Side side, String orderConfiguration) {
        coinbase.verify(postRequestedFor(urlEqualTo("/api/v3/brokerage/orders"))
                .withRequestBody(equalToJson("""
                {"client_order_id": "%s", "product_id": "BTC-EUR", "side": "%s", "order_configuration": %s}""".formatted(CLIENT_ORDER_ID, side, orderConfiguration))));
    }

    @Test
    void givenStopLossWithoutLimitPrice_whenPlaced_thenRejectedWithoutCallingCoinbase() {
        assertFails(
                () -> gateway.placeOrder(
                        credentials, stopLoss("BTC/EUR", Side.SELL, "0.2", null, "55000", CLIENT_ORDER_ID)),
                ExchangeFailure.REJECTED);
        assertThat(coinbase.getAllServeEvents()).isEmpty();
    }

    @Test
    void givenInsufficientFunds_whenPlaced_thenRejectedWithCoinbasesReason() {
        coinbase.stubFor(post(urlEqualTo("/api/v3/brokerage/orders")).willReturn(okJson("""
                {"success": false, "failure_reason": "UNKNOWN_FAILURE_REASON", "order_id": "",
                 "error_response": {"error": "INSUFFICIENT_FUND",
                                    "message": "Insufficient balance in source account", "error_details": "",
                                    "preview_failure_reason": "PREVIEW_INSUFFICIENT_FUND"},
                 "order_configuration": {"market_market_ioc": {"base_size": "5"}}}""")));

        assertThatThrownBy(() -> gateway.placeOrder(credentials, marketBuy()))
                .isInstanceOfSatisfying(ExchangeCallException.class, e -> {
                    assertThat(e.failure()).isEqualTo(ExchangeFailure.REJECTED);
                    assertThat(e.exchangeCode()).isEqualTo("INSUFFICIENT_FUND");
                    assertThat(e.getMessage()).contains("Insufficient balance");
                });
    }

    @Test
    void givenServerErrorOnPlace_whenPlaced_thenUnknownBecauseTheOrderMayExist() {
        coinbase.stubFor(post(urlEqualTo("/api/v3/brokerage/orders"))
                .willReturn(aResponse()
                        .withStatus(503)
                        .withBody("{\"error\": \"UNAVAILABLE\", \"message\": \"upstream timeout\"}")));

        assertFails(() -> gateway.placeOrder(credentials, marketBuy()), ExchangeFailure.UNKNOWN);
    }

    @Test
    void givenTooManyRequests_whenCalled_thenRateLimitedWithRetryAfterAndTheKeyPausedLocally() {
        coinbase.stubFor(get(urlEqualTo("/api/v3/brokerage/key_permissions"))
                .willReturn(
                        tooManyRequests(7, "{\"error\": \"RESOURCE_EXHAUSTED\", \"message\": \"Too many requests\"}")));

        assertThat(assertRateLimited(() -> gateway.permissions(credentials), Duration.ofSeconds(7))
                        .exchangeCode())
                .isEqualTo("RESOURCE_EXHAUSTED");
        assertThatThrownBy(() -> gateway.permissions(credentials))
                .isInstanceOfSatisfying(ExchangeCallException.class, e -> {
                    assertThat(e.failure()).isEqualTo(ExchangeFailure.RATE_LIMITED);
                    assertThat(e.retryAfter()).isGreaterThan(Duration.ofSeconds(6));
                });
        assertThat(coinbase.getAllServeEvents()).hasSize(1);
    }

    @Test
    void givenKeyThatCoinbaseDoesNotKnow_whenCalled_thenAuthAndNothingSecretInTheMessage() {
        KeyPair otherKeys = p256KeyPair();
        String otherSecret = sec1Pem(otherKeys);
        coinbase.stubFor(get(urlEqualTo("/api/v3/brokerage/key_permissions")).willReturn(okJson("""
                {"can_view": true, "can_trade": true, "can_transfer": true}""")));

        assertThatThrownBy(() -> gateway.permissions(new ApiCredentials(KEY_NAME, otherSecret, null)))
                .isInstanceOfSatisfying(ExchangeCallException.class, e -> {
                    assertThat(e.failure()).isEqualTo(ExchangeFailure.AUTH);
                    assertThat(e.getMessage())
                            .doesNotContain(
                                    KEY_NAME,
                                    "Bearer",
                                    "eyJ",
                                    otherSecret.lines().skip(1).findFirst().orElseThrow());
                });
        assertThat(rejectedTokens).isNotEmpty().containsOnly("signature");
    }

    @Test
    void givenSecretThatIsNoEcKey_whenCalled_thenAuthWithoutCallingCoinbaseOrQuotingIt() {
        String secret = "-----BEGIN EC PRIVATE KEY-----\nbm90IGEga2V5IGF0IGFsbA==\n-----END EC PRIVATE KEY-----";

        assertThatThrownBy(() -> gateway.permissions(new ApiCredentials(KEY_NAME, secret, null)))
                .isInstanceOfSatisfying(ExchangeCallException.class, e -> {
                    assertThat(e.failure()).isEqualTo(ExchangeFailure.AUTH);
                    assertThat(e.getMessage()).doesNotContain("bm90IGEga2V5");
                });
        assertThat(coinbase.getAllServeEvents()).isEmpty();
    }

    @Test
    void givenOrderOnSecondPage_whenLookedUpByClientOrderId_thenFoundAsPartiallyFilled() {
        coinbase.stubFor(get(urlPathEqualTo("/api/v3/brokerage/orders/historical/batch"))
                .withQueryParam("product_ids", equalTo("BTC-EUR"))
                .withQueryParam("cursor", absent())
                .willReturn(
                        okJson("""
                        {"orders": [%s], "has_next": true, "cursor": "789100", "sequence": "0"}""".formatted(order("other-order", "manual-order", "FILLED", "0.1", "0.1", "56000")))));
        coinbase.stubFor(get(urlPathEqualTo("/api/v3/brokerage/orders/historical/batch"))
                .withQueryParam("product_ids", equalTo("BTC-EUR"))
                .withQueryParam("cursor", equalTo("789100"))
                .willReturn(
                        okJson("""
                        {"orders": [%s], "has_next": false, "cursor": "", "sequence": "0"}""".formatted(order(ORDER_ID, CLIENT_ORDER_ID, "OPEN", "0.015", "0.005", "57000.5")))));

        ExchangeOrder order = gateway.orderByClientOrderId(credentials, "BTC/EUR", CLIENT_ORDER_ID)
                .orElseThrow();

        assertThat(order.exchangeOrderId()).isEqualTo(ORDER_ID);
        assertThat(order.symbol()).isEqualTo("BTC/EUR");
        assertThat(order.side()).isEqualTo(Side.BUY);
        assertThat(order.type()).isEqualTo(OrderType.LIMIT);
        assertThat(order.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(order.quantity()).isEqualByComparingTo("0.015");
        assertThat(order.filledQuantity()).isEqualByComparingTo("0.005");
        assertThat(order.averagePrice()).isEqualByComparingTo("57000.5");
        assertThat(order.updatedAt()).isEqualTo(Instant.parse("2026-11-23T10:05:00Z"));
        assertThat(gateway.orderByClientOrderId(credentials, "BTC/EUR", "a1a0c0de-0000-8000-8000-000000000000"))
                .isEmpty();
    }

    @Test
    void givenOpenOrders_whenListed_thenAskedForOpenOnesOfTheProduct() {
        coinbase.stubFor(get(urlPathEqualTo("/api/v3/brokerage/orders/historical/batch"))
                .withQueryParam("order_status", equalTo("OPEN"))
                .withQueryParam("product_ids", equalTo("BTC-EUR"))
                .willReturn(okJson("""
                        {"orders": [%s], "has_next": false, "cursor": ""}""".formatted(order(ORDER_ID, CLIENT_ORDER_ID, "OPEN", "0.015", "0", "0")))));

        List<ExchangeOrder> open = gateway.openOrders(credentials, "BTC/EUR");

        assertThat(open).singleElement().satisfies(order -> {
            assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
            assertThat(order.averagePrice()).isNull();
        });
    }

    @Test
    void givenTwentyOpenOrdersAndOtherProducts_whenTheAccountIsRead_thenOneListOfOrdersAndOneOfFillsForAllSymbols() {
        Instant since = Instant.parse("2026-11-23T10:00:00Z");
        String ours = IntStream.range(0, 20)
                .mapToObj(i -> order("order-" + i, "client-" + i, "OPEN", "0.015", "0", "0"))
                .collect(Collectors.joining(","));
        String another = order("order-sol", "client-sol", "OPEN", "1", "0", "0").replace("BTC-EUR", "SOL-USD");
        coinbase.stubFor(get(urlPathEqualTo("/api/v3/brokerage/orders/historical/batch"))
                .withQueryParam("order_status", equalTo("OPEN"))
                .withQueryParam("product_ids", absent())
                .willReturn(okJson("""
                        {"orders": [%s, %s], "has_next": false, "cursor": ""}""".formatted(ours, another))));
        coinbase.stubFor(get(urlPathEqualTo("/api/v3/brokerage/orders/historical/fills"))
                .withQueryParam("product_ids", absent())
                .withQueryParam("start_sequence_timestamp", equalTo(since.toString()))
                .willReturn(okJson("""
                        {"fills": [%s, %s, %s], "cursor": ""}""".formatted(
                                fill("trade-2", "57001", "0.005", false, "1.14", "2026-11-23T10:05:01Z"),
                                fill("trade-1", "57000.5", "0.01", false, "2.28", "2026-11-23T10:05:00Z"),
                                fill("trade-sol", "150", "1", false, "0.5", "2026-11-23T10:05:02Z")
                                        .replace("BTC-EUR", "SOL-USD")))));

        List<ExchangeOrder> open = gateway.accountOpenOrders(credentials, List.of("BTC/EUR", "ETH/EUR"));
        List<Fill> fills = gateway.accountFillsSince(credentials, List.of("BTC/EUR", "ETH/EUR"), since);

        assertThat(open)
                .hasSize(20)
                .allSatisfy(order -> assertThat(order.symbol()).isEqualTo("BTC/EUR"));
        assertThat(fills).extracting(Fill::tradeId).containsExactly("trade-1", "trade-2");
        coinbase.verify(1, getRequestedFor(urlPathEqualTo("/api/v3/brokerage/orders/historical/batch")));
        coinbase.verify(1, getRequestedFor(urlPathEqualTo("/api/v3/brokerage/orders/historical/fills")));
    }

    @Test
    void givenOpenOrder_whenCancelled_thenCancelRequestedAndOrderReportedAsCoinbaseHasItAfterwards() {
        coinbase.stubFor(
                post(urlEqualTo("/api/v3/brokerage/orders/batch_cancel")).willReturn(okJson("""
                {"results": [{"success": true, "failure_reason": "UNKNOWN_CANCEL_FAILURE_REASON",
                              "order_id": "%s"}]}""".formatted(ORDER_ID))));
        coinbase.stubFor(get(urlEqualTo("/api/v3/brokerage/orders/historical/" + ORDER_ID))
                .willReturn(okJson(
                        """
                {"order": %s}""".formatted(order(ORDER_ID, CLIENT_ORDER_ID, "CANCELLED", "0.015", "0.005", "57000.5")))));

        ExchangeOrder order = gateway.cancelOrder(credentials, "BTC/EUR", ORDER_ID);

        coinbase.verify(postRequestedFor(urlEqualTo("/api/v3/brokerage/orders/batch_cancel"))
                .withRequestBody(equalToJson("{\"order_ids\": [\"" + ORDER_ID + "\"]}")));
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.filledQuantity()).isEqualByComparingTo("0.005");
    }

    @Test
    void givenOrderFilledBeforeTheCancel_whenCancelled_thenAnswersTheFilledOrder() {
        coinbase.stubFor(
                post(urlEqualTo("/api/v3/brokerage/orders/batch_cancel")).willReturn(okJson("""
                {"results": [{"success": false, "failure_reason": "UNKNOWN_CANCEL_ORDER", "order_id": "%s"}]}""".formatted(ORDER_ID))));
        coinbase.stubFor(get(urlEqualTo("/api/v3/brokerage/orders/historical/" + ORDER_ID))
                .willReturn(okJson(
                        """
                {"order": %s}""".formatted(order(ORDER_ID, CLIENT_ORDER_ID, "FILLED", "0.015", "0.015", "57000.5")))));

        assertThat(gateway.cancelOrder(credentials, "BTC/EUR", ORDER_ID).status())
                .isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void givenFillsOfAnOrder_whenRead_thenTradesWithQuoteCurrencyFees() {
        coinbase.stubFor(get(urlPathEqualTo("/api/v3/brokerage/orders/historical/fills"))
                .withQueryParam("order_ids", equalTo(ORDER_ID))
                .willReturn(okJson("""
                        {"fills": [%s, %s], "cursor": ""}""".formatted(
                                fill("trade-1", "57000.5", "0.01", false, "2.28", "2026-11-23T10:05:00Z"),
                                fill("trade-2", "57001", "0.005", false, "1.14", "2026-11-23T10:05:01Z")))));

        List<Fill> fills = gateway.fillsForOrder(credentials, "BTC/EUR", ORDER_ID);

        assertThat(fills).extracting(Fill::tradeId).containsExactly("trade-1", "trade-2");
        assertThat(fills.get(0).exchangeOrderId()).isEqualTo(ORDER_ID);
        assertThat(fills.get(0).symbol()).isEqualTo("BTC/EUR");
        assertThat(fills.get(0).side()).isEqualTo(Side.BUY);
        assertThat(fills.get(0).price()).isEqualByComparingTo("57000.5");
        assertThat(fills.get(0).quantity()).isEqualByComparingTo("0.01");
        assertThat(fills.get(0).fee()).isEqualByComparingTo("2.28");
        assertThat(fills.get(0).feeAsset()).isEqualTo("EUR");
        assertThat(fills.get(1).executedAt()).isEqualTo(Instant.parse("2026-11-23T10:05:01Z"));
    }

    @Test
    void givenFillsSinceATime_whenRead_thenAskedFromThatSequenceTimeAcrossPagesAndQuoteSizesConverted() {
        coinbase.stubFor(get(urlPathEqualTo("/api/v3/brokerage/orders/historical/fills"))
                .withQueryParam("product_ids", equalTo("BTC-EUR"))
                .withQueryParam("start_sequence_timestamp", equalTo("2026-11-23T10:00:00Z"))
                .withQueryParam("cursor", absent())
                .willReturn(okJson(
                        """
                        {"fills": [%s], "cursor": "next-fills"}""".formatted(fill("trade-1", "57000.5", "0.01", false, "2.28", "2026-11-23T10:05:00Z")))));
        coinbase.stubFor(get(urlPathEqualTo("/api/v3/brokerage/orders/historical/fills"))
                .withQueryParam("cursor", equalTo("next-fills"))
                .willReturn(
                        okJson("""
                        {"fills": [%s], "cursor": ""}""".formatted(fill("trade-3", "50000", "100", true, "0.60", "2026-11-23T11:00:00Z")))));

        List<Fill> fills = gateway.fillsSince(credentials, "BTC/EUR", Instant.parse("2026-11-23T10:00:00Z"));

        assertThat(fills).extracting(Fill::tradeId).containsExactly("trade-1", "trade-3");
        assertThat(fills.get(1).quantity()).isEqualByComparingTo("0.002"); // 100 EUR at 50000
    }

    private static OrderRequest marketBuy() {
        return market("BTC/EUR", Side.BUY, "5", CLIENT_ORDER_ID);
    }

    private static String account(String currency, String available, String hold) {
        return """
                {"uuid": "account-%s", "name": "%s Wallet", "currency": "%s",
                 "available_balance": {"value": "%s", "currency": "%s"}, "default": true, "active": true,
                 "type": "ACCOUNT_TYPE_CRYPTO", "ready": true, "hold": {"value": "%s", "currency": "%s"}}""".formatted(currency, currency, currency, available, currency, hold, currency);
    }

    private static String order(
            String orderId, String clientOrderId, String status, String size, String filled, String averagePrice) {
        return """
                {"order_id": "%s", "product_id": "BTC-EUR", "user_id": "2222-000000-000000",
                 "order_configuration": {"limit_limit_gtc": {"base_size": "%s", "limit_price": "57000.5",
                                                             "post_only": false}},
                 "side": "BUY", "client_order_id": "%s", "status": "%s", "time_in_force": "GOOD_UNTIL_CANCELLED",
                 "created_time": "2026-11-23T10:00:00.000Z", "completion_percentage": "0",
                 "filled_size": "%s", "average_filled_price": "%s", "number_of_fills": "1",
                 "pending_cancel": false, "size_in_quote": false, "total_fees": "0",
                 "order_type": "LIMIT", "reject_reason": "REJECT_REASON_UNSPECIFIED", "settled": false,
                 "product_type": "SPOT", "order_placement_source": "RETAIL_ADVANCED",
                 "last_fill_time": "2026-11-23T10:04:00Z", "last_update_time": "2026-11-23T10:05:00.000000Z"}""".formatted(orderId, size, clientOrderId, status, filled, averagePrice);
    }

    private static String fill(
            String tradeId, String price, String size, boolean sizeInQuote, String commission, String time) {
        return """
                {"entry_id": "entry-%s", "trade_id": "%s", "order_id": "%s", "trade_time": "%s",
                 "trade_type": "FILL", "price": "%s", "size": "%s", "commission": "%s", "product_id": "BTC-EUR",
                 "sequence_timestamp": "%s", "liquidity_indicator": "TAKER", "size_in_quote": %s,
                 "user_id": "3333-333333-3333333", "side": "BUY"}""".formatted(tradeId, tradeId, ORDER_ID, time, price, size, commission, time, sizeInQuote);
    }

    /** Why the request's token would not pass at Coinbase, or null when it would. */
    private String tokenProblem(Request request) {
        String problem = checkToken(request);
        if (problem != null) {
            rejectedTokens.add(problem);
        }
        return problem;
    }

    private String checkToken(Request request) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return "no bearer token";
        }
        String[] parts = authorization.substring("Bearer ".length()).split("\\.");
        if (parts.length != 3) {
            return "not a JWS";
        }
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            String path = request.getUrl().split("\\?")[0];
            String expectedUri = request.getMethod().value() + " 127.0.0.1:" + coinbase.port() + path;
            long now = Instant.now().getEpochSecond();
            if (!header.path("alg").asText().equals("ES256")
                    || !header.path("typ").asText().equals("JWT")
                    || !header.path("kid").asText().equals(KEY_NAME)
                    || header.path("nonce").asText().isBlank()) {
                return "header " + header;
            }
            if (!claims.path("sub").asText().equals(KEY_NAME)
                    || !claims.path("iss").asText().equals("cdp")
                    || !claims.path("uri").asText().equals(expectedUri)) {
                return "claims " + claims + " for " + expectedUri;
            }
            long notBefore = claims.path("nbf").asLong();
            long expires = claims.path("exp").asLong();
            if (notBefore > now + 5 || expires <= now || expires - notBefore > 120) {
                return "lifetime nbf=" + notBefore + " exp=" + expires + " now=" + now;
            }
            byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
            if (signature.length != 64
                    || !verifies(
                            keys.getPublic(),
                            (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII),
                            derFromRawSignature(signature))) {
                return "signature";
            }
            return null;
        } catch (Exception unreadable) {
            return "unreadable token: " + unreadable;
        }
    }

    private static boolean verifies(PublicKey key, byte[] signed, byte[] derSignature) throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(key);
        verifier.update(signed);
        return verifier.verify(derSignature);
    }

    /** JWS R||S (32 bytes each) as the DER SEQUENCE { INTEGER r, INTEGER s } that SHA256withECDSA verifies. */
    private static byte[] derFromRawSignature(byte[] raw) {
        byte[] r = new BigInteger(1, Arrays.copyOfRange(raw, 0, 32)).toByteArray();
        byte[] s = new BigInteger(1, Arrays.copyOfRange(raw, 32, 64)).toByteArray();
        ByteArrayOutputStream der = new ByteArrayOutputStream();
        der.write(0x30);
        der.write(2 + r.length + 2 + s.length);
        der.write(0x02);
        der.write(r.length);
        der.writeBytes(r);
        der.write(0x02);
        der.write(s.length);
        der.writeBytes(s);
        return der.toByteArray();
    }
}
