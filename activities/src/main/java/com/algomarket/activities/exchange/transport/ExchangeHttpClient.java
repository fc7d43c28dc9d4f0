package com.algomarket.activities.exchange.transport;

import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeFailures;
import com.algomarket.workflows.exchange.Exchange;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * The HTTP transport of our own exchange adapters (Coinbase, Bitvavo): one JDK client per exchange with bounded
 * timeouts, classifying what fails by {@link ExchangeFailures}.
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
        } catch (IOException e) {
            throw ExchangeFailures.transport(exchange, e, mutating);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ExchangeFailures.transport(exchange, e, mutating);
        }
    }

    /**
     * The classification of a non-2xx answer from its status alone (see {@link ExchangeFailures#byStatus}); the
     * adapter supplies the exchange's own code and message from the body.
     */
    public ExchangeCallException classify(
            Response response, boolean mutating, String exchangeCode, String exchangeMessage) {
        return ExchangeFailures.byStatus(
                exchange,
                response.status(),
                retryAfter(response.headers(), Instant.now()),
                mutating,
                exchangeCode,
                exchangeMessage);
    }

    /** Retry-After as seconds or as an HTTP date; null when absent or unreadable. */
    public static Duration retryAfter(HttpHeaders headers, Instant now) {
        return ExchangeFailures.retryAfter(headers.firstValue("Retry-After").orElse(null), now);
    }
}
