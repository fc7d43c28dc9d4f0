package com.algomarket.activities.exchange.bitvavo;

import static com.algomarket.activities.exchange.bitvavo.BitvavoJson.JSON;
import static com.algomarket.activities.exchange.bitvavo.BitvavoJson.readQuietly;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.transport.ExchangeHttpClient;
import com.algomarket.activities.exchange.transport.ExchangeRateLimiter;
import com.algomarket.activities.exchange.transport.Hmac;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.exchange.ExchangeFailure;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Function;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;

/**
 * Bitvavo's signed REST requests: rate limited per key, signed with the key's secret, sent, and a failure classified by
 * its status and Bitvavo's error code.
 */
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
final class BitvavoRequests {

    /** Bitvavo signs the path from its version prefix on, whatever path the base URL itself has. */
    private static final String SIGNED_PATH_PREFIX = "/v2";
    /** Bitvavo's default access window, sent explicitly so that it is not another thing to look up. */
    private static final String ACCESS_WINDOW_MILLIS = "10000";
    /** How long Bitvavo blocks a key that went over its limit, when the answer does not say until when. */
    private static final Duration RATE_LIMIT_BLOCK = Duration.ofMinutes(1);
    /** 110 is the code of the rate limits page, 105 that of the error table; both come with HTTP 429. */
    private static final Set<String> RATE_LIMITED_CODES = Set.of("105", "110");
    /** The request arrived after its access window: refused before anything was executed. */
    private static final String OUTSIDE_ACCESS_WINDOW = "304";

    private final String baseUrl;
    private final ExchangeRateLimiter rateLimiter;
    private final ExchangeHttpClient http;
    private final Clock clock;

    /** {@code baseUrl}: the API root including {@code /v2}, without a trailing slash. */
    /** A signed request: rate limited, sent, its failure classified, its answer read by {@code reader}. */
    <T> T call(ApiCredentials credentials, Call call, Function<JsonNode, T> reader) {
        rateLimiter.acquire(Exchange.BITVAVO, credentials.keyId(), call.weight());
        String pathAndQuery = call.path() + call.query();
        String timestamp = Long.toString(clock.millis());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .header("Content-Type", "application/json")
                .header("Bitvavo-Access-Key", credentials.apiKey())
                .header("Bitvavo-Access-Timestamp", timestamp)
                .header(
                        "Bitvavo-Access-Signature",
                        sign(
                                credentials.secret(),
                                timestamp,
                                call.method(),
                                SIGNED_PATH_PREFIX + pathAndQuery,
                                call.body()))
                .header("Bitvavo-Access-Window", ACCESS_WINDOW_MILLIS)
                .method(
                        call.method(),
                        call.body().isEmpty()
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(call.body()));
        ExchangeHttpClient.Response response = http.send(request, call.mutating());
        if (!response.isSuccess()) {
            throw failure(credentials, response, call.mutating());
        }
        try {
            return reader.apply(JSON.readTree(response.body()));
        } catch (JsonProcessingException | RuntimeException unreadable) {
            // After a mutating call the change happened; only its description is missing.
            throw new ExchangeCallException(
                    call.mutating() ? ExchangeFailure.UNKNOWN : ExchangeFailure.UNAVAILABLE,
                    "Bitvavo's answer to " + call.method() + " " + call.path() + " could not be read: "
                            + unreadable.getMessage(),
                    null,
                    null,
                    unreadable);
        }
    }

    /**
     * The status decides, except where Bitvavo's error code says more: a rate limit (which also stops this key's
     * calls until Bitvavo's counter resets) and a request that arrived after its access window (nothing executed, so
     * safe to retry, and no reason to think the key bad).
     */
    private ExchangeCallException failure(
            ApiCredentials credentials, ExchangeHttpClient.Response response, boolean mutating) {
        JsonNode error = readQuietly(response.body());
        String code = error.hasNonNull("errorCode") ? error.get("errorCode").asText() : null;
        String message = error.hasNonNull("error") ? error.get("error").asText() : null;
        ExchangeCallException classified = http.classify(response, mutating, code, message);
        // An answer without Bitvavo's error code (a proxy's HTML page, an empty 5xx) has none to look up: the
        // immutable set would throw on null.
        if (response.status() == 429 || (code != null && RATE_LIMITED_CODES.contains(code))) {
            Duration retryAfter = rateLimitResetIn(response);
            rateLimiter.backOff(Exchange.BITVAVO, credentials.keyId(), retryAfter);
            return new ExchangeCallException(
                    ExchangeFailure.RATE_LIMITED, classified.getMessage(), code, retryAfter, null);
        }
        if (OUTSIDE_ACCESS_WINDOW.equals(code)) {
            return new ExchangeCallException(
                    ExchangeFailure.UNAVAILABLE, classified.getMessage() + "; nothing was executed", code, null, null);
        }
        return classified;
    }

    private Duration rateLimitResetIn(ExchangeHttpClient.Response response) {
        return response.headers()
                .firstValue("bitvavo-ratelimit-resetat")
                .filter(resetAt -> resetAt.matches("\\d{1,18}"))
                .map(resetAt -> {
                    Duration left = Duration.between(clock.instant(), Instant.ofEpochMilli(Long.parseLong(resetAt)));
                    return left.isNegative() ? Duration.ZERO : left;
                })
                .orElse(RATE_LIMIT_BLOCK);
    }

    /** HMAC-SHA256 of timestamp, method, path with query and body, as lower-case hex. */
    static String sign(String secret, String timestamp, String method, String signedPathAndQuery, String body) {
        return Hmac.sha256Hex(secret, timestamp + method + signedPathAndQuery + body);
    }
    /** One request: {@code query} is empty or starts with {@code ?}; {@code mutating} as for the transport. */
    record Call(String method, String path, String query, String body, double weight, boolean mutating) {

        static Call get(String path, String query, double weight) {
            return new Call("GET", path, query, "", weight, false);
        }
    }
}
