package com.algomarket.activities.exchange.coinbase;

import static com.algomarket.activities.exchange.coinbase.CoinbaseJson.json;
import static com.algomarket.activities.exchange.coinbase.CoinbaseJson.parseOrNull;
import static com.algomarket.activities.exchange.coinbase.CoinbaseJson.queryString;
import static com.algomarket.activities.exchange.coinbase.CoinbaseJson.text;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.transport.ExchangeHttpClient;
import com.algomarket.activities.exchange.transport.ExchangeRateLimiter;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.exchange.ExchangeFailure;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Coinbase Advanced Trade's REST requests: rate limited per key, authorised by a fresh JWT for each, read page after
 * page where a list is paginated, and a failure classified.
 */
final class CoinbaseRequests {

    private static final long DEFAULT_BACKOFF_SECONDS = 1;
    private static final String API = "/api/v3/brokerage";
    private final String origin;
    private final String jwtHost;
    private final ExchangeRateLimiter rateLimiter;
    private final ExchangeHttpClient http;
    private final Clock clock;
    private final CoinbaseJwt jwt = new CoinbaseJwt();

    /**
     * {@code baseUrl} is scheme, host and port only ({@code https://api.coinbase.com}); the JWT's {@code uri} names
     * its host (with the port when the URL has one).
     */
    CoinbaseRequests(URI baseUrl, ExchangeRateLimiter rateLimiter, ExchangeHttpClient http, Clock clock) {
        this.origin = baseUrl.getScheme() + "://" + baseUrl.getRawAuthority();
        this.jwtHost = baseUrl.getHost() + (baseUrl.getPort() == -1 ? "" : ":" + baseUrl.getPort());
        this.rateLimiter = rateLimiter;
        this.http = http;
        this.clock = clock;
    }

    List<JsonNode> readAll(ApiCredentials credentials, String path, Map<String, String> query, String itemsField) {
        List<JsonNode> items = new ArrayList<>();
        readPages(credentials, path, query, itemsField, Integer.MAX_VALUE, item -> {
            items.add(item);
            return false;
        });
        return items;
    }

    /**
     * Reads a cursor-paginated list, page after page, handing each item to {@code visit} until it answers true,
     * the list ends or {@code maxPages} were read.
     */
    void readPages(
            ApiCredentials credentials,
            String path,
            Map<String, String> query,
            String itemsField,
            int maxPages,
            Predicate<JsonNode> visit) {
        String cursor = null;
        for (int page = 0; page < maxPages; page++) {
            Map<String, String> pageQuery = new LinkedHashMap<>(query);
            if (cursor != null) {
                pageQuery.put("cursor", cursor);
            }
            JsonNode body = get(credentials, path, pageQuery);
            for (JsonNode item : body.path(itemsField)) {
                if (visit.test(item)) {
                    return;
                }
            }
            String next = text(body, "cursor");
            // Lists of orders and accounts say has_next; the list of fills only gives an empty cursor at its end.
            boolean more = body.has("has_next") ? body.path("has_next").asBoolean(false) : next != null;
            if (!more || next == null || next.equals(cursor)) {
                return;
            }
            cursor = next;
        }
    }

    JsonNode get(ApiCredentials credentials, String path, Map<String, String> query) {
        ExchangeHttpClient.Response response = send(credentials, "GET", path, query, null);
        if (!response.isSuccess()) {
            throw failure(credentials, response, false);
        }
        return json(response, false);
    }

    /** One call: the rate limiter first, then a fresh token naming exactly this method, host and path. */
    ExchangeHttpClient.Response send(
            ApiCredentials credentials, String method, String path, Map<String, String> query, String body) {
        ECPrivateKey key = CoinbaseJwt.privateKey(credentials.secret());
        rateLimiter.acquire(Exchange.COINBASE, credentials.keyId(), 1);
        String fullPath = API + path;
        String token = jwt.token(credentials.apiKey(), key, method, jwtHost + fullPath, clock.instant());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(origin + fullPath + queryString(query)))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request, body != null);
    }

    /**
     * Classifies a non-2xx answer. Coinbase's error body is {@code {"error": ..., "message": ...}}; only those two
     * fields reach the message, never the raw body.
     */
    ExchangeCallException failure(ApiCredentials credentials, ExchangeHttpClient.Response response, boolean mutating) {
        JsonNode error = parseOrNull(response.body());
        String code = text(error, "error");
        ExchangeCallException failure = http.classify(response, mutating, code, text(error, "message"));
        if (failure.failure() != ExchangeFailure.RATE_LIMITED) {
            return failure;
        }
        Duration wait =
                failure.retryAfter() != null ? failure.retryAfter() : Duration.ofSeconds(DEFAULT_BACKOFF_SECONDS);
        rateLimiter.backOff(Exchange.COINBASE, credentials.keyId(), wait);
        return failure.retryAfter() != null
                ? failure
                : new ExchangeCallException(ExchangeFailure.RATE_LIMITED, failure.getMessage(), code, wait, null);
    }
}
