package com.algomarket.activities.exchange.kraken;

import static com.algomarket.activities.support.GatewayTestSupport.assertFails;
import static com.algomarket.activities.support.GatewayTestSupport.assertRules;
import static com.algomarket.activities.support.GatewayTestSupport.baseUrl;
import static com.algomarket.activities.support.GatewayTestSupport.endpoint;
import static com.algomarket.activities.support.GatewayTestSupport.failure;
import static com.algomarket.activities.support.GatewayTestSupport.form;
import static com.algomarket.activities.support.GatewayTestSupport.generousLimiter;
import static com.algomarket.activities.support.GatewayTestSupport.limit;
import static com.algomarket.activities.support.GatewayTestSupport.market;
import static com.algomarket.activities.support.GatewayTestSupport.postedForm;
import static com.algomarket.activities.support.GatewayTestSupport.refuseUnverified;
import static com.algomarket.activities.support.GatewayTestSupport.stopLimit;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
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
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.orders.TimeInForce;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * KrakenGateway against a local Kraken: every private request must carry an API-Sign that verifies by Kraken's
 * documented algorithm (HMAC-SHA512 over the URI path and SHA-256 of nonce + POST data, keyed with the Base64-decoded
 * secret), checked here independently of XChange's KrakenDigest; otherwise Kraken's own auth error comes back.
 */
class KrakenGatewayTest {

    private static final String API_KEY = "kraken-test-key";
    private static final String SECRET = Base64.getEncoder()
            .encodeToString(
                    "a Kraken private key of sixty-four bytes, for the tests only..!".getBytes(StandardCharsets.UTF_8));
    private static final String TXID = "OUF4EM-FRGI2-MQMWZD";

    private final ApiCredentials credentials = new ApiCredentials(API_KEY, SECRET, null);
    private final String clientOrderId = ClientOrderIds.forBusinessKey("order-kraken-1");

    @RegisterExtension
    final LocalExchange kraken = new LocalExchange();

    private KrakenGateway gateway;

    @BeforeEach
    void startKraken() {
        // Whatever else is stubbed: a private request whose signature does not verify gets Kraken's auth error.
        refuseUnverified(
                kraken,
                post(urlPathMatching("/0/private/.*")),
                request -> signatureVerifies(request),
                okJson("{\"error\":[\"EAPI:Invalid signature\"]}"));
        gateway = gatewayTo(baseUrl(kraken));
    }

    @Test
    void givenMarketAndLimitOrders_whenPlaced_thenBothCarryOurClientOrderIdAsClOrdId() {
        stubResult(post(urlPathEqualTo("/0/private/AddOrder")), """
                {"descr":{"order":"buy 0.01000000 XBTEUR @ limit 60000.0"},
                 "txid":["%s"]}""".formatted(TXID));
        String marketId = ClientOrderIds.forBusinessKey("order-kraken-market");

        ExchangeOrder limit = gateway.placeOrder(
                credentials, limit("BTC/EUR", Side.BUY, "0.01", "60000", TimeInForce.IOC, clientOrderId));
        gateway.placeOrder(credentials, market("BTC/EUR", Side.SELL, "0.02", marketId));

        assertThat(limit.exchangeOrderId()).isEqualTo(TXID);
        assertThat(limit.clientOrderId()).isEqualTo(clientOrderId);
        assertThat(limit.status()).isEqualTo(OrderStatus.PENDING);
        kraken.verify(postedForm(
                        "/0/private/AddOrder",
                        "cl_ord_id=" + clientOrderId
                                + "&pair=XBTEUR&type=buy&ordertype=limit&price=60000&volume=0.01&timeinforce=IOC"
                                + "&oflags=fciq")
                .withFormParam("userref", absent()));
        kraken.verify(
                postedForm("/0/private/AddOrder", "cl_ord_id=" + marketId + "&type=sell&ordertype=market&volume=0.02")
                        .withFormParam("price", absent()));
    }

