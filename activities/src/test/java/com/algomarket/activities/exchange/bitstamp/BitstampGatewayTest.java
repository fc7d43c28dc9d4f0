package com.algomarket.activities.exchange.bitstamp;

import static com.algomarket.activities.support.GatewayTestSupport.assertFails;
import static com.algomarket.activities.support.GatewayTestSupport.assertRules;
import static com.algomarket.activities.support.GatewayTestSupport.baseUrl;
import static com.algomarket.activities.support.GatewayTestSupport.endpoint;
import static com.algomarket.activities.support.GatewayTestSupport.generousLimiter;
import static com.algomarket.activities.support.GatewayTestSupport.jsonError;
import static com.algomarket.activities.support.GatewayTestSupport.limit;
import static com.algomarket.activities.support.GatewayTestSupport.market;
import static com.algomarket.activities.support.GatewayTestSupport.refuseUnverified;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.Balance;
import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeOrder;
import com.algomarket.activities.exchange.Fill;
import com.algomarket.activities.exchange.InstrumentRules;
import com.algomarket.activities.exchange.KeyPermissions;
import com.algomarket.activities.exchange.OrderRequest;
import com.algomarket.activities.exchange.transport.Hmac;
import com.algomarket.activities.support.LocalExchange;
import com.algomarket.workflows.exchange.ClientOrderIds;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.exchange.ExchangeFailure;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.orders.TimeInForce;
import com.github.tomakehurst.wiremock.http.Request;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * BitstampGateway against a local Bitstamp: every private request must carry an X-Auth-Signature that verifies by
 * Bitstamp's documented v2 algorithm, checked here independently of XChange's BitstampDigestV2; otherwise Bitstamp's
 * own authentication error comes back.
 */
class BitstampGatewayTest {

    private static final String API_KEY = "bitstamp-test-key";
    private static final String SECRET = "bitstamp-test-secret";
    /** Bitstamp signs its own host name, not the one a request was addressed to. */
    private static final String SIGNED_HOST = "www.bitstamp.net";

    private static final String ORDER_ID = "1458532827766784";

    private final ApiCredentials credentials = new ApiCredentials(API_KEY, SECRET, null);
    private final String clientOrderId = ClientOrderIds.forBusinessKey("order-bitstamp-1");

    @RegisterExtension
    final LocalExchange bitstamp = new LocalExchange();

    private BitstampGateway gateway;

    @BeforeEach
    void startBitstamp() {
        refuseUnverified(
                bitstamp,
                post(urlPathMatching("/api/v2/.*")),
                request -> signatureVerifies(request),
                jsonError(403, "{\"status\": \"error\", \"reason\": \"Invalid signature\", \"code\": \"API0005\"}"));
        gateway =
                new BitstampGateway(endpoint(baseUrl(bitstamp)), generousLimiter(Exchange.BITSTAMP), Clock.systemUTC());
    }

    @Test
    void givenLimitAndMarketOrders_whenPlaced_thenBothCarryClientOrderId() {
        bitstamp.stubFor(post(urlPathEqualTo("/api/v2/buy/btceur/")).willReturn(okJson(placed("0", "60000.00"))));
        bitstamp.stubFor(post(urlPathEqualTo("/api/v2/sell/market/btceur/")).willReturn(okJson(placed("1", "0"))));
        String marketId = ClientOrderIds.forBusinessKey("order-bitstamp-market");

        ExchangeOrder limit = gateway.placeOrder(
                credentials, limit("BTC/EUR", Side.BUY, "0.01", "60000", TimeInForce.FOK, clientOrderId));
        gateway.placeOrder(credentials, market("BTC/EUR", Side.SELL, "0.02", marketId));

        assertThat(limit.exchangeOrderId()).isEqualTo(ORDER_ID);
        assertThat(limit.clientOrderId()).isEqualTo(clientOrderId);
        assertThat(limit.status()).isEqualTo(OrderStatus.PENDING);
        // XChange's BitstampOrder keeps the time as a java.util.Date: milliseconds.
        assertThat(limit.updatedAt()).isEqualTo(Instant.parse("2024-05-02T10:11:12.123Z"));
        bitstamp.verify(postRequestedFor(urlPathEqualTo("/api/v2/buy/btceur/"))
                .withFormParam("client_order_id", equalTo(clientOrderId))
                .withFormParam("amount", equalTo("0.01"))
                .withFormParam("price", equalTo("60000"))
                .withFormParam("fok_order", equalTo("True"))
                .withFormParam("ioc_order", absent()));
        bitstamp.verify(postRequestedFor(urlPathEqualTo("/api/v2/sell/market/btceur/"))
                .withFormParam("client_order_id", equalTo(marketId))
                .withFormParam("amount", equalTo("0.02")));
    }

