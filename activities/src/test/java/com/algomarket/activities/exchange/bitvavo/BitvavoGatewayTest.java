package com.algomarket.activities.exchange.bitvavo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeHttpClient;
import com.algomarket.activities.exchange.ExchangeOrder;
import com.algomarket.activities.exchange.GatewayTestSupport;
import com.algomarket.activities.exchange.InstrumentRules;
import com.algomarket.activities.exchange.OrderRequest;
import com.algomarket.workflows.exchange.ClientOrderIds;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.exchange.ExchangeFailure;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.ValueMatcher;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our Bitvavo adapter against a local server that checks every request's signature the way Bitvavo documents it
 * (hex HMAC-SHA256 of timestamp + method + /v2 path with query + body, within the access window) and answers with
 * Bitvavo's documented shapes and error codes.
 */
class BitvavoGatewayTest {

    private static final String KEY = "4b1d4e0c3a9f8e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7c6b5a4938271605f";
    private static final String SECRET = "9c".repeat(64);
    private static final String CLIENT_ORDER_ID = ClientOrderIds.forBusinessKey("order-p7-s3");
    private static final String ORDER_ID = "1be6d0df-d5dc-4b53-a250-3376f3b393e6";

    private WireMockServer bitvavo;
    private BitvavoGateway gateway;
    private final ApiCredentials credentials = new ApiCredentials(KEY, SECRET, null);

    /** Bitvavo's signature check, written from its documentation rather than from the adapter. */
    private static final ValueMatcher<Request> SIGNED = request -> {
        String timestamp = request.getHeader("Bitvavo-Access-Timestamp");
        String signature = request.getHeader("Bitvavo-Access-Signature");
        if (timestamp == null || signature == null || !KEY.equals(request.getHeader("Bitvavo-Access-Key"))) {
            return MatchResult.noMatch();
        }
        long age = System.currentTimeMillis() - Long.parseLong(timestamp);
        String payload = timestamp + request.getMethod().getName() + request.getUrl() + request.getBodyAsString();
        String expected = HexFormat.of().formatHex(GatewayTestSupport.hmac("HmacSHA256",
                SECRET.getBytes(StandardCharsets.UTF_8), payload.getBytes(StandardCharsets.UTF_8)));
        return MatchResult.of(age >= -1_000 && age < 10_000 && expected.equals(signature));
    };