    /**
     * Kraken's AddOrder documents {@code stop-loss-limit} as a limit order triggered when the reference price reaches
     * the stop from the unfavourable side: the trigger goes in {@code price}, the limit in {@code price2}, and a time
     * in force is for plain limit orders only.
     */
    @Test
    void givenStopLimitSell_whenPlaced_thenStopLossLimitWithTheTriggerInPriceAndTheLimitInPrice2() {
        stubResult(post(urlPathEqualTo("/0/private/AddOrder")), """
                {"descr":{"order":"sell 0.01000000 XBTEUR @ stop loss 55000.0 -> limit 54500.0"},
                 "txid":["%s"]}""".formatted(TXID));

        ExchangeOrder placed = gateway.placeOrder(
                credentials, stopLimit("BTC/EUR", Side.SELL, "0.01", "54500", "55000", clientOrderId));

        assertThat(placed.exchangeOrderId()).isEqualTo(TXID);
        assertThat(placed.status()).isEqualTo(OrderStatus.PENDING);
        kraken.verify(postedForm(
                        "/0/private/AddOrder",
                        "cl_ord_id=" + clientOrderId
                                + "&pair=XBTEUR&type=sell&ordertype=stop-loss-limit&price=55000&price2=54500&volume=0.01")
                .withFormParam("timeinforce", absent()));
    }

    @Test
    void givenOrderClosedAlready_whenLookedUpByClientOrderId_thenOpenThenClosedOrdersAreAskedByClOrdId() {
        stubResult(post(urlPathEqualTo("/0/private/OpenOrders")), "{\"open\":{}}");
        stubResult(post(urlPathEqualTo("/0/private/ClosedOrders")), """
                {"closed":{"%s":%s},"count":1}""".formatted(
                        TXID, orderInfo("closed", "0.01000000", "0.01000000", "599.50000", clientOrderId)));

        Optional<ExchangeOrder> order = gateway.orderByClientOrderId(credentials, "BTC/EUR", clientOrderId);

        assertThat(order).hasValueSatisfying(found -> {
            assertThat(found.exchangeOrderId()).isEqualTo(TXID);
            assertThat(found.clientOrderId()).isEqualTo(clientOrderId);
            assertThat(found.status()).isEqualTo(OrderStatus.FILLED);
            assertThat(found.filledQuantity()).isEqualByComparingTo("0.01");
            assertThat(found.averagePrice()).isEqualByComparingTo("59950");
            assertThat(found.side()).isEqualTo(Side.BUY);
            assertThat(found.type()).isEqualTo(OrderType.LIMIT);
        });
        kraken.verify(postRequestedFor(urlPathEqualTo("/0/private/OpenOrders"))
                .withFormParam("cl_ord_id", equalTo(clientOrderId)));
        kraken.verify(postRequestedFor(urlPathEqualTo("/0/private/ClosedOrders"))
                .withFormParam("cl_ord_id", equalTo(clientOrderId)));
    }

    @Test
    void givenNoOrderWithClientOrderId_whenLookedUp_thenEmpty() {
        stubResult(post(urlPathEqualTo("/0/private/OpenOrders")), "{\"open\":{}}");
        stubResult(post(urlPathEqualTo("/0/private/ClosedOrders")), "{\"closed\":{},\"count\":0}");

        assertThat(gateway.orderByClientOrderId(credentials, "BTC/EUR", clientOrderId))
                .isEmpty();
    }

