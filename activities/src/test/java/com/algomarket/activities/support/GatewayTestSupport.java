package com.algomarket.activities.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.InstrumentRules;
import com.algomarket.activities.exchange.OrderRequest;
import com.algomarket.activities.exchange.transport.ExchangeRateLimiter;
import com.algomarket.activities.exchange.transport.FormEncoding;
import com.algomarket.activities.exchange.transport.RateLimit;
import com.algomarket.activities.exchange.transport.RestEndpoint;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.exchange.ExchangeFailure;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.orders.TimeInForce;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** What the exchange gateway tests share besides their {@link LocalExchange}: refusals, limiters, forms, orders, failures. */
public final class GatewayTestSupport {

    private GatewayTestSupport() {}

    /**
     * Makes {@code exchange} answer {@code refusal}, before any other stub, to each request that {@code requests}
     * matches and whose authentication {@code verifies} rejects: as the venue refuses what it cannot authenticate.
     */
    public static void refuseUnverified(
            WireMockServer exchange,
            MappingBuilder requests,
            Predicate<Request> verifies,
            ResponseDefinitionBuilder refusal) {
        exchange.stubFor(requests.atPriority(1)
                .andMatching(request -> MatchResult.of(!verifies.test(request)))
                .willReturn(refusal));
    }

    public static URI baseUrl(WireMockServer server) {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** The REST API at {@code baseUrl} with two-second timeouts: ample for a local double, short for a hung one. */
    public static RestEndpoint endpoint(URI baseUrl) {
        return new RestEndpoint(baseUrl, Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    /** Limits far above what a test sends, so that only the exchange's answers limit the calls. */
    public static ExchangeRateLimiter generousLimiter(Exchange exchange) {
        return limiter(exchange, RateLimit.perSecond(10_000), RateLimit.perSecond(10_000));
    }

    /** A limiter of {@code exchange}'s request weight and order rate that waits up to a second for a permit. */
    public static ExchangeRateLimiter limiter(Exchange exchange, RateLimit weight, RateLimit orders) {
        return limiter(exchange, weight, orders, Duration.ofSeconds(1));
    }

    /** A limiter of {@code exchange}'s request weight and order rate that waits up to {@code maxWait} for a permit. */
    public static ExchangeRateLimiter limiter(Exchange exchange, RateLimit weight, RateLimit orders, Duration maxWait) {
        return new ExchangeRateLimiter(
                Map.of(exchange, weight), Map.of(exchange, orders), maxWait, new SimpleMeterRegistry());
    }

    /** An application/x-www-form-urlencoded body as a map, in order. */
    public static Map<String, String> form(String body) {
        return FormEncoding.parse(body);
    }

    /**
     * A POST to {@code path} whose form carries each parameter of {@code expected}, written as a urlencoded form, with
     * that value; parameters it does not name are not checked.
     */
    public static RequestPatternBuilder postedForm(String path, String expected) {
        RequestPatternBuilder request = postRequestedFor(urlPathEqualTo(path));
        form(expected).forEach((name, value) -> request.withFormParam(name, equalTo(value)));
        return request;
    }

    /** The classified failure of {@code call}, which must fail with one. */
    public static ExchangeCallException failure(ThrowingCallable call) {
        AtomicReference<ExchangeCallException> failure = new AtomicReference<>();
        assertThatThrownBy(call).isInstanceOfSatisfying(ExchangeCallException.class, failure::set);
        return failure.get();
    }

    /** Asserts that {@code call} fails classified as {@code expected}; returns the failure for further checks. */
    public static ExchangeCallException assertFails(ThrowingCallable call, ExchangeFailure expected) {
        ExchangeCallException e = failure(call);
        assertThat(e.failure()).isEqualTo(expected);
        return e;
    }

    /** Asserts that {@code call} fails classified as {@code expected} under the exchange's own error code. */
    public static ExchangeCallException assertFails(ThrowingCallable call, ExchangeFailure expected, String code) {
        ExchangeCallException e = assertFails(call, expected);
        assertThat(e.exchangeCode()).isEqualTo(code);
        return e;
    }

    /** Asserts that {@code call} fails RATE_LIMITED, to be retried after exactly {@code retryAfter}. */
    public static ExchangeCallException assertRateLimited(ThrowingCallable call, Duration retryAfter) {
        ExchangeCallException e = assertFails(call, ExchangeFailure.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(retryAfter);
        return e;
    }

    /** Asserts each of the rules, decimals by value ("0.10" is "0.1"); a null expects none. */
    public static void assertRules(
            InstrumentRules rules,
            String symbol,
            String priceStep,
            String quantityStep,
            String minQuantity,
            String minNotional) {
        assertThat(rules)
                .usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(new InstrumentRules(
                        symbol, decimal(priceStep), decimal(quantityStep), decimal(minQuantity), decimal(minNotional)));
    }

    private static BigDecimal decimal(String value) {
        return value == null ? null : new BigDecimal(value);
    }

    /** A market order of {@code quantity} (base asset) in {@code symbol}. */
    public static OrderRequest market(String symbol, Side side, String quantity, String clientOrderId) {
        return order(symbol, side, OrderType.MARKET, quantity, null, null, null, clientOrderId);
    }

    /** A limit order of {@code quantity} (base asset) at {@code price} in {@code symbol}. */
    public static OrderRequest limit(
            String symbol, Side side, String quantity, String price, TimeInForce timeInForce, String clientOrderId) {
        return order(symbol, side, OrderType.LIMIT, quantity, price, null, timeInForce, clientOrderId);
    }

    /** A stop-loss order: triggered at {@code stopPrice}, then at market or at {@code limitPrice} where one is given. */
    public static OrderRequest stopLoss(
            String symbol, Side side, String quantity, String limitPrice, String stopPrice, String clientOrderId) {
        return order(symbol, side, OrderType.STOP_LOSS, quantity, limitPrice, stopPrice, null, clientOrderId);
    }

    /** A stop-limit order: a limit order at {@code limitPrice}, placed once the market reaches {@code stopPrice}. */
    public static OrderRequest stopLimit(
            String symbol, Side side, String quantity, String limitPrice, String stopPrice, String clientOrderId) {
        return order(symbol, side, OrderType.STOP_LIMIT, quantity, limitPrice, stopPrice, null, clientOrderId);
    }

    private static OrderRequest order(
            String symbol,
            Side side,
            OrderType type,
            String quantity,
            String limitPrice,
            String stopPrice,
            TimeInForce timeInForce,
            String clientOrderId) {
        return new OrderRequest(
                symbol,
                side,
                type,
                decimal(quantity),
                decimal(limitPrice),
                decimal(stopPrice),
                timeInForce,
                clientOrderId);
    }

    /** An error status with a JSON body, as the exchanges' APIs answer refusals. */
    public static ResponseDefinitionBuilder jsonError(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    /** HTTP 429 with a Retry-After of {@code seconds} and {@code body}. */
    public static ResponseDefinitionBuilder tooManyRequests(int seconds, String body) {
        return aResponse()
                .withStatus(429)
                .withHeader("Retry-After", Integer.toString(seconds))
                .withBody(body);
    }
}
