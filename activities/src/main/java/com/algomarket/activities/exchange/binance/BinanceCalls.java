package com.algomarket.activities.exchange.binance;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeFailures;
import com.algomarket.activities.exchange.transport.ExchangeRateLimiter;
import com.algomarket.activities.exchange.transport.XChangeRest.ErrorAnswer;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.exchange.ExchangeFailure;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.knowm.xchange.binance.dto.BinanceException;
import si.mazi.rescu.HttpResponseAware;
import si.mazi.rescu.HttpStatusException;

/**
 * Binance calls under the shared rate limiter, and what a failed one means for us: Binance's error codes first, else
 * the HTTP status.
 */
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public final class BinanceCalls {

    /** How long to back off from a rate limit that names no Retry-After. */
    private static final Duration DEFAULT_BACK_OFF = Duration.ofSeconds(10);

    private final Exchange exchange;
    private final ExchangeRateLimiter rateLimiter;

    @FunctionalInterface
    interface BinanceCall<T> {
        T call() throws IOException;
    }

    /**
     * Makes one call under the rate limiter and classifies any failure. {@code mutating}: the call may change state
     * at the exchange (an order placed or cancelled), so a broken connection or a 5xx leaves its outcome UNKNOWN.
     *
     * <p>Only such calls spend the key's budget: Binance counts request weight per IP and orders per account (ORDERS,
     * 100 per 10 s), so reads cost the IP's weight alone. Counting reads per key too (as before) held a busy account's
     * lookups, price and balance reads to 10 a second, and every order behind them: in the benchmark's N = 1 run the
     * limiter slept 253 times (70 ms on average) in 47 s, inside the sizing, the risk check and the submit.
     */
    <T> T call(ApiCredentials credentials, int weight, boolean mutating, BinanceCall<T> call) {
        rateLimiter.acquire(exchange, mutating ? credentials.keyId() : null, weight);
        try {
            return call.call();
        } catch (BinanceException e) {
            throw classify(
                    credentials,
                    new ErrorAnswer(
                            e.getHttpStatusCode(),
                            e.getResponseHeaders(),
                            Integer.toString(e.getCode()),
                            e.getMessage()),
                    mutating,
                    e);
        } catch (IOException e) {
            if (e instanceof HttpStatusException status) {
                // An answer that is not Binance's JSON error (a proxy's HTML page, an empty 5xx).
                Map<String, List<String>> headers =
                        e instanceof HttpResponseAware aware ? aware.getResponseHeaders() : Map.of();
                throw classify(
                        credentials, new ErrorAnswer(status.getHttpStatusCode(), headers, null, null), mutating, e);
            }
            throw ExchangeFailures.transport(exchange, e, mutating);
        } catch (ExchangeCallException e) {
            throw e;
        } catch (RuntimeException e) {
            // rescu wraps some transport failures and unreadable answers; a mutating call may still have executed.
            throw ExchangeFailures.transport(exchange, e, mutating);
        }
    }

    /**
     * What a Binance error answer that did not come through a REST call means (the WebSocket API's, e.g. a refused
     * user-data subscription), classified as the REST calls' are.
     */
    public static ExchangeCallException answerFailure(Exchange exchange, int httpStatus, String code, String message) {
        return errorFor(exchange, new ErrorAnswer(httpStatus, Map.of(), code, message), false, null);
    }

    private ExchangeCallException classify(
            ApiCredentials credentials, ErrorAnswer answer, boolean mutating, Exception cause) {
        ExchangeCallException classified = errorFor(exchange, answer, mutating, cause);
        if (classified.failure() == ExchangeFailure.RATE_LIMITED) {
            // Request weight and 418 bans count per IP, so every key of this process stops; -1015 counts per key.
            rateLimiter.backOff(
                    exchange, "-1015".equals(answer.code()) ? credentials.keyId() : null, classified.retryAfter());
        }
        return classified;
    }

    /** The failure a Binance error code or, failing that, the HTTP status stands for. */
    private static ExchangeCallException errorFor(
            Exchange exchange, ErrorAnswer answer, boolean mutating, Exception cause) {
        String code = answer.code();
        String message = answer.message();
        Duration retryAfter = answer.retryAfter();
        return switch (code == null ? "" : code) {
            // Invalid key, key without the permission, signature that does not verify with the secret.
            case "-2014", "-2015", "-1022", "-1002", "-2008" ->
                new ExchangeCallException(
                        ExchangeFailure.AUTH, exchange + " refused the key: " + message, code, null, cause);
            // The request arrived outside recvWindow or while the service was unavailable: it was not processed.
            case "-1021", "-1016" ->
                new ExchangeCallException(
                        ExchangeFailure.UNAVAILABLE,
                        exchange + " did not process the request: " + message,
                        code,
                        null,
                        cause);
            // "Timeout waiting for response from backend server. Send status unknown; execution status unknown."
            case "-1007", "-1006" ->
                new ExchangeCallException(
                        mutating ? ExchangeFailure.UNKNOWN : ExchangeFailure.UNAVAILABLE,
                        exchange + ": " + message,
                        code,
                        null,
                        cause);
            // Too many new orders for this account: a per-key limit.
            case "-1015" ->
                new ExchangeCallException(
                        ExchangeFailure.RATE_LIMITED,
                        exchange + ": " + message,
                        code,
                        retryAfter == null ? DEFAULT_BACK_OFF : retryAfter,
                        cause);
            default ->
                ExchangeFailures.byStatus(
                        exchange,
                        answer.httpStatus(),
                        retryAfter == null ? DEFAULT_BACK_OFF : retryAfter,
                        mutating,
                        code,
                        message);
        };
    }
}