    @Test
    void givenOpenOrder_whenCancelled_thenCancelOrderByTxidAndTheOrderAsKrakenReportsItAfterwards() {
        stubResult(post(urlPathEqualTo("/0/private/CancelOrder")), "{\"count\":1}");
        stubOrderQueried("canceled", "0.00400000", "240.00000");

        ExchangeOrder cancelled = gateway.cancelOrder(credentials, "BTC/EUR", TXID);

        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.filledQuantity()).isEqualByComparingTo("0.004");
        kraken.verify(postRequestedFor(urlPathEqualTo("/0/private/CancelOrder")).withFormParam("txid", equalTo(TXID)));
        kraken.verify(postRequestedFor(urlPathEqualTo("/0/private/QueryOrders")).withFormParam("txid", equalTo(TXID)));
    }

    @Test
    void givenOrderFilledBeforeTheCancel_whenCancelled_thenTheFilledOrderInsteadOfAnError() {
        stubError(post(urlPathEqualTo("/0/private/CancelOrder")), "EOrder:Unknown order");
        stubOrderQueried("closed", "0.01000000", "600.00000");

        assertThat(gateway.cancelOrder(credentials, "BTC/EUR", TXID).status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void givenOrderWithTwoTrades_whenFillsRead_thenBothTradesWithFeesInTheQuoteAsset() {
        String withTrades = orderInfo("closed", "0.01000000", "0.01000000", "599.50000", clientOrderId)
                .replace("\"status\"", "\"trades\":[\"TZX2WP-XSEOP-FP7WYR\",\"TJUW2K-FLX2N-AR2FLU\"],\"status\"");
        stubResult(
                post(urlPathEqualTo("/0/private/QueryOrders")).withRequestBody(containing("trades=true")),
                "{\"%s\":%s}".formatted(TXID, withTrades));
        stubResult(post(urlPathEqualTo("/0/private/QueryTrades")), """
                {
                 "TZX2WP-XSEOP-FP7WYR":{"ordertxid":"%1$s","postxid":"TKH2SE-M7IF5-CFI7LT","pair":"XXBTZEUR",
                   "time":1688667796.8802,"type":"buy","ordertype":"limit","price":"59900.0","cost":"299.50000",
                   "fee":"0.47920","vol":"0.00500000","margin":"0.00000","misc":"","trade_id":93748276,"maker":true},
                 "TJUW2K-FLX2N-AR2FLU":{"ordertxid":"%1$s","postxid":"TKH2SE-M7IF5-CFI7LT","pair":"XXBTZEUR",
                   "time":1688667797.1,"type":"buy","ordertype":"limit","price":"60000.0","cost":"300.00000",
                   "fee":"0.48000","vol":"0.00500000","margin":"0.00000","misc":"","trade_id":93748277,"maker":false}
                }""".formatted(TXID));

        List<Fill> fills = gateway.fillsForOrder(credentials, "BTC/EUR", TXID);

        assertThat(fills).extracting(Fill::tradeId).containsExactly("TZX2WP-XSEOP-FP7WYR", "TJUW2K-FLX2N-AR2FLU");
        assertThat(fills.get(0).exchangeOrderId()).isEqualTo(TXID);
        assertThat(fills.get(0).price()).isEqualByComparingTo("59900");
        assertThat(fills.get(0).quantity()).isEqualByComparingTo("0.005");
        assertThat(fills.get(0).fee()).isEqualByComparingTo("0.4792");
        assertThat(fills.get(0).feeAsset()).isEqualTo("EUR");
        assertThat(fills.get(0).executedAt()).isEqualTo(Instant.ofEpochMilli(1688667796880L));
        kraken.verify(postRequestedFor(urlPathEqualTo("/0/private/QueryTrades"))
                .withFormParam("txid", equalTo("TZX2WP-XSEOP-FP7WYR,TJUW2K-FLX2N-AR2FLU")));
    }

    @Test
    void givenTradesOfSeveralPairs_whenFillsSinceRead_thenOnlyThisPairsFromThatTime() {
        stubAssetPair();
        stubResult(post(urlPathEqualTo("/0/private/TradesHistory")), """
                {"trades":{
                 "T1":{"ordertxid":"O1","pair":"XXBTZEUR","time":1700000100.5,"type":"sell","ordertype":"market",
                   "price":"35000.0","cost":"350.0","fee":"0.9","vol":"0.01","margin":"0","misc":""},
                 "T2":{"ordertxid":"O2","pair":"XETHZEUR","time":1700000200.0,"type":"buy","ordertype":"market",
                   "price":"1900.0","cost":"190.0","fee":"0.5","vol":"0.1","margin":"0","misc":""}
                },"count":2}""");

        List<Fill> fills = gateway.fillsSince(credentials, "BTC/EUR", Instant.ofEpochSecond(1700000000));

        assertThat(fills).singleElement().satisfies(fill -> {
            assertThat(fill.tradeId()).isEqualTo("T1");
            assertThat(fill.side()).isEqualTo(Side.SELL);
        });
        kraken.verify(postRequestedFor(urlPathEqualTo("/0/private/TradesHistory"))
                .withFormParam("start", equalTo("1699999999")));
    }

    @Test
    void givenInsufficientFunds_whenPlaced_thenRejectedWithKrakensError() {
        stubError(post(urlPathEqualTo("/0/private/AddOrder")), "EOrder:Insufficient funds");

        assertFails(
                () -> gateway.placeOrder(credentials, marketBuy()),
                ExchangeFailure.REJECTED,
                "EOrder:Insufficient funds");
    }

    @Test
    void givenKrakensRateLimit_whenCalled_thenRateLimitedAndTheKeyBacksOff() {
        stubError(post(urlPathEqualTo("/0/private/BalanceEx")), "EAPI:Rate limit exceeded");

        ExchangeCallException e = assertFails(() -> gateway.balances(credentials), ExchangeFailure.RATE_LIMITED);

        assertThat(e.retryAfter()).isPositive();
        // The next call with this key is not made at all.
        assertThat(failure(() -> gateway.balances(credentials)).exchangeCode()).isNull();
        kraken.verify(1, postRequestedFor(urlPathEqualTo("/0/private/BalanceEx")));
    }

    @Test
    void givenServiceUnavailableInsideTheAnswer_whenPlaced_thenUnknown() {
        stubError(post(urlPathEqualTo("/0/private/AddOrder")), "EService:Unavailable");

        assertFails(() -> gateway.placeOrder(credentials, marketBuy()), ExchangeFailure.UNKNOWN);
    }

    @Test
    void givenWrongSecret_whenCalled_thenAuthWithoutTheSecretInTheMessage() {
        String wrongSecret =
                Base64.getEncoder().encodeToString("not the secret Kraken issued".getBytes(StandardCharsets.UTF_8));
        ApiCredentials wrong = new ApiCredentials(API_KEY, wrongSecret, null);

        ExchangeCallException e =
                assertFails(() -> gateway.balances(wrong), ExchangeFailure.AUTH, "EAPI:Invalid signature");

        assertThat(e.getMessage()).doesNotContain(wrongSecret);
        assertFails(() -> gateway.balances(new ApiCredentials(API_KEY, "not base64 %%", null)), ExchangeFailure.AUTH);
    }

    @Test
    void givenKeyPermissions_whenRead_thenGetApiKeyInfoDecides() {
        stubResult(post(urlPathEqualTo("/0/private/GetApiKeyInfo")), """
                {"apiKeyName":"algomarket","apiKey":"%s","nonce":"1772627060997",
                 "nonceWindow":0,"permissions":["query-funds","query-open-trades","query-closed-trades",
                 "modify-trades","cancel-close-trades"],"iban":"AA88 N84G WOAK NMOI","validUntil":"0",
                 "queryFrom":"0","queryTo":"0","createdTime":"1772542900","modifiedTime":"1772543095",
                 "ipAllowlist":[],"lastUsed":"1772627061"}""".formatted(API_KEY));

        assertThat(gateway.permissions(credentials)).isEqualTo(new KeyPermissions(true, true, false));

        stubResult(post(urlPathEqualTo("/0/private/GetApiKeyInfo")), """
                {"apiKeyName":"funds","permissions":["query-funds","withdraw-funds"]}""");
        assertThat(gateway.permissions(credentials)).isEqualTo(new KeyPermissions(false, false, true));
    }

    @Test
    void givenBalancesAndPair_whenRead_thenOurAssetNamesHeldAmountsAndKrakensSteps() {
        stubResult(post(urlPathEqualTo("/0/private/BalanceEx")), """
                {
                 "XXBT":{"balance":"0.5000000000","hold_trade":"0.1000000000"},
                 "ZEUR":{"balance":"1000.0000","hold_trade":"0.0000"},
                 "DOT.S":{"balance":"5.0000000000","hold_trade":"0.0000000000"}}""");
        stubResult(get(urlPathEqualTo("/0/public/Assets")), """
                {
                 "XXBT":{"aclass":"currency","altname":"XBT","decimals":10,"display_decimals":5},
                 "ZEUR":{"aclass":"currency","altname":"EUR","decimals":4,"display_decimals":2}}""");
        stubAssetPair();

        assertThat(gateway.balances(credentials))
                .containsExactlyInAnyOrder(
                        new Balance("BTC", new BigDecimal("0.4000000000"), new BigDecimal("0.1000000000")),
                        new Balance("EUR", new BigDecimal("1000.0000"), new BigDecimal("0.0000")));
        InstrumentRules rules = gateway.instrumentRules(credentials, "BTC/EUR");
        assertRules(rules, "BTC/EUR", "0.1", "0.00000001", "0.0001", "0.5");
        kraken.verify(
                getRequestedFor(urlPathEqualTo("/0/public/AssetPairs")).withQueryParam("pair", equalTo("XBTEUR")));
    }

    @Test
    void givenConcurrentCallsWithOneKey_whenSent_thenEveryNonceIsNewAndEachVerifies() throws Exception {
        stubResult(post(urlPathEqualTo("/0/private/GetApiKeyInfo")), "{\"permissions\":[\"query-funds\"]}");
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                calls.add(threads.submit(() -> gateway.permissions(credentials)));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            threads.shutdown();
        }

        List<String> nonces = kraken.findAll(postRequestedFor(urlPathEqualTo("/0/private/GetApiKeyInfo"))).stream()
                .map(request -> form(request.getBodyAsString()).get("nonce"))
                .toList();
        assertThat(nonces).hasSize(40).doesNotHaveDuplicates();
    }

    @Test
    void givenTicker_whenLastPriceAndBestAskRead_thenThePriceOfTheLastTradeClosedAndOfTheBestAsk() {
        // The shape of Kraken's documented Ticker answer: "c" is [price, lot volume] of the last trade.
        stubResult(get(urlPathEqualTo("/0/public/Ticker")), """
                {"XXBTZEUR":{"a":["58310.10000","1","1.000"],"b":["58310.00000","2","2.000"],
                 "c":["58303.20000","0.00067643"],"v":["4083.67001100","4412.73601799"],
                 "p":["58421.42640","58462.37841"],"t":[34619,38907],"l":["57700.00000","57700.00000"],
                 "h":["59030.00000","59030.00000"],"o":"58502.80000"}}""");

        assertThat(gateway.lastPrice(credentials, "BTC/EUR")).isEqualByComparingTo("58303.2");
        assertThat(gateway.bestAsk(credentials, "BTC/EUR"))
                .hasValueSatisfying(ask -> assertThat(ask).isEqualByComparingTo("58310.1"));
        // Public market data: asked by Kraken's pair name, without a key or signature.
        kraken.verify(getRequestedFor(urlPathEqualTo("/0/public/Ticker"))
                .withQueryParam("pair", equalTo("XBTEUR"))
                .withHeader("API-Key", absent()));
    }

    @Test
    void givenUnknownPair_whenLastPriceRead_thenRejectedWithKrakensError() {
        stubError(get(urlPathEqualTo("/0/public/Ticker")), "EQuery:Unknown asset pair");

        assertFails(
                () -> gateway.lastPrice(credentials, "DOGE/EUR"),
                ExchangeFailure.REJECTED,
                "EQuery:Unknown asset pair");
    }

    @Test
    void givenServiceUnavailable_whenLastPriceRead_thenUnavailableBecauseAReadIsSafeToRepeat() {
        stubError(get(urlPathEqualTo("/0/public/Ticker")), "EService:Unavailable");

        assertFails(() -> gateway.lastPrice(credentials, "BTC/EUR"), ExchangeFailure.UNAVAILABLE);
    }

    /** Kraken answers {@code request} with {@code result} in its envelope, {@code {"error":[],"result":...}}. */
    private void stubResult(MappingBuilder request, String result) {
        kraken.stubFor(request.willReturn(okJson("{\"error\":[],\"result\":" + result + "}")));
    }

    /** Kraken answers {@code request} with {@code error}: in a 200, as it reports every failure. */
    private void stubError(MappingBuilder request, String error) {
        kraken.stubFor(request.willReturn(okJson("{\"error\":[\"" + error + "\"]}")));
    }

    /** QueryOrders answers our order {@link #TXID} of 0.01 BTC in {@code status}, {@code executed} for {@code cost}. */
    private void stubOrderQueried(String status, String executed, String cost) {
        stubResult(
                post(urlPathEqualTo("/0/private/QueryOrders")),
                "{\"%s\":%s}".formatted(TXID, orderInfo(status, "0.01000000", executed, cost, clientOrderId)));
    }

    private void stubAssetPair() {
        stubResult(get(urlPathEqualTo("/0/public/AssetPairs")), """
                {"XXBTZEUR":{"altname":"XBTEUR","wsname":"XBT/EUR","aclass_base":"currency",
                 "base":"XXBT","aclass_quote":"currency","quote":"ZEUR","lot":"unit","cost_decimals":5,
                 "pair_decimals":1,"lot_decimals":8,"lot_multiplier":1,"leverage_buy":[],"leverage_sell":[],
                 "fees":[[0,0.4]],"fees_maker":[[0,0.25]],"fee_volume_currency":"ZUSD","margin_call":80,
                 "margin_stop":40,"ordermin":"0.0001","costmin":"0.5","tick_size":"0.1","status":"online"}}""");
    }

    private OrderRequest marketBuy() {
        return market("BTC/EUR", Side.BUY, "0.01", clientOrderId);
    }

    private static String orderInfo(String status, String volume, String executed, String cost, String clientOrderId) {
        return """
                {"refid":null,"userref":0,"cl_ord_id":"%s","status":"%s","opentm":1688665496.7808,
                 "closetm":1688665499.1922,"starttm":0,"expiretm":0,
                 "descr":{"pair":"XBTEUR","type":"buy","ordertype":"limit","price":"60000.0","price2":"0",
                  "leverage":"none","order":"buy %s XBTEUR @ limit 60000.0","close":""},
                 "vol":"%s","vol_exec":"%s","cost":"%s","fee":"0.95920","price":"59950.0","stopprice":"0.00000",
                 "limitprice":"0.00000","misc":"","oflags":"fciq","reason":null}""".formatted(clientOrderId, status, volume, volume, executed, cost);
    }

    private static KrakenGateway gatewayTo(URI baseUrl) {
        return new KrakenGateway(endpoint(baseUrl), generousLimiter(Exchange.KRAKEN), Clock.systemUTC());
    }

    /** Kraken's documented API-Sign, computed here without XChange. */
    private static boolean signatureVerifies(Request request) {
        if (!API_KEY.equals(request.getHeader("API-Key")) || !request.containsHeader("API-Sign")) {
            return false;
        }
        String body = request.getBodyAsString();
        String nonce = form(body).get("nonce");
        if (nonce == null) {
            return false;
        }
        byte[] bodyHash = sha256((nonce + body).getBytes(StandardCharsets.UTF_8));
        byte[] expected = Hmac.mac(
                "HmacSHA512",
                Base64.getDecoder().decode(SECRET),
                URI.create(request.getUrl()).getPath().getBytes(StandardCharsets.UTF_8),
                bodyHash);
        return Base64.getEncoder().encodeToString(expected).equals(request.getHeader("API-Sign"));
    }

    private static byte[] sha256(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