    @Test
    void givenFilledOrder_whenLookedUpByClientOrderId_thenOrderStatusByClientOrderId() {
        stubFilledInTwoTrades();

        assertThat(gateway.orderByClientOrderId(credentials, "BTC/EUR", clientOrderId))
                .hasValueSatisfying(order -> {
                    assertThat(order.exchangeOrderId()).isEqualTo(ORDER_ID);
                    assertThat(order.clientOrderId()).isEqualTo(clientOrderId);
                    assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
                    assertThat(order.quantity()).isEqualByComparingTo("0.01");
                    assertThat(order.averagePrice()).isEqualByComparingTo("59950");
                    assertThat(order.side()).isEqualTo(Side.BUY);
                    assertThat(order.updatedAt()).isEqualTo(Instant.parse("2024-05-02T10:11:15Z"));
                });
        bitstamp.verify(postRequestedFor(urlPathEqualTo("/api/v2/order_status/"))
                .withFormParam("client_order_id", equalTo(clientOrderId))
                .withFormParam("id", absent()));
    }

    @Test
    void givenUnknownClientOrderId_whenLookedUp_thenEmptyFromBitstampsErrorInA200() {
        bitstamp.stubFor(post(urlPathEqualTo("/api/v2/order_status/"))
                .willReturn(okJson(
                        "{\"status\": \"error\", \"reason\": \"Order not found.\", \"response_code\": \"404.002\"}")));

        assertThat(gateway.orderByClientOrderId(credentials, "BTC/EUR", clientOrderId))
                .isEmpty();
    }

