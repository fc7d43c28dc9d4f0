package com.algomarket.activities.exchange.bitvavo;

import static com.algomarket.activities.support.GatewayTestSupport.assertFails;
import static com.algomarket.activities.support.GatewayTestSupport.assertRules;
import static com.algomarket.activities.support.GatewayTestSupport.jsonError;
import static com.algomarket.activities.support.GatewayTestSupport.limit;
import static com.algomarket.activities.support.GatewayTestSupport.limiter;
import static com.algomarket.activities.support.GatewayTestSupport.market;
import static com.algomarket.activities.support.GatewayTestSupport.stopLimit;
import static com.algomarket.activities.support.GatewayTestSupport.stopLoss;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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
import com.algomarket.activities.exchange.transport.Hmac;
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
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The gateway against a WireMock Bitvavo that checks every request's authentication as Bitvavo documents it and
 * answers with Bitvavo's JSON shapes and error bodies.
 */
class BitvavoGatewayTest {

    private static final String KEY = "4d3f6a1c".repeat(8);
    private static final String SECRET = "b1tv4v0-secret-9e8d7c6b5a4f3e2d1c0b";
    private static final long OPERATOR_ID = 543462;
    private static final String CLIENT_ORDER_ID = "a1a0c0de-3f2b-8c41-9d7e-5b6a4c3d2e1f";
    private static final String ORDER_ID = "1be6d0df-d5dc-4b53-a250-3376f3b393e6";
    private static final long CREATED = 1_706_100_650_751L;
    private static final long UPDATED = CREATED + 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final LocalExchange bitvavo = new LocalExchange();

    private final ApiCredentials credentials = new ApiCredentials(KEY, SECRET, null);
    private BitvavoGateway gateway;

    @BeforeEach
    void startBitvavo() {
        // Checked before any endpoint stub: a request Bitvavo would not authenticate gets its 403, whatever it asks.
        Authentication authentication = new Authentication(KEY, SECRET);
        for (Map.Entry<String, String> refusal : Authentication.REFUSALS.entrySet()) {
            bitvavo.stubFor(any(anyUrl())
                    .atPriority(1)
                    .andMatching(request -> MatchResult.of(refusal.getKey().equals(authentication.refusal(request))))
                    .willReturn(error(403, refusal.getKey(), refusal.getValue())));
        }
        gateway = gateway(Clock.systemUTC());
    }

    @Test
    void givenBitvavosDocumentedExample_whenSigned_thenGivesItsSignature() {
        // docs.bitvavo.com, RFQ API introduction, "Create a signature": secret "bitvavo", GET /v2/rfq/trades.
        assertThat(BitvavoRequests.sign("bitvavo", "1548172481125", "GET", "/v2/rfq/trades", ""))
                .isEqualTo("5cabebe6735355a6e359bebc4a3c9ceef649afa455b7cf6cc11af65627cb99f3");
    }

    @Test
    void givenKeyThatMayTrade_whenPermissionsAsked_thenReadAndTradeFromTheProbeAndWithdrawUnknown() {
        bitvavo.stubFor(get(urlEqualTo("/v2/account")).willReturn(okJson("""
                {"fees": {"tier": 0, "volume": "10000.00", "taker": "0.0025", "maker": "0.0015"},
                 "capabilities": ["buy", "sell", "depositCrypto", "depositFiat", "withdrawCrypto", "withdrawFiat"]}
                """)));
        bitvavo.stubFor(
                delete(urlPathEqualTo("/v2/order"))
                        .willReturn(
                                error(
                                        404,
                                        "240",
                                        "No order found. Please be aware that simultaneously updating the same order may return this error.")));

        KeyPermissions permissions = gateway.permissions(credentials);

        assertThat(permissions).isEqualTo(new KeyPermissions(true, true, null));
        bitvavo.verify(deleteRequestedFor(urlPathEqualTo("/v2/order"))
                .withQueryParam("market", equalTo("BTC-EUR"))
                .withQueryParam("operatorId", equalTo(Long.toString(OPERATOR_ID))));
    }

