package com.algomarket.activities.exchange.binance;

import static com.algomarket.activities.support.GatewayTestSupport.assertFails;
import static com.algomarket.activities.support.GatewayTestSupport.assertRateLimited;
import static com.algomarket.activities.support.GatewayTestSupport.jsonError;
import static com.algomarket.activities.support.GatewayTestSupport.limit;
import static com.algomarket.activities.support.GatewayTestSupport.limiter;
import static com.algomarket.activities.support.GatewayTestSupport.market;
import static com.algomarket.activities.support.GatewayTestSupport.postedForm;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeOrder;
import com.algomarket.activities.exchange.Fill;
import com.algomarket.activities.exchange.OrderRequest;
import com.algomarket.activities.exchange.transport.ExchangeRateLimiter;
import com.algomarket.activities.exchange.transport.Hmac;
import com.algomarket.activities.exchange.transport.RateLimit;
import com.algomarket.activities.exchange.transport.RestEndpoint;
import com.algomarket.activities.support.LocalExchange;
import com.algomarket.workflows.exchange.ClientOrderIds;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.exchange.ExchangeFailure;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.orders.TimeInForce;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.ValueMatcher;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * XChange's Binance module against a local server that checks every signed request the way Binance documents it
 * (HMAC-SHA256 of the query string followed by the body, hex, key in X-MBX-APIKEY) and answers with the documented
 * response shapes. The paper venue tests cover behaviour; this one pins the wire format to Binance's documentation.
 */
class BinanceGatewayTest {

    private static final String API_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
    private static final String SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    private static final String CLIENT_ORDER_ID = ClientOrderIds.forBusinessKey("order-p1-s1");

    @RegisterExtension
    final LocalExchange binance = new LocalExchange();

    private BinanceGateway gateway;
    private final ApiCredentials credentials = new ApiCredentials(API_KEY, SECRET, null);

    /** Binance's signature check, written from its documentation rather than from XChange's code. */
    private static final ValueMatcher<Request> SIGNED = request -> {
        String query = request.getUrl().contains("?")
                ? request.getUrl().substring(request.getUrl().indexOf('?') + 1)
                : "";
        String unsignedQuery = Arrays.stream(query.split("&"))
                .filter(pair -> !pair.isEmpty() && !pair.startsWith("signature="))
                .collect(Collectors.joining("&"));
        String signature = Arrays.stream(query.split("&"))
                .filter(pair -> pair.startsWith("signature="))
                .map(pair -> pair.substring("signature=".length()))
                .findFirst()
                .orElse("");
        String payload = unsignedQuery + request.getBodyAsString();
        return MatchResult.of(API_KEY.equals(request.getHeader("X-MBX-APIKEY"))
                && payload.contains("timestamp=")
                && Hmac.sha256Hex(SECRET, payload).equals(signature));
    };

    @BeforeEach
    void start() {
        // Anything not signed correctly gets Binance's answer to a bad signature.
        binance.stubFor(any(anyUrl())
                .atPriority(10)
                .willReturn(jsonError(400, "{\"code\":-1022,\"msg\":\"Signature for this request is not valid.\"}")));
        gateway = gateway(limiter(Exchange.BINANCE, RateLimit.perMinute(6_000), RateLimit.perSecond(50)));
    }

    @Test
    void givenLimitOrder_whenPlaced_thenSignedFormCarriesOurClientOrderId() {
        stubLimitOrderPlaced();

        ExchangeOrder order = gateway.placeOrder(
                credentials, limit("BTC/EUR", Side.BUY, "0.1", "59000", TimeInForce.GTC, CLIENT_ORDER_ID));

        assertThat(order.exchangeOrderId()).isEqualTo("28");
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
        binance.verify(
                1,
                postedForm(
                        "/api/v3/order",
                        "symbol=BTCEUR&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.1&price=59000&newClientOrderId="
                                + CLIENT_ORDER_ID));
    }

    @Test
    void givenSymbolPriceTicker_whenLastPriceRead_thenItsPriceAskedUnsignedForTheOneSymbol() {
        binance.stubFor(get(urlPathEqualTo("/api/v3/ticker/price"))
                .withQueryParam("symbol", equalTo("BTCEUR"))
                .willReturn(okJson("{\"symbol\":\"BTCEUR\",\"price\":\"58213.45000000\"}")));

        assertThat(gateway.lastPrice(credentials, "BTC/EUR")).isEqualByComparingTo("58213.45");
        binance.verify(
                1, getRequestedFor(urlPathEqualTo("/api/v3/ticker/price")).withQueryParam("signature", absent()));
    }

    @Test
    void givenUnknownSymbol_whenLastPriceRead_thenRejectedWithBinanceCode() {
        binance.stubFor(get(urlPathEqualTo("/api/v3/ticker/price"))
                .willReturn(jsonError(400, "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}")));

        assertFails(() -> gateway.lastPrice(credentials, "DOGE/EUR"), ExchangeFailure.REJECTED, "-1121");
    }