    @BeforeEach
    void start() {
        bitvavo = GatewayTestSupport.startExchange();
        bitvavo.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errorCode\":309,\"error\":\"The signature is invalid.\"}")));
        gateway = new BitvavoGateway(GatewayTestSupport.baseUrl(bitvavo),
                GatewayTestSupport.generousLimiter(Exchange.BITVAVO),
                new ExchangeHttpClient(Exchange.BITVAVO, Duration.ofSeconds(1), Duration.ofSeconds(2)),
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        bitvavo.stop();
    }

    @Test
    void givenWorkingKey_whenPermissionsRead_thenReadAndTradeWithWithdrawUnknown_andBalancesListed() {
        bitvavo.stubFor(get(urlPathEqualTo("/v2/balance")).andMatching(SIGNED).willReturn(okJson("""
                [{"symbol":"EUR","available":"2500.50","inOrder":"100"},
                 {"symbol":"BTC","available":"0","inOrder":"0"}]""")));

        assertThat(gateway.permissions(credentials).withdraw()).isNull();
        assertThat(gateway.balances(credentials)).singleElement().satisfies(balance -> {
            assertThat(balance.asset()).isEqualTo("EUR");
            assertThat(balance.free()).isEqualByComparingTo("2500.50");
            assertThat(balance.locked()).isEqualByComparingTo("100");
        });
    }

    @Test
    void givenMarket_whenRulesRead_thenTickStepAndMinimums() {
        bitvavo.stubFor(get(urlPathEqualTo("/v2/markets")).andMatching(SIGNED)
                .withQueryParam("market", equalTo("BTC-EUR")).willReturn(okJson("""
                {"market":"BTC-EUR","status":"trading","base":"BTC","quote":"EUR","pricePrecision":5,
                 "tickSize":"1.00","minOrderInBaseAsset":"0.0001","minOrderInQuoteAsset":"5",
                 "quantityDecimals":8,"notionalDecimals":2,"orderTypes":["market","limit","stopLoss"]}""")));

        InstrumentRules rules = gateway.instrumentRules(credentials, "BTC/EUR");

        assertThat(rules.priceStep()).isEqualByComparingTo("1");
        assertThat(rules.quantityStep()).isEqualByComparingTo("0.00000001");
        assertThat(rules.minQuantity()).isEqualByComparingTo("0.0001");
        assertThat(rules.minNotional()).isEqualByComparingTo("5");
    }

    @Test
    void givenLimitOrder_whenPlaced_thenSignedBodyCarriesClientOrderIdAndOperator() {
        bitvavo.stubFor(post(urlPathEqualTo("/v2/order")).andMatching(SIGNED).willReturn(okJson(order("new", "0",
                "0"))));

        ExchangeOrder order = gateway.placeOrder(credentials, new OrderRequest("BTC/EUR", OrderRequest.OrderSide.BUY,
                OrderRequest.OrderType.LIMIT, new BigDecimal("0.1"), new BigDecimal("59000"), null,
                OrderRequest.TimeInForce.GTC, CLIENT_ORDER_ID));

        assertThat(order.exchangeOrderId()).isEqualTo(ORDER_ID);
        assertThat(order.status()).isEqualTo(ExchangeOrder.Status.OPEN);
        bitvavo.verify(1, postRequestedFor(urlPathEqualTo("/v2/order")).withRequestBody(equalToJson("""
                {"market":"BTC-EUR","side":"buy","orderType":"limit","amount":"0.1","price":"59000",
                 "timeInForce":"GTC","clientOrderId":"%s","operatorId":%d}"""
                .formatted(CLIENT_ORDER_ID, BitvavoGateway.OPERATOR_ID))));
    }

    @Test
    void givenOrderUnderOurId_whenLookedUp_thenFoundWithFillsAveraged_andMissingIsEmpty() {
        bitvavo.stubFor(get(urlPathEqualTo("/v2/order")).andMatching(SIGNED)
                .withQueryParam("clientOrderId", equalTo(CLIENT_ORDER_ID))
                .willReturn(okJson(order("partiallyFilled", "0.04", "2360"))));
        bitvavo.stubFor(get(urlPathEqualTo("/v2/order")).andMatching(SIGNED)
                .withQueryParam("clientOrderId", equalTo("unknown")).willReturn(aResponse().withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"errorCode\":240,\"error\":\"No order found.\"}")));

        ExchangeOrder found = gateway.orderByClientOrderId(credentials, "BTC/EUR", CLIENT_ORDER_ID).orElseThrow();

        assertThat(found.status()).isEqualTo(ExchangeOrder.Status.PARTIALLY_FILLED);
        assertThat(found.averagePrice()).isEqualByComparingTo("59000");
        assertThat(gateway.orderByClientOrderId(credentials, "BTC/EUR", "unknown")).isEmpty();
    }

    @Test
    void givenOrderThatFilledFirst_whenCancelled_thenAnsweredFilled() {
        bitvavo.stubFor(delete(urlPathEqualTo("/v2/order")).andMatching(SIGNED)
                .withQueryParam("orderId", equalTo(ORDER_ID)).willReturn(aResponse().withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"errorCode\":233,\"error\":\"Only orders with status new or partiallyFilled "
                                + "can be deleted.\"}")));
        bitvavo.stubFor(get(urlPathEqualTo("/v2/order")).andMatching(SIGNED)
                .willReturn(okJson(order("filled", "0.1", "5900"))));

        assertThat(gateway.cancelOrder(credentials, "BTC/EUR", ORDER_ID).status())
                .isEqualTo(ExchangeOrder.Status.FILLED);
    }

    @Test
    void givenTrades_whenFillsRead_thenForTheOrderAndSinceATime() {
        bitvavo.stubFor(get(urlPathEqualTo("/v2/order")).andMatching(SIGNED)
                .willReturn(okJson(order("filled", "0.1", "5900"))));
        bitvavo.stubFor(get(urlPathEqualTo("/v2/trades")).andMatching(SIGNED)
                .withQueryParam("market", equalTo("BTC-EUR")).willReturn(okJson("""
                [{"id":"t-2","orderId":"%s","timestamp":1700000002000,"market":"BTC-EUR","side":"buy",
                  "amount":"0.06","price":"59000","taker":true,"fee":"3.54","feeCurrency":"EUR","settled":true},
                 {"id":"t-1","orderId":"%s","timestamp":1700000001000,"market":"BTC-EUR","side":"buy",
                  "amount":"0.04","price":"59000","taker":true,"fee":"2.36","feeCurrency":"EUR","settled":true}]
                """.formatted(ORDER_ID, ORDER_ID))));

        assertThat(gateway.fillsForOrder(credentials, "BTC/EUR", ORDER_ID)).hasSize(2)
                .allSatisfy(fill -> assertThat(fill.feeAsset()).isEqualTo("EUR"));
        assertThat(gateway.fillsSince(credentials, "BTC/EUR", Instant.ofEpochMilli(1_699_999_999_000L)))
                .extracting(fill -> fill.tradeId()).containsExactly("t-2", "t-1");
    }

    @Test
    void givenRefusals_whenPlacing_thenRejectedWithBitvavoCodes() {
        bitvavo.stubFor(post(urlPathEqualTo("/v2/order")).andMatching(SIGNED).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errorCode\":216,\"error\":\"You do not have sufficient balance to complete this "
                        + "operation.\"}")));
        assertThat(rejection().exchangeCode()).isEqualTo("216");

        bitvavo.stubFor(post(urlPathEqualTo("/v2/order")).andMatching(SIGNED).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errorCode\":220,\"error\":\"clientOrderId conflict within the market.\"}")));
        assertThat(rejection().exchangeCode()).as("duplicate client order id").isEqualTo("220");
    }

    @Test
    void givenRateLimitBan_whenCalled_thenRateLimitedUntilResetAt() {
        long resetAt = System.currentTimeMillis() + 30_000;
        bitvavo.stubFor(get(urlPathEqualTo("/v2/balance")).andMatching(SIGNED).willReturn(aResponse()
                .withStatus(429).withHeader("Content-Type", "application/json")
                .withHeader("Bitvavo-Ratelimit-ResetAt", Long.toString(resetAt))
                .withBody("{\"errorCode\":105,\"error\":\"Your IP or API key has been banned for not respecting "
                        + "the rate limit. The ban expires at " + resetAt + ".\"}")));

        assertThatThrownBy(() -> gateway.balances(credentials))
                .isInstanceOfSatisfying(ExchangeCallException.class, e -> {
                    assertThat(e.failure()).isEqualTo(ExchangeFailure.RATE_LIMITED);
                    assertThat(e.retryAfter()).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(30));
                });
        assertThatThrownBy(() -> gateway.balances(credentials)).hasMessageContaining("call not made");
    }

    @Test
    void given5xx_whenPlacing_thenUnknown_andWhenReading_thenUnavailable() {
        bitvavo.stubFor(any(anyUrl()).andMatching(SIGNED).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errorCode\":400,\"error\":\"Unknown server error.\"}")));

        assertThatThrownBy(this::placeMarket).isInstanceOfSatisfying(ExchangeCallException.class,
                e -> assertThat(e.failure()).isEqualTo(ExchangeFailure.UNKNOWN));
        assertThatThrownBy(() -> gateway.openOrders(credentials, "BTC/EUR"))
                .isInstanceOfSatisfying(ExchangeCallException.class,
                        e -> assertThat(e.failure()).isEqualTo(ExchangeFailure.UNAVAILABLE));
    }

    @Test
    void givenWrongSecret_whenCalled_thenAuthWithoutTheSecretInTheMessage() {
        String wrong = "7f".repeat(64);

        assertThatThrownBy(() -> gateway.balances(new ApiCredentials(KEY, wrong, null)))
                .isInstanceOfSatisfying(ExchangeCallException.class, e -> {
                    assertThat(e.failure()).isEqualTo(ExchangeFailure.AUTH);
                    assertThat(e.exchangeCode()).isEqualTo("309");
                    assertThat(e.getMessage()).doesNotContain(wrong);
                });
    }

    private ExchangeCallException rejection() {
        try {
            placeMarket();
        } catch (ExchangeCallException e) {
            assertThat(e.failure()).isEqualTo(ExchangeFailure.REJECTED);
            return e;
        }
        throw new AssertionError("expected a rejection");
    }

    private ExchangeOrder placeMarket() {
        return gateway.placeOrder(credentials, new OrderRequest("BTC/EUR", OrderRequest.OrderSide.BUY,
                OrderRequest.OrderType.MARKET, new BigDecimal("0.1"), null, null, null, CLIENT_ORDER_ID));
    }

    private static String order(String status, String filledAmount, String filledAmountQuote) {
        return """
                {"orderId":"%s","clientOrderId":"%s","market":"BTC-EUR","created":1700000000000,
                 "updated":1700000001000,"status":"%s","side":"buy","orderType":"limit","amount":"0.1",
                 "amountRemaining":"0.06","price":"59000","onHold":"3540","onHoldCurrency":"EUR",
                 "filledAmount":"%s","filledAmountQuote":"%s","feePaid":"2.36","feeCurrency":"EUR",
                 "fills":[{"id":"f-1","timestamp":1700000001000,"amount":"0.04","price":"59000","taker":true,
                           "fee":"2.36","feeCurrency":"EUR","settled":true},
                          {"id":"f-2","timestamp":1700000001500,"amount":"0.06","price":"59000","taker":true,
                           "fee":"3.54","feeCurrency":"EUR","settled":true}],
                 "selfTradePrevention":"decrementAndCancel","visible":true,"timeInForce":"GTC","postOnly":false}
                """.formatted(ORDER_ID, CLIENT_ORDER_ID, status, filledAmount, filledAmountQuote);
    }
}