    @Test
    void givenViewOnlyKey_whenPermissionsAsked_thenTradeIsFalse() {
        bitvavo.stubFor(get(urlEqualTo("/v2/account")).willReturn(okJson("""
                {"fees": {"tier": 0, "volume": "0.00", "taker": "0.0025", "maker": "0.0015"}, "capabilities": []}
                """)));
        bitvavo.stubFor(delete(urlPathEqualTo("/v2/order"))
                .willReturn(error(403, "310", "This key does not allow trading actions.")));

        assertThat(gateway.permissions(credentials)).isEqualTo(new KeyPermissions(true, false, null));
    }

    @Test
    void givenBalances_whenRead_thenAvailableIsFreeAndInOrderIsLocked() {
        bitvavo.stubFor(get(urlEqualTo("/v2/balance")).willReturn(okJson("""
                [{"symbol": "EUR", "available": "2599.95", "inOrder": "2022.65"},
                 {"symbol": "BTC", "available": "1.65437", "inOrder": "0.079398"}]
                """)));

        assertThat(gateway.balances(credentials))
                .containsExactly(
                        new Balance("EUR", new BigDecimal("2599.95"), new BigDecimal("2022.65")),
                        new Balance("BTC", new BigDecimal("1.65437"), new BigDecimal("0.079398")));
    }

    @Test
    void givenMarket_whenRulesRead_thenTickSizeAndQuantityDecimalsAreTheSteps() {
        bitvavo.stubFor(get(urlEqualTo("/v2/markets?market=BTC-EUR")).willReturn(okJson("""
                {"market": "BTC-EUR", "status": "trading", "base": "BTC", "quote": "EUR", "pricePrecision": null,
                 "minOrderInQuoteAsset": "5", "minOrderInBaseAsset": "0.00006",
                 "maxOrderInQuoteAsset": "1000000000", "maxOrderInBaseAsset": "1000000000",
                 "quantityDecimals": 8, "tickSize": "1.00",
                 "orderTypes": ["market", "limit", "stopLoss", "stopLossLimit", "takeProfit", "takeProfitLimit"]}
                """)));

        InstrumentRules rules = gateway.instrumentRules(credentials, "BTC/EUR");

        assertRules(rules, "BTC/EUR", "1", "0.00000001", "0.00006", "5");
        assertThat(rules.roundQuantity(new BigDecimal("0.123456789"))).isEqualByComparingTo("0.12345678");
    }

    @Test
    void givenTickerPrice_whenLastPriceRead_thenItsPriceForTheMarket() {
        bitvavo.stubFor(get(urlEqualTo("/v2/ticker/price?market=BTC-EUR")).willReturn(okJson("""
                {"market": "BTC-EUR", "price": "58213.5"}""")));

        assertThat(gateway.lastPrice(credentials, "BTC/EUR")).isEqualByComparingTo("58213.5");
    }

    @Test
    void givenMarketBitvavoDoesNotHave_whenLastPriceOrBestAskRead_thenRejectedWithItsCode() {
        bitvavo.stubFor(get(urlEqualTo("/v2/ticker/price?market=DOGE-EUR"))
                .willReturn(error(400, "205", "market parameter is invalid.")));
        bitvavo.stubFor(get(urlEqualTo("/v2/ticker/book?market=DOGE-EUR"))
                .willReturn(error(400, "205", "market parameter is invalid.")));

        assertFails(() -> gateway.lastPrice(credentials, "DOGE/EUR"), ExchangeFailure.REJECTED, "205");
        assertFails(() -> gateway.bestAsk(credentials, "DOGE/EUR"), ExchangeFailure.REJECTED, "205");
    }

