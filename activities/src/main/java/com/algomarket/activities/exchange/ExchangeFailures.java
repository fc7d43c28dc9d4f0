package com.algomarket.activities.exchange;

import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.exchange.ExchangeFailure;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The classification rules every gateway shares, whatever client it uses (XChange's rescu or our JDK client).
 *
 * <p>The rule that matters: once a request that changes something (place, cancel) may have left this process, a
 * timeout, a reset connection or a 5xx is UNKNOWN, never UNAVAILABLE, because the exchange may have executed it. Only
 * a failure to connect at all proves that nothing was accepted. Reads are always safe to retry, so there the same
 * failures are UNAVAILABLE.
 */
public final class ExchangeFailures {

    private ExchangeFailures() {}

    /** A failure without any HTTP status: the connection could not be made, or broke, or timed out. */
    public static ExchangeCallException transport(Exchange exchange, Throwable failure, boolean mutating) {
        if (neverConnected(failure)) {
            return new ExchangeCallException(
                    ExchangeFailure.UNAVAILABLE,
                    exchange + ": could not connect (" + failure.getClass().getSimpleName() + ")",
                    null,
                    null,
                    failure);
        }
        String what = failure instanceof InterruptedIOException || failure instanceof InterruptedException
                ? "no answer in time"
                : "connection lost";
        return mayHaveExecuted(
                mutating, exchange + ": " + what + " (" + failure.getClass().getSimpleName() + ")", null, failure);
    }

    /**
     * A failure after which the request may have reached the exchange and been executed there: UNKNOWN when it
     * changes something (place, cancel), UNAVAILABLE for a read, which is safe to repeat.
     */
    public static ExchangeCallException mayHaveExecuted(
            boolean mutating, String message, String exchangeCode, Throwable cause) {
        return new ExchangeCallException(
                mutating ? ExchangeFailure.UNKNOWN : ExchangeFailure.UNAVAILABLE,
                message + (mutating ? "; the request may have been executed" : ""),
                exchangeCode,
                null,
                cause);
    }

    /**
     * The classification of a non-2xx answer by the statuses whose meaning does not depend on the exchange: 429 and
     * 418 rate limited, 401 and 403 auth, 5xx unknown (mutating) or unavailable (reads); other 4xx are definite
     * rejections. Gateways refine this with the exchange's own error codes first.
     */
    public static ExchangeCallException byStatus(
            Exchange exchange,
            int status,
            Duration retryAfter,
            boolean mutating,
            String exchangeCode,
            String exchangeMessage) {
        String message = exchange + " answered HTTP " + status
                + (exchangeCode == null ? "" : " code " + exchangeCode)
                + (exchangeMessage == null ? "" : ": " + exchangeMessage);
        if (status == 429 || status == 418) {
            return new ExchangeCallException(ExchangeFailure.RATE_LIMITED, message, exchangeCode, retryAfter, null);
        }
        if (status == 401 || status == 403) {
            return new ExchangeCallException(ExchangeFailure.AUTH, message, exchangeCode, null, null);
        }
        if (status >= 500) {
            return mayHaveExecuted(mutating, message, exchangeCode, null);
        }
        return new ExchangeCallException(ExchangeFailure.REJECTED, message, exchangeCode, null, null);
    }

    /** Retry-After as seconds or as an HTTP date; null when absent or unreadable. */
    public static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
    }

    private static boolean neverConnected(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException
                    || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException
                    || cause instanceof HttpConnectTimeoutException
                    || cause instanceof UnresolvedAddressException) {
                return true;
            }
            // HttpURLConnection (XChange's transport) reports a connect timeout only through the message.
            if (cause instanceof SocketTimeoutException
                    && cause.getMessage() != null
                    && cause.getMessage().toLowerCase(Locale.ROOT).contains("connect timed out")) {
                return true;
            }
        }
        return false;
    }
}
