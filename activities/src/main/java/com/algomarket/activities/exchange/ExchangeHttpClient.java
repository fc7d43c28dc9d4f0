package com.algomarket.activities.exchange;

import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.exchange.ExchangeFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The HTTP transport of our own exchange adapters (Coinbase, Bitvavo): one JDK client per exchange with bounded
 * timeouts, and the classification that does not depend on the exchange's error body.
 *
 * <p>The rule that matters: once a request that changes something (place, cancel) may have left this process, a
 * timeout, a reset connection or a 5xx is UNKNOWN, never UNAVAILABLE, because the exchange may have executed it.
 * Only a failure to connect at all proves that nothing was accepted.
 */
public final class ExchangeHttpClient {

    public record Response(int status, String body, HttpHeaders headers) {

        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }

    private final Exchange exchange;
    private final HttpClient client;
    private final Duration requestTimeout;

    public ExchangeHttpClient(Exchange exchange, Duration connectTimeout, Duration requestTimeout) {
        this.exchange = exchange;
        this.requestTimeout = requestTimeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Sends the request and returns whatever status came back; throws only when no status came back at all.
     * {@code mutating} says whether the request may change state at the exchange.
     */
    public Response send(HttpRequest.Builder request, boolean mutating) {
        HttpRequest built = request.timeout(requestTimeout).build();
        try {
            HttpResponse<String> response = client.send(built, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (HttpConnectTimeoutException | ConnectException | UnresolvedAddressException e) {
            throw new ExchangeCallException(ExchangeFailure.UNAVAILABLE,
                    exchange + ": could not connect (" + e.getClass().getSimpleName() + ")", null, null, e);
        } catch (HttpTimeoutException e) {
            throw new ExchangeCallException(mutating ? ExchangeFailure.UNKNOWN : ExchangeFailure.UNAVAILABLE,
                    exchange + ": no answer within " + requestTimeout.toMillis() + " ms"
                            + (mutating ? "; the request may have been executed" : ""), null, null, e);
        } catch (IOException e) {
            if (e.getCause() instanceof ConnectException) {
                throw new ExchangeCallException(ExchangeFailure.UNAVAILABLE,
                        exchange + ": could not connect", null, null, e);
            }
            throw new ExchangeCallException(mutating ? ExchangeFailure.UNKNOWN : ExchangeFailure.UNAVAILABLE,
                    exchange + ": connection lost (" + e.getClass().getSimpleName() + ")"
                            + (mutating ? "; the request may have been executed" : ""), null, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExchangeCallException(mutating ? ExchangeFailure.UNKNOWN : ExchangeFailure.UNAVAILABLE,
                    exchange + ": interrupted while waiting for the answer", null, null, e);
        }
    }

    /**
     * The classification of a non-2xx answer from its status alone, for the statuses whose meaning does not depend
     * on the exchange: 429/418 rate limited, 401/403 auth, 5xx unknown (mutating) or unavailable (reads). Other 4xx
     * are definite rejections; the adapter supplies the exchange's own code and message from the body.
     */
    public ExchangeCallException classify(Response response, boolean mutating, String exchangeCode,
            String exchangeMessage) {
        int status = response.status();
        String message = exchange + " answered HTTP " + status
                + (exchangeCode == null ? "" : " code " + exchangeCode)
                + (exchangeMessage == null ? "" : ": " + exchangeMessage);
        if (status == 429 || status == 418) {
            return new ExchangeCallException(ExchangeFailure.RATE_LIMITED, message, exchangeCode,
                    retryAfter(response.headers(), Instant.now()), null);
        }
        if (status == 401 || status == 403) {
            return new ExchangeCallException(ExchangeFailure.AUTH, message, exchangeCode, null, null);
        }
        if (status >= 500) {
            return new ExchangeCallException(mutating ? ExchangeFailure.UNKNOWN : ExchangeFailure.UNAVAILABLE,
                    message + (mutating ? "; the request may have been executed" : ""), exchangeCode, null, null);
        }
        return new ExchangeCallException(ExchangeFailure.REJECTED, message, exchangeCode, null, null);
    }

    /** Retry-After as seconds or as an HTTP date; null when absent or unreadable. */
    public static Duration retryAfter(HttpHeaders headers, Instant now) {
        String value = headers.firstValue("Retry-After").orElse(null);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
    }
}