    @Test
    void givenServerErrorOrAnAnswerWithoutPrice_whenLastPriceRead_thenUnavailable() {
        bitvavo.stubFor(get(urlEqualTo("/v2/ticker/price?market=BTC-EUR"))
                .willReturn(error(
                        503, "107", "The matching engine is overloaded. Please wait 500ms and resubmit your order.")));
        bitvavo.stubFor(get(urlEqualTo("/v2/ticker/price?market=ETH-EUR")).willReturn(okJson("""
                {"market": "ETH-EUR"}""")));

        assertFails(() -> gateway.lastPrice(credentials, "BTC/EUR"), ExchangeFailure.UNAVAILABLE);
        assertFails(() -> gateway.lastPrice(credentials, "ETH/EUR"), ExchangeFailure.UNAVAILABLE);
    }

    @Test
    void givenTickerBook_whenBestAskRead_thenItsAskForTheMarket() {
        // The shape of Bitvavo's book ticker for one market.
        bitvavo.stubFor(get(urlEqualTo("/v2/ticker/book?market=BTC-EUR")).willReturn(okJson("""
                {"market": "BTC-EUR", "bid": "58210.1", "bidSize": "0.3512", "ask": "58214.9",
                 "askSize": "0.08312"}""")));

        assertThat(gateway.bestAsk(credentials, "BTC/EUR"))
                .hasValueSatisfying(ask -> assertThat(ask).isEqualByComparingTo("58214.9"));
    }

    @Test
    void givenTickerBookWithoutAsk_whenBestAskRead_thenEmptySoTheLastPriceValuesTheBuy() {
        bitvavo.stubFor(get(urlEqualTo("/v2/ticker/book?market=BTC-EUR")).willReturn(okJson("""
                {"market": "BTC-EUR", "bid": "58210.1", "bidSize": "0.3512", "ask": null, "askSize": null}""")));

        assertThat(gateway.bestAsk(credentials, "BTC/EUR")).isEmpty();
    }

    @Test
    void givenLimitOrder_whenPlaced_thenBodyCarriesBitvavosFieldsAndTheAnswerIsTheOpenOrder() throws Exception {
        bitvavo.stubFor(post(urlEqualTo("/v2/order")).willReturn(okJson(orderJson("new", "limit", "0", "0"))));

        ExchangeOrder order = gateway.placeOrder(
                credentials, limit("BTC/EUR", Side.BUY, "0.5", "30000", TimeInForce.GTC, CLIENT_ORDER_ID));

        assertOrderSent("""
                {"market": "BTC-EUR", "side": "buy", "orderType": "limit", "amount": "0.5", "price": "30000",
                 "timeInForce": "GTC", "clientOrderId": "%s", "operatorId": %d}""".formatted(CLIENT_ORDER_ID, OPERATOR_ID));
        assertThat(order.exchangeOrderId()).isEqualTo(ORDER_ID);
        assertThat(order.clientOrderId()).isEqualTo(CLIENT_ORDER_ID);
        assertThat(order.symbol()).isEqualTo("BTC/EUR");
        assertThat(order.type()).isEqualTo(OrderType.LIMIT);
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(order.averagePrice()).isNull();
    }

    @Test
    void givenStopLoss_whenPlaced_thenTriggerFieldsAndNoPrice() throws Exception {
        bitvavo.stubFor(
                post(urlEqualTo("/v2/order")).willReturn(okJson(orderJson("awaitingTrigger", "stopLoss", "0", "0"))));

        ExchangeOrder order =
                gateway.placeOrder(credentials, stopLoss("BTC/EUR", Side.SELL, "0.5", null, "28000", CLIENT_ORDER_ID));

        JsonNode sent = assertOrderSent("""
                {"orderType": "stopLoss", "side": "sell", "triggerAmount": "28000", "triggerType": "price",
                 "triggerReference": "lastTrade"}""");
        assertThat(sent.has("price")).isFalse();
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
    }