    @Test
    void givenPartlyFilledOrder_whenCancelled_thenCancelledWithWhatFilled() {
        bitstamp.stubFor(post(urlPathEqualTo("/api/v2/cancel_order/")).willReturn(okJson("""
                {"id": %s, "amount": "0.00600000", "price": "60000.00", "type": 0, "market": "BTC/EUR"}""".formatted(ORDER_ID))));
        stubOrderStatus("Canceled", "0.00600000", transaction(1, "60000.00", "0.00400000", "240.00", "0.60"));

        ExchangeOrder cancelled = gateway.cancelOrder(credentials, "BTC/EUR", ORDER_ID);

        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.filledQuantity()).isEqualByComparingTo("0.004");
        assertThat(cancelled.quantity()).isEqualByComparingTo("0.01");
        bitstamp.verify(
                postRequestedFor(urlPathEqualTo("/api/v2/cancel_order/")).withFormParam("id", equalTo(ORDER_ID)));
    }

    @Test
    void givenOrderWithTwoTrades_whenFillsRead_thenTradesFromTheOrderStatus() {
        stubFilledInTwoTrades();

        List<Fill> fills = gateway.fillsForOrder(credentials, "BTC/EUR", ORDER_ID);

        assertThat(fills).extracting(Fill::tradeId).containsExactly("1", "2");
        assertThat(fills.get(1).exchangeOrderId()).isEqualTo(ORDER_ID);
        assertThat(fills.get(1).price()).isEqualByComparingTo("60000");
        assertThat(fills.get(1).quantity()).isEqualByComparingTo("0.005");
        assertThat(fills.get(1).fee()).isEqualByComparingTo("0.76");
        assertThat(fills.get(1).feeAsset()).isEqualTo("EUR");
        bitstamp.verify(
                postRequestedFor(urlPathEqualTo("/api/v2/order_status/")).withFormParam("id", equalTo(ORDER_ID)));
    }

    @Test
    void givenAccountTransactions_whenFillsSinceRead_thenOnlyTradesFromThatTime() {
        bitstamp.stubFor(
                post(urlPathEqualTo("/api/v2/user_transactions/btceur/")).willReturn(okJson("""
                [{"id": 3, "order_id": 33, "type": "2", "datetime": "2024-05-02 12:00:00.000000",
                  "btc": "-0.01000000", "eur": "610.00", "btc_eur": "61000.00", "fee": "1.53"},
                 {"id": 2, "order_id": 0, "type": "0", "datetime": "2024-05-02 11:00:00",
                  "btc": "0.0", "eur": "1000.00", "fee": "0.00"},
                 {"id": 1, "order_id": 11, "type": "2", "datetime": "2024-05-01 09:00:00",
                  "btc": "0.01000000", "eur": "-600.00", "btc_eur": "60000.00", "fee": "1.50"}]""")));

        List<Fill> fills = gateway.fillsSince(credentials, "BTC/EUR", Instant.parse("2024-05-02T00:00:00Z"));

        assertThat(fills).singleElement().satisfies(fill -> {
            assertThat(fill.tradeId()).isEqualTo("3");
            assertThat(fill.exchangeOrderId()).isEqualTo("33");
            assertThat(fill.side()).isEqualTo(Side.SELL);
            assertThat(fill.quantity()).isEqualByComparingTo("0.01");
            assertThat(fill.price()).isEqualByComparingTo("61000");
        });
        bitstamp.verify(postRequestedFor(urlPathEqualTo("/api/v2/user_transactions/btceur/"))
                .withFormParam("sort", equalTo("desc"))
                .withFormParam("offset", equalTo("0")));
    }

    @Test
    void givenTwentyOpenOrdersAndTrades_whenTheAccountIsRead_thenOneRequestOfEachForThePair() {
        String orders =
                IntStream.range(0, 20).mapToObj(i -> """
                        {"id": "%d", "datetime": "2024-05-02 12:00:00", "type": "0", "price": "60000.00",
                         "amount": "0.01000000", "amount_at_create": "0.01000000", "client_order_id": "c-%d"}""".formatted(100 + i, i)).collect(Collectors.joining(","));
        String trades = IntStream.range(0, 20)
                .mapToObj(i -> """
                        {"id": %d, "order_id": %d, "type": "2", "datetime": "2024-05-02 12:00:%02d",
                         "btc": "0.00100000", "eur": "-60.00", "btc_eur": "60000.00", "fee": "0.15"}""".formatted(1000 + i, 100 + i, i))
                .collect(Collectors.joining(","));
        bitstamp.stubFor(post(urlPathEqualTo("/api/v2/open_orders/btceur/")).willReturn(okJson("[" + orders + "]")));
        bitstamp.stubFor(
                post(urlPathEqualTo("/api/v2/user_transactions/btceur/")).willReturn(okJson("[" + trades + "]")));

        assertThat(gateway.accountOpenOrders(credentials, List.of("BTC/EUR"))).hasSize(20);
        assertThat(gateway.accountFillsSince(credentials, List.of("BTC/EUR"), Instant.parse("2024-05-02T00:00:00Z")))
                .hasSize(20);

        // Bitstamp's lists are per pair: one request each per symbol, never per order.
        bitstamp.verify(1, postRequestedFor(urlPathEqualTo("/api/v2/open_orders/btceur/")));
        bitstamp.verify(1, postRequestedFor(urlPathEqualTo("/api/v2/user_transactions/btceur/")));
    }

    @Test
    void givenInsufficientBalance_whenPlaced_thenRejectedWithBitstampsCode() {
        bitstamp.stubFor(post(urlPathEqualTo("/api/v2/buy/market/btceur/")).willReturn(okJson("""
                {"status": "error", "reason": {"__all__": ["You need 600.00 EUR to open that order. \
                You have only 10.00 EUR available. Check your account balance for details."]}, \
                "response_code": "400.009"}""")));

        ExchangeCallException e =
                assertFails(() -> gateway.placeOrder(credentials, marketBuy()), ExchangeFailure.REJECTED, "400.009");

        assertThat(e.getMessage()).contains("Check your account balance");
    }

    @Test
    void givenBitstampsRateLimit_whenCalled_thenRateLimited() {
        bitstamp.stubFor(post(urlPathEqualTo("/api/v2/account_balances/")).willReturn(jsonError(400, """
                        {"status": "error", "reason": "Request rejected due to exceeded rate limit",
                         "response_code": "400.002"}""")));

        ExchangeCallException e =
                assertFails(() -> gateway.balances(credentials), ExchangeFailure.RATE_LIMITED, "400.002");

        assertThat(e.retryAfter()).isPositive();
    }

    @Test
    void givenWrongSecret_whenCalled_thenAuthWithBitstampsCode() {
        assertFails(
                () -> gateway.balances(new ApiCredentials(API_KEY, "wrong", null)), ExchangeFailure.AUTH, "API0005");
    }

    @Test
    void givenWorkingKey_whenPermissionsRead_thenReadAndTradeAssumedAndWithdrawUnknown() {
        bitstamp.stubFor(post(urlPathEqualTo("/api/v2/account_balances/")).willReturn(okJson("""
                [{"currency": "btc", "total": "0.50000000", "available": "0.40000000", "reserved": "0.10000000"},
                 {"currency": "eur", "total": "0.00", "available": "0.00", "reserved": "0.00"}]""")));

        assertThat(gateway.permissions(credentials)).isEqualTo(new KeyPermissions(true, true, null));
        assertThat(gateway.balances(credentials))
                .containsExactly(new Balance("BTC", new BigDecimal("0.40000000"), new BigDecimal("0.10000000")));
    }

    @Test
    void givenPairInfo_whenRulesRead_thenDecimalsAndMinimumOrderValue() {
        bitstamp.stubFor(get(urlPathEqualTo("/api/v2/trading-pairs-info/")).willReturn(okJson("""
                [{"name": "BTC/EUR", "url_symbol": "btceur", "base_decimals": 8, "counter_decimals": 0,
                  "instant_order_counter_decimals": 2, "minimum_order": "10.0 EUR", "trading": "Enabled",
                  "instant_and_market_orders": "Enabled", "description": "Bitcoin / Euro"}]""")));

        InstrumentRules rules = gateway.instrumentRules(credentials, "BTC/EUR");

        assertRules(rules, "BTC/EUR", "1", "0.00000001", null, "10");
        assertFails(() -> gateway.instrumentRules(credentials, "DOGE/EUR"), ExchangeFailure.REJECTED);
    }

    @Test
    void givenTicker_whenLastPriceRead_thenItsLastFromThePublicTickerOfThePair() {
        bitstamp.stubFor(get(urlPathEqualTo("/api/v2/ticker/btceur/")).willReturn(okJson("""
                {"timestamp": "1714644672", "open": "57010", "high": "58900", "low": "56700", "last": "58213",
                 "volume": "1523.08172954", "vwap": "57890", "bid": "58210", "ask": "58216", "side": "0",
                 "open_24": "57500", "percent_change_24": "1.24", "market_type": "SPOT"}""")));

        assertThat(gateway.lastPrice(credentials, "BTC/EUR")).isEqualByComparingTo("58213");
        assertThat(gateway.bestAsk(credentials, "BTC/EUR"))
                .hasValueSatisfying(ask -> assertThat(ask).isEqualByComparingTo("58216"));
        // Public market data: no signature is sent.
        bitstamp.verify(
                getRequestedFor(urlPathEqualTo("/api/v2/ticker/btceur/")).withHeader("X-Auth", absent()));
    }

    @Test
    void givenPairBitstampDoesNotHave_whenLastPriceRead_thenRejected() {
        bitstamp.stubFor(get(urlPathEqualTo("/api/v2/ticker/dogeeur/"))
                .willReturn(aResponse().withStatus(404).withBody("Not Found")));

        assertFails(() -> gateway.lastPrice(credentials, "DOGE/EUR"), ExchangeFailure.REJECTED);
    }

    private OrderRequest marketBuy() {
        return market("BTC/EUR", Side.BUY, "0.01", clientOrderId);
    }

    private String placed(String type, String price) {
        return """
                {"id": "%s", "market": "BTC/EUR", "datetime": "2024-05-02 10:11:12.123456", "type": "%s",
                 "price": "%s", "amount": "0.01000000", "client_order_id": "%s"}""".formatted(ORDER_ID, type, price, clientOrderId);
    }

    /** Our buy of 0.01 BTC filled in two trades: 0.005 at 59,900 (fee 0.75 EUR), then 0.005 at 60,000 (fee 0.76). */
    private void stubFilledInTwoTrades() {
        stubOrderStatus(
                "Finished",
                "0.00000000",
                transaction(1, "59900.00", "0.00500000", "299.50", "0.75"),
                transaction(2, "60000.00", "0.00500000", "300.00", "0.76"));
    }

    /** order_status answers our buy of 0.01 BTC in {@code status}, {@code remaining} open, with its transactions. */
    private void stubOrderStatus(String status, String remaining, String... transactions) {
        bitstamp.stubFor(post(urlPathEqualTo("/api/v2/order_status/")).willReturn(okJson("""
                {"id": %s, "datetime": "2024-05-02 10:11:12", "type": "0", "status": "%s", "market": "BTC/EUR",
                 "transactions": [%s], "amount_remaining": "%s", "client_order_id": "%s"}""".formatted(
                        ORDER_ID, status, String.join(",", transactions), remaining, clientOrderId))));
    }

    private static String transaction(int tid, String price, String btc, String eur, String fee) {
        return """
                {"tid": %d, "price": "%s", "btc": "%s", "eur": "%s", "fee": "%s",
                 "datetime": "2024-05-02 10:11:1%d", "type": 2}""".formatted(tid, price, btc, eur, fee, 3 + tid);
    }

    /** Bitstamp's documented v2 signature, computed here without XChange. */
    private static boolean signatureVerifies(Request request) {
        String nonce = request.getHeader("X-Auth-Nonce");
        String timestamp = request.getHeader("X-Auth-Timestamp");
        String signature = request.getHeader("X-Auth-Signature");
        if (!("BITSTAMP " + API_KEY).equals(request.getHeader("X-Auth"))
                || nonce == null
                || timestamp == null
                || signature == null
                || !"v2".equals(request.getHeader("X-Auth-Version"))
                || Math.abs(System.currentTimeMillis() - Long.parseLong(timestamp)) > 150_000) {
            return false;
        }
        String body = request.getBodyAsString();
        String contentType = request.containsHeader("Content-Type") ? request.getHeader("Content-Type") : "";
        if (body.isEmpty() && !contentType.isEmpty()) {
            // Bitstamp refuses a Content-Type without a body (API0020).
            return false;
        }
        URI url = URI.create(request.getUrl());
        String message = "BITSTAMP " + API_KEY + request.getMethod().getName() + SIGNED_HOST + url.getRawPath()
                + (url.getRawQuery() == null ? "" : url.getRawQuery()) + contentType + nonce + timestamp + "v2"
                + body;
        String expected = HexFormat.of()
                .formatHex(Hmac.mac(
                        "HmacSHA256",
                        SECRET.getBytes(StandardCharsets.UTF_8),
                        message.getBytes(StandardCharsets.UTF_8)));
        return expected.equalsIgnoreCase(signature);
    }
}