    @Test
    void givenOrderUnderOurId_whenLookedUpByClientOrderId_thenOnlyOrigClientOrderIdIsSent() {
        stubSigned(
                get(urlPathEqualTo("/api/v3/order")).withQueryParam("origClientOrderId", equalTo(CLIENT_ORDER_ID)),
                okJson(orderJson("PARTIALLY_FILLED", "0.04000000", "2360.00000000")));

        ExchangeOrder order = gateway.orderByClientOrderId(credentials, "BTC/EUR", CLIENT_ORDER_ID)
                .orElseThrow();

        assertThat(order.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(order.filledQuantity()).isEqualByComparingTo("0.04");
        assertThat(order.averagePrice()).isEqualByComparingTo("59000");
        assertThat(binance.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                                urlPathEqualTo("/api/v3/order")))
                        .getFirst()
                        .queryParameter("orderId")
                        .isPresent())
                .as("XChange's own call would send orderId=0, which Binance would look up instead")
                .isFalse();
    }

    @Test
    void givenNoSuchOrder_whenLookedUp_thenEmpty() {
        stubSigned(
                get(urlPathEqualTo("/api/v3/order")),
                jsonError(400, "{\"code\":-2013,\"msg\":\"Order does not exist.\"}"));

        assertThat(gateway.orderByClientOrderId(credentials, "BTC/EUR", CLIENT_ORDER_ID))
                .isEmpty();
    }

    @Test
    void givenOpenOrder_whenCancelled_thenCancelledAsTheOrderReports() {
        stubSigned(
                delete(urlPathEqualTo("/api/v3/order")).withQueryParam("orderId", equalTo("28")),
                okJson("""
                {"symbol":"BTCEUR","origClientOrderId":"%s","orderId":28,"orderListId":-1,
                 "clientOrderId":"cancelMyOrder1","transactTime":1684804350068,"price":"59000.00000000",
                 "origQty":"0.10000000","executedQty":"0.00000000","cummulativeQuoteQty":"0.00000000",
                 "status":"CANCELED","timeInForce":"GTC","type":"LIMIT","side":"BUY","selfTradePreventionMode":"NONE"}
                """.formatted(CLIENT_ORDER_ID)));
        stubSigned(get(urlPathEqualTo("/api/v3/order")), okJson(orderJson("CANCELED", "0.00000000", "0.00000000")));

        assertThat(gateway.cancelOrder(credentials, "BTC/EUR", "28").status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void givenTrades_whenFillsForOrderRead_thenMappedWithFees() {
        stubSigned(get(urlPathEqualTo("/api/v3/myTrades")).withQueryParam("orderId", equalTo("28")), okJson("""
                [{"symbol":"BTCEUR","id":28457,"orderId":28,"orderListId":-1,"price":"59000.00000000",
                  "qty":"0.04000000","quoteQty":"2360.00000000","commission":"2.36000000","commissionAsset":"EUR",
                  "time":1499865549590,"isBuyer":true,"isMaker":false,"isBestMatch":true}]"""));

        List<Fill> fills = gateway.fillsForOrder(credentials, "BTC/EUR", "28");

        assertThat(fills).singleElement().satisfies(fill -> {
            assertThat(fill.tradeId()).isEqualTo("28457");
            assertThat(fill.side()).isEqualTo(Side.BUY);
            assertThat(fill.fee()).isEqualByComparingTo("2.36");
            assertThat(fill.feeAsset()).isEqualTo("EUR");
        });
    }

    @Test
    void givenInsufficientBalance_whenPlaced_thenRejectedWithBinanceCode() {
        stubSigned(
                post(urlPathEqualTo("/api/v3/order")),
                jsonError(400, "{\"code\":-2010,\"msg\":\"Account has insufficient balance for requested action.\"}"));

        assertFails(() -> gateway.placeOrder(credentials, marketBuy()), ExchangeFailure.REJECTED, "-2010");
    }

    /**
     * Binance counts orders per account and request weight per IP: a key allowed one order a second reads as often as
     * the IP's weight allows, and only its second order in the same second is held back (here refused, as the limiter
     * may not wait at all).
     */
    @Test
    void givenAKeyOfOneOrderASecond_whenItReadsThreeTimesAndOrdersTwice_thenOnlyTheSecondOrderIsLimited() {
        stubSigned(get(urlPathEqualTo("/api/v3/order")), okJson(orderJson("NEW", "0.00000000", "0.00000000")));
        stubLimitOrderPlaced();
        BinanceGateway limited =
                gateway(limiter(Exchange.BINANCE, RateLimit.perMinute(6_000), RateLimit.perSecond(1), Duration.ZERO));
        OrderRequest order = limit("BTC/EUR", Side.BUY, "0.1", "59000", TimeInForce.GTC, CLIENT_ORDER_ID);

        for (int read = 0; read < 3; read++) {
            assertThat(limited.orderByClientOrderId(credentials, "BTC/EUR", CLIENT_ORDER_ID))
                    .isPresent();
        }
        assertThat(limited.placeOrder(credentials, order).exchangeOrderId()).isEqualTo("28");
        ExchangeCallException second =
                catchThrowableOfType(ExchangeCallException.class, () -> limited.placeOrder(credentials, order));

        assertThat(second.failure()).isEqualTo(ExchangeFailure.RATE_LIMITED);
        binance.verify(1, postRequestedFor(urlPathEqualTo("/api/v3/order")));
    }

    @Test
    void given429WithRetryAfter_whenCalled_thenRateLimitedForThatLong() {
        stubSigned(
                get(urlPathEqualTo("/api/v3/openOrders")),
                aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "7")
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"code\":-1003,\"msg\":\"Too many requests; current limit is 6000 request weight per "
                                        + "1 MINUTE.\"}"));

        assertRateLimited(() -> gateway.openOrders(credentials, "BTC/EUR"), Duration.ofSeconds(7));
    }

    @Test
    void given5xx_whenPlacing_thenUnknown_andWhenReading_thenUnavailable() {
        stubSigned(any(anyUrl()), aResponse().withStatus(502).withBody("<html>Bad Gateway</html>"));

        assertFails(() -> gateway.placeOrder(credentials, marketBuy()), ExchangeFailure.UNKNOWN);
        assertFails(() -> gateway.fillsForOrder(credentials, "BTC/EUR", "28"), ExchangeFailure.UNAVAILABLE);
    }

    @Test
    void givenWrongSecret_whenCalled_thenAuth() {
        ApiCredentials wrong = new ApiCredentials(API_KEY, "x".repeat(64), null);

        assertThatThrownBy(() -> gateway.balances(wrong)).isInstanceOfSatisfying(ExchangeCallException.class, e -> {
            assertThat(e.failure()).isEqualTo(ExchangeFailure.AUTH);
            assertThat(e.getMessage()).doesNotContain("x".repeat(64));
        });
    }

    @Test
    void givenApiRestrictions_whenPermissionsRead_thenWithdrawComesFromEnableWithdrawals() {
        stubSigned(get(urlPathEqualTo("/sapi/v1/account/apiRestrictions")), okJson("""
                {"ipRestrict":false,"createTime":1698645219000,"enableReading":true,"enableWithdrawals":true,
                 "enableInternalTransfer":false,"enableMargin":false,"enableFutures":false,
                 "permitsUniversalTransfer":false,"enableVanillaOptions":false,"enableFixApiTrade":false,
                 "enableFixReadOnly":false,"enableSpotAndMarginTrading":true,"enablePortfolioMarginTrading":false}
                """));

        assertThat(gateway.permissions(credentials).withdraw()).isTrue();
        assertThat(gateway.permissions(credentials).trade()).isTrue();
    }

    private static OrderRequest marketBuy() {
        return market("BTC/EUR", Side.BUY, "0.1", CLIENT_ORDER_ID);
    }

    private static String orderJson(String status, String executedQty, String cumulativeQuote) {
        return """
                {"symbol":"BTCEUR","orderId":28,"orderListId":-1,"clientOrderId":"%s","price":"59000.00000000",
                 "origQty":"0.10000000","executedQty":"%s","cummulativeQuoteQty":"%s","status":"%s",
                 "timeInForce":"GTC","type":"LIMIT","side":"BUY","stopPrice":"0.00000000","icebergQty":"0.00000000",
                 "time":1499827319559,"updateTime":1499827319559,"isWorking":true,"workingTime":1499827319559,
                 "origQuoteOrderQty":"0.000000","selfTradePreventionMode":"NONE"}
                """.formatted(CLIENT_ORDER_ID, executedQty, cumulativeQuote, status);
    }

    /** Binance's answer to our limit buy of 0.1 BTC at 59,000 under {@link #CLIENT_ORDER_ID}: accepted, order 28. */
    private void stubLimitOrderPlaced() {
        stubSigned(post(urlPathEqualTo("/api/v3/order")), okJson("""
                {"symbol":"BTCEUR","orderId":28,"orderListId":-1,"clientOrderId":"%s","transactTime":1507725176595,
                 "price":"59000.00000000","origQty":"0.10000000","executedQty":"0.00000000",
                 "cummulativeQuoteQty":"0.00000000","status":"NEW","timeInForce":"GTC","type":"LIMIT","side":"BUY",
                 "workingTime":1507725176595,"selfTradePreventionMode":"NONE","fills":[]}
                """.formatted(CLIENT_ORDER_ID)));
    }

    /** Binance answers {@code request} with {@code answer} where it is signed correctly. */
    private void stubSigned(MappingBuilder request, ResponseDefinitionBuilder answer) {
        binance.stubFor(request.andMatching(SIGNED).willReturn(answer));
    }

    /** Our Binance gateway against the WireMock server, under {@code limiter}. */
    private BinanceGateway gateway(ExchangeRateLimiter limiter) {
        return new BinanceGateway(
                Exchange.BINANCE,
                new RestEndpoint(URI.create(binance.baseUrl()), Duration.ofSeconds(1), Duration.ofSeconds(2)),
                limiter,
                Clock.systemUTC());
    }
}