    /**
     * Bitvavo's create-order documents {@code stopLossLimit} with the limit in {@code price} and the trigger in
     * {@code triggerAmount} ({@code triggerType: price}, here on the last trade); the order it answers reads back as
     * a STOP_LIMIT.
     */
    @Test
    void givenStopLimit_whenPlaced_thenStopLossLimitWithTheLimitInPriceAndTheStopInTriggerAmount() throws Exception {
        bitvavo.stubFor(post(urlEqualTo("/v2/order"))
                .willReturn(okJson(orderJson("awaitingTrigger", "stopLossLimit", "0", "0"))));

        ExchangeOrder order = gateway.placeOrder(
                credentials, stopLimit("BTC/EUR", Side.SELL, "0.5", "27800", "28000", CLIENT_ORDER_ID));

        assertOrderSent("""
                {"market": "BTC-EUR", "orderType": "stopLossLimit", "side": "sell", "amount": "0.5", "price": "27800",
                 "triggerAmount": "28000", "triggerType": "price", "triggerReference": "lastTrade",
                 "clientOrderId": "%s"}""".formatted(CLIENT_ORDER_ID));
        assertThat(order.type()).isEqualTo(OrderType.STOP_LIMIT);
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
    }

    @Test
    void givenFilledOrder_whenLookedUpByClientOrderId_thenFoundWithItsAveragePrice() {
        bitvavo.stubFor(get(urlEqualTo("/v2/order?market=BTC-EUR&clientOrderId=" + CLIENT_ORDER_ID))
                .willReturn(okJson(orderJson("filled", "market", "0.5", "15000.5"))));

        ExchangeOrder order = gateway.orderByClientOrderId(credentials, "BTC/EUR", CLIENT_ORDER_ID)
                .orElseThrow();

        assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(order.filledQuantity()).isEqualByComparingTo("0.5");
        assertThat(order.averagePrice()).isEqualByComparingTo("30001");
    }

    @Test
    void givenOrderNotFoundByClientOrderId_whenLookedUp_thenTheRecentHistoryIsSearched() {
        bitvavo.stubFor(get(urlPathEqualTo("/v2/order")).willReturn(error(404, "240", "No order found.")));
        bitvavo.stubFor(get(urlEqualTo("/v2/orders?market=BTC-EUR&limit=1000"))
                .willReturn(okJson("[" + orderJson("filled", "market", "0.5", "15000.5") + "]")));

        assertThat(gateway.orderByClientOrderId(credentials, "BTC/EUR", CLIENT_ORDER_ID))
                .hasValueSatisfying(order -> assertThat(order.exchangeOrderId()).isEqualTo(ORDER_ID));
        assertThat(gateway.orderByClientOrderId(credentials, "BTC/EUR", "a1a0c0de-0000-8000-8000-000000000000"))
                .isEmpty();
    }

    @Test
    void givenOpenOrder_whenCancelled_thenTheAnswerIsTheOrderAsBitvavoReportsItAfterwards() {
        bitvavo.stubFor(delete(urlPathEqualTo("/v2/order")).willReturn(okJson("""
                {"orderId": "%s", "operatorId": %d}
                """.formatted(ORDER_ID, OPERATOR_ID))));
        bitvavo.stubFor(get(urlEqualTo("/v2/order?market=BTC-EUR&orderId=" + ORDER_ID))
                .willReturn(okJson(orderJson("canceled", "limit", "0.1", "3000"))));

        ExchangeOrder order = gateway.cancelOrder(credentials, "BTC/EUR", ORDER_ID);

        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.filledQuantity()).isEqualByComparingTo("0.1");
        bitvavo.verify(deleteRequestedFor(
                urlEqualTo("/v2/order?market=BTC-EUR&orderId=" + ORDER_ID + "&operatorId=" + OPERATOR_ID)));
    }

    @Test
    void givenOrderFilledMeanwhile_whenCancelled_thenTheAnswerIsFilled() {
        bitvavo.stubFor(delete(urlPathEqualTo("/v2/order")).willReturn(error(404, "240", "No order found.")));
        bitvavo.stubFor(get(urlEqualTo("/v2/order?market=BTC-EUR&orderId=" + ORDER_ID))
                .willReturn(okJson(orderJson("filled", "limit", "0.5", "15000"))));

        assertThat(gateway.cancelOrder(credentials, "BTC/EUR", ORDER_ID).status())
                .isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void givenOpenOrders_whenListed_thenEachIsMapped() {
        bitvavo.stubFor(get(urlEqualTo("/v2/ordersOpen?market=BTC-EUR"))
                .willReturn(okJson("[" + orderJson("partiallyFilled", "limit", "0.2", "6000") + "]")));

        assertThat(gateway.openOrders(credentials, "BTC/EUR")).singleElement().satisfies(order -> {
            assertThat(order.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
            assertThat(order.averagePrice()).isEqualByComparingTo("30000");
        });
    }

    @ParameterizedTest
    @CsvSource({
        "new, PENDING",
        "awaitingTrigger, PENDING",
        "partiallyFilled, PARTIALLY_FILLED",
        "filled, FILLED",
        "canceled, CANCELLED",
        "canceledAuction, CANCELLED",
        "canceledSelfTradePrevention, CANCELLED",
        "canceledIOC, CANCELLED",
        "canceledFOK, CANCELLED",
        "canceledMarketProtection, CANCELLED",
        "canceledPostOnly, CANCELLED",
        "expired, EXPIRED",
        "rejected, REJECTED"
    })
    void givenBitvavoStatus_whenOrderRead_thenOurStatus(String bitvavoStatus, OrderStatus expected) {
        bitvavo.stubFor(get(urlEqualTo("/v2/order?market=BTC-EUR&orderId=" + ORDER_ID))
                .willReturn(okJson(orderJson(bitvavoStatus, "limit", "0", "0"))));

        assertThat(gateway.orderByExchangeOrderId(credentials, "BTC/EUR", ORDER_ID))
                .hasValueSatisfying(order -> assertThat(order.status()).isEqualTo(expected));
    }

    @Test
    void givenOrder_whenItsFillsAsked_thenOnlyItsTradesBetweenCreationAndLastUpdate() {
        bitvavo.stubFor(get(urlEqualTo("/v2/order?market=BTC-EUR&orderId=" + ORDER_ID))
                .willReturn(okJson(orderJson("filled", "limit", "0.5", "15000"))));
        bitvavo.stubFor(get(urlEqualTo(
                        "/v2/trades?market=BTC-EUR&start=" + CREATED + "&end=" + (UPDATED + 1) + "&limit=1000"))
                .willReturn(okJson("["
                        + String.join(
                                ",",
                                tradeJson("t-3", "other-order", UPDATED, "0.1"),
                                tradeJson("t-2", ORDER_ID, UPDATED, "0.2"),
                                tradeJson("t-1", ORDER_ID, CREATED + 10, "0.3"))
                        + "]")));

        var fills = gateway.fillsForOrder(credentials, "BTC/EUR", ORDER_ID);

        assertThat(fills).extracting(Fill::tradeId).containsExactly("t-1", "t-2");
        assertThat(fills.getFirst())
                .isEqualTo(new Fill(
                        "t-1",
                        ORDER_ID,
                        "BTC/EUR",
                        Side.BUY,
                        new BigDecimal("30000"),
                        new BigDecimal("0.3"),
                        new BigDecimal("0.0225"),
                        "EUR",
                        Instant.ofEpochMilli(CREATED + 10)));
    }

    @Test
    void givenSinceMoreThanADayAgo_whenFillsAsked_thenOneRequestPerDayAndAllFillsOldestFirst() {
        Instant since = Instant.now().minus(Duration.ofHours(30));
        long firstWindow = since.toEpochMilli();
        long secondWindow = since.plus(Duration.ofHours(24)).toEpochMilli();
        bitvavo.stubFor(get(urlPathEqualTo("/v2/trades"))
                .withQueryParam("start", equalTo(Long.toString(firstWindow)))
                .withQueryParam("end", equalTo(Long.toString(secondWindow)))
                .willReturn(okJson("[" + tradeJson("t-1", ORDER_ID, firstWindow + 1_000, "0.1") + "]")));
        bitvavo.stubFor(get(urlPathEqualTo("/v2/trades"))
                .withQueryParam("start", equalTo(Long.toString(secondWindow)))
                .willReturn(okJson("[" + tradeJson("t-3", ORDER_ID, secondWindow + 2_000, "0.1") + ","
                        + tradeJson("t-2", ORDER_ID, secondWindow + 1_000, "0.1") + "]")));

        assertThat(gateway.fillsSince(credentials, "BTC/EUR", since))
                .extracting(Fill::tradeId)
                .containsExactly("t-1", "t-2", "t-3");
        bitvavo.verify(2, getRequestedFor(urlPathEqualTo("/v2/trades")));
    }

    @Test
    void givenTwentyOpenOrdersAndTrades_whenTheAccountIsRead_thenOneRequestOfEachForTheMarket() {
        Instant since = Instant.now().minus(Duration.ofHours(1));
        String orders = IntStream.range(0, 20)
                .mapToObj(i -> orderJson("new", "limit", "0", "0").replace(ORDER_ID, ORDER_ID + i))
                .collect(Collectors.joining(","));
        String trades = IntStream.range(0, 20)
                .mapToObj(i -> tradeJson("t-" + i, ORDER_ID + i, since.toEpochMilli() + 1_000 + i, "0.01"))
                .collect(Collectors.joining(","));
        bitvavo.stubFor(get(urlEqualTo("/v2/ordersOpen?market=BTC-EUR")).willReturn(okJson("[" + orders + "]")));
        bitvavo.stubFor(get(urlPathEqualTo("/v2/trades")).willReturn(okJson("[" + trades + "]")));

        assertThat(gateway.accountOpenOrders(credentials, List.of("BTC/EUR"))).hasSize(20);
        assertThat(gateway.accountFillsSince(credentials, List.of("BTC/EUR"), since))
                .hasSize(20);

        // Per market on purpose: ordersOpen without a market costs weight 25, with one 1; /trades needs a market.
        bitvavo.verify(1, getRequestedFor(urlPathEqualTo("/v2/ordersOpen")));
        bitvavo.verify(1, getRequestedFor(urlPathEqualTo("/v2/trades")));
    }

    @Test
    void givenMoreThanAPageOfTrades_whenFillsAsked_thenPagesBackFromTheOldestTradeSeen() {
        Instant since = Instant.now().minus(Duration.ofHours(2));
        long oldestOfFirstPage = since.toEpochMilli() + 10_000;
        String fullPage = IntStream.range(0, 1000)
                .mapToObj(i -> tradeJson("t-" + (1000 - i), ORDER_ID, oldestOfFirstPage + 999 - i, "0.001"))
                .collect(Collectors.joining(",", "[", "]"));
        bitvavo.stubFor(get(urlPathEqualTo("/v2/trades")).willReturn(okJson(fullPage)));
        bitvavo.stubFor(get(urlPathEqualTo("/v2/trades"))
                .atPriority(2)
                .withQueryParam("end", equalTo(Long.toString(oldestOfFirstPage + 1)))
                .willReturn(okJson("[" + tradeJson("t-1", ORDER_ID, oldestOfFirstPage, "0.001") + ","
                        + tradeJson("t-0", ORDER_ID, oldestOfFirstPage - 5, "0.001") + "]")));

        var fills = gateway.fillsSince(credentials, "BTC/EUR", since);

        assertThat(fills).hasSize(1001);
        assertThat(fills.getFirst().tradeId()).isEqualTo("t-0");
        bitvavo.verify(2, getRequestedFor(urlPathEqualTo("/v2/trades")));
    }

    @ParameterizedTest
    @CsvSource({
        "216, You do not have sufficient balance to complete this operation.",
        "220, clientOrderId conflict within the market.",
        "205, amount parameter is invalid."
    })
    void givenBitvavoRefusesTheOrder_whenPlaced_thenRejectedWithItsCode(String code, String message) {
        bitvavo.stubFor(post(urlEqualTo("/v2/order")).willReturn(error(400, code, message)));

        assertThatThrownBy(() -> gateway.placeOrder(credentials, marketBuy()))
                .isInstanceOfSatisfying(ExchangeCallException.class, e -> {
                    assertThat(e.failure()).isEqualTo(ExchangeFailure.REJECTED);
                    assertThat(e.exchangeCode()).isEqualTo(code);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    @Test
    void givenRateLimited_whenCalled_thenRateLimitedUntilResetAndTheKeyStopsCalling() {
        long resetAt = Instant.now().plusSeconds(40).toEpochMilli();
        bitvavo.stubFor(get(urlEqualTo("/v2/balance"))
                .willReturn(error(429, "110", "Rate limit exceeded. You are blocked for 1 minute.")
                        .withHeader("bitvavo-ratelimit-remaining", "0")
                        .withHeader("bitvavo-ratelimit-resetat", Long.toString(resetAt))
                        .withHeader("bitvavo-ratelimit-limit", "1000")));

        assertThatThrownBy(() -> gateway.balances(credentials))
                .isInstanceOfSatisfying(ExchangeCallException.class, e -> {
                    assertThat(e.failure()).isEqualTo(ExchangeFailure.RATE_LIMITED);
                    assertThat(e.exchangeCode()).isEqualTo("110");
                    assertThat(e.retryAfter()).isBetween(Duration.ofSeconds(35), Duration.ofSeconds(40));
                });
        assertFails(() -> gateway.balances(credentials), ExchangeFailure.RATE_LIMITED);
        bitvavo.verify(1, getRequestedFor(urlEqualTo("/v2/balance")));
    }

    @Test
    void givenServerError_whenPlacing_thenUnknownBecauseTheOrderMayExist() {
        bitvavo.stubFor(post(urlEqualTo("/v2/order"))
                .willReturn(error(500, "101", "Unknown error. Operation may or may not have succeeded.")));

        assertFails(() -> gateway.placeOrder(credentials, marketBuy()), ExchangeFailure.UNKNOWN);
    }

    @Test
    void givenServerError_whenReading_thenUnavailable() {
        bitvavo.stubFor(get(urlEqualTo("/v2/ordersOpen?market=BTC-EUR"))
                .willReturn(error(
                        503, "107", "The matching engine is overloaded. Please wait 500ms and resubmit your order.")));

        assertFails(() -> gateway.openOrders(credentials, "BTC/EUR"), ExchangeFailure.UNAVAILABLE);
    }

    @Test
    void givenWrongSecret_whenCalled_thenAuthAndTheMessageHoldsNeitherSecretNorSignature() {
        String wrongSecret = "not-the-secret-8f3a2c";
        bitvavo.stubFor(get(urlEqualTo("/v2/balance")).willReturn(okJson("[]")));

        assertThatThrownBy(() -> gateway.balances(new ApiCredentials(KEY, wrongSecret, null)))
                .isInstanceOfSatisfying(ExchangeCallException.class, e -> {
                    assertThat(e.failure()).isEqualTo(ExchangeFailure.AUTH);
                    assertThat(e.exchangeCode()).isEqualTo("309");
                    String sentSignature = bitvavo.findAll(getRequestedFor(urlEqualTo("/v2/balance")))
                            .getFirst()
                            .getHeader("Bitvavo-Access-Signature");
                    assertThat(e.getMessage()).doesNotContain(wrongSecret).doesNotContain(sentSignature);
                });
    }

    @Test
    void givenClockBehindItsWindow_whenCalled_thenUnavailableNotAuth() {
        BitvavoGateway late = gateway(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-1)));
        bitvavo.stubFor(get(urlEqualTo("/v2/balance")).willReturn(okJson("[]")));

        assertFails(() -> late.balances(credentials), ExchangeFailure.UNAVAILABLE, "304");
    }

    private BitvavoGateway gateway(Clock clock) {
        return new BitvavoGateway(
                URI.create(bitvavo.baseUrl() + "/v2"),
                OPERATOR_ID,
                limiter(Exchange.BITVAVO, RateLimit.perMinute(100_000), RateLimit.perSecond(1_000), Duration.ZERO),
                new ExchangeHttpClient(Exchange.BITVAVO, Duration.ofSeconds(2), Duration.ofSeconds(5)),
                clock);
    }

    /**
     * Asserts each field of {@code expected}, a JSON object, as the order Bitvavo was sent has it (fields it does not
     * name are not checked); returns the body that was sent.
     */
    private JsonNode assertOrderSent(String expected) throws IOException {
        JsonNode sent = JSON.readTree(bitvavo.findAll(postRequestedFor(urlEqualTo("/v2/order")))
                .getFirst()
                .getBodyAsString());
        JSON.readTree(expected)
                .properties()
                .forEach(field ->
                        assertThat(sent.get(field.getKey())).as(field.getKey()).isEqualTo(field.getValue()));
        return sent;
    }

    private static OrderRequest marketBuy() {
        return market("BTC/EUR", Side.BUY, "0.5", CLIENT_ORDER_ID);
    }

    private static ResponseDefinitionBuilder error(int status, String code, String message) {
        return jsonError(status, "{\"errorCode\": %s, \"error\": \"%s\"}".formatted(code, message));
    }

    /** An order as Bitvavo's create, get, cancel and list endpoints answer it. */
    private static String orderJson(String status, String orderType, String filledAmount, String filledAmountQuote) {
        return """
                {"orderId": "%s", "clientOrderId": "%s", "market": "BTC-EUR",
                 "created": %d, "updated": %d, "status": "%s", "side": "buy",
                 "orderType": "%s", "amount": "0.5", "amountRemaining": "0.5", "price": "30000",
                 "onHold": "15037.5", "onHoldCurrency": "EUR", "triggerPrice": null,
                 "filledAmount": "%s", "filledAmountQuote": "%s", "feePaid": "0", "feeCurrency": "EUR",
                 "fills": [], "selfTradePrevention": "decrementAndCancel", "visible": true,
                 "timeInForce": "GTC", "postOnly": false, "operatorId": %d}
                """.formatted(
                        ORDER_ID,
                        CLIENT_ORDER_ID,
                        CREATED,
                        UPDATED,
                        status,
                        orderType,
                        filledAmount,
                        filledAmountQuote,
                        OPERATOR_ID);
    }

    /** A trade of the account as {@code GET /trades} answers it. */
    private static String tradeJson(String id, String orderId, long timestamp, String amount) {
        return """
                {"id": "%s", "orderId": "%s", "clientOrderId": "%s", "timestamp": %d, "market": "BTC-EUR",
                 "side": "buy", "amount": "%s", "price": "30000", "taker": true, "fee": "0.0225",
                 "feeCurrency": "EUR", "settled": true}
                """.formatted(id, orderId, CLIENT_ORDER_ID, timestamp, amount);
    }

    /**
     * Bitvavo's authentication, recomputed from what arrived: the key, the timestamp within the access window, and the
     * HMAC-SHA256 of timestamp, method, path from {@code /v2} with its query, and body.
     */
    private record Authentication(String key, String secret) {

        /** Bitvavo's codes and messages for requests it does not authenticate. */
        static final Map<String, String> REFUSALS = Map.of(
                "300", "Authentication is required for this endpoint.",
                "304", "Request was not received within acceptable window.",
                "305", "No active API key found.",
                "309", "The signature is invalid.");

        /** The error code Bitvavo would refuse this request with, or null when it is authentic. */
        String refusal(Request request) {
            String accessKey = request.getHeader("Bitvavo-Access-Key");
            String timestamp = request.getHeader("Bitvavo-Access-Timestamp");
            String signature = request.getHeader("Bitvavo-Access-Signature");
            if (accessKey == null || timestamp == null || signature == null) {
                return "300";
            }
            if (!key.equals(accessKey)) {
                return "305";
            }
            String window = request.getHeader("Bitvavo-Access-Window");
            long windowMillis = window == null ? 10_000 : Long.parseLong(window);
            if (Math.abs(System.currentTimeMillis() - Long.parseLong(timestamp)) > windowMillis) {
                return "304";
            }
            String expected = Hmac.sha256Hex(
                    secret, timestamp + request.getMethod().getName() + request.getUrl() + request.getBodyAsString());
            return MessageDigest.isEqual(
                            expected.getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8))
                    ? null
                    : "309";
        }
    }
}
