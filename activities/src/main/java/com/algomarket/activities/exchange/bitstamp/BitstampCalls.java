package com.algomarket.activities.exchange.bitstamp;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeFailures;
import com.algomarket.activities.exchange.transport.ExchangeRateLimiter;
import com.algomarket.activities.exchange.transport.RestEndpoint;
import com.algomarket.activities.exchange.transport.SignedXChangeCalls;
import com.algomarket.activities.exchange.transport.XChangeRest;
import com.algomarket.activities.exchange.transport.XChangeRest.ErrorAnswer;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.exchange.ExchangeFailure;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.knowm.xchange.bitstamp.BitstampExchange;
import org.knowm.xchange.bitstamp.service.BitstampDigestV2;
import si.mazi.rescu.SynchronizedValueFactory;

/** Bitstamp calls, signed per key, under the shared rate limiter; and what Bitstamp's errors mean for us. */
final class BitstampCalls extends SignedXChangeCalls<BitstampCalls.Signer> {

    /** Bitstamp limits requests by count (400 per second, 10,000 per 10 minutes by default), not by weight. */
    private static final int WEIGHT = 1;

    private static final String VERSION = "v2";
    private static final Duration DEFAULT_BACK_OFF = Duration.ofSeconds(10);

    BitstampCalls(RestEndpoint endpoint, ExchangeRateLimiter rateLimiter, Clock clock) {
        super(Exchange.BITSTAMP, BitstampExchange.class, endpoint, rateLimiter, clock);
    }

    /** A key's proxy, which sends its X-Auth headers but the nonce, and its nonce source. */
    record Signer(BitstampSignedCalls api, SynchronizedValueFactory<String> nonce) {}

    /** A signed call, given the key's proxy and nonce. */
    @FunctionalInterface
    interface SignedCall<T> {
        T call(BitstampSignedCalls api, SynchronizedValueFactory<String> nonce) throws IOException;
    }

    /**
     * A key's own nonce source (a UUID, as Bitstamp asks). rescu holds its lock while it signs and sends, which keeps
     * the key's digest, a single Mac, to one thread at a time.
     */
    static final class UuidNonce implements SynchronizedValueFactory<String> {

        @Override
        public String createValue() {
            return UUID.randomUUID().toString();
        }
    }

    <T> T call(ApiCredentials credentials, boolean mutating, XChangeRest.Call<T> call) {
        return classified(credentials, WEIGHT, mutating, call);
    }

    /** {@link #call} signed with the key's X-Auth headers. */
    <T> T signed(ApiCredentials credentials, boolean mutating, SignedCall<T> call) {
        Signer s = signer(credentials);
        return call(credentials, mutating, () -> call.call(s.api(), s.nonce()));
    }

    @Override
    protected ExchangeCallException classify(ApiCredentials credentials, ErrorAnswer answer, boolean mutating) {
        String code = answer.code();
        String reason = answer.message() == null ? "" : answer.message();
        String message = "Bitstamp: " + reason;
        if (code != null && code.startsWith("API0")) {
            // Refused by authentication, before anything was processed. A reused nonce (API0004) or a timestamp
            // outside Bitstamp's 150 seconds is this side's mistake, not the key's: the call may be made again.
            boolean retryable =
                    "API0004".equals(code) || reason.toLowerCase(Locale.ROOT).contains("timestamp");
            return new ExchangeCallException(
                    retryable ? ExchangeFailure.UNAVAILABLE : ExchangeFailure.AUTH, message, code, null, null);
        }
        if (reason.startsWith("No permission found")
                || reason.startsWith("API key not found")
                || reason.startsWith("IP address not allowed")
                || reason.startsWith("Invalid signature")
                || reason.startsWith("Your account is frozen")) {
            return new ExchangeCallException(ExchangeFailure.AUTH, message, code, null, null);
        }
        if ("400.002".equals(code) || answer.httpStatus() == 429) {
            Duration wait = answer.retryAfter() == null ? DEFAULT_BACK_OFF : answer.retryAfter();
            // Not documented as per key or per address: every key of this process stops.
            rateLimiter.backOff(Exchange.BITSTAMP, null, wait);
            return new ExchangeCallException(ExchangeFailure.RATE_LIMITED, message, code, wait, null);
        }
        if (reason.startsWith("Order could not be placed")) {
            // Documented as not placed ("internal error or trade halt"); looked up all the same before a retry.
            return new ExchangeCallException(
                    mutating ? ExchangeFailure.UNKNOWN : ExchangeFailure.UNAVAILABLE, message, code, null, null);
        }
        if (reason.contains("under scheduled maintenance")) {
            return new ExchangeCallException(ExchangeFailure.UNAVAILABLE, message, code, null, null);
        }
        // Insufficient balance (400.009), below the minimum (400.020), price out of range (400.021), a
        // client_order_id Bitstamp already has (400.019): refusals, whether in a 4xx or in a 200.
        return ExchangeFailures.byStatus(
                Exchange.BITSTAMP, answer.httpStatus(), DEFAULT_BACK_OFF, mutating, code, answer.message());
    }

    @Override
    protected Signer newSigner(ApiCredentials credentials) {
        SynchronizedValueFactory<String> timestamp = () -> Long.toString(clock.millis());
        return new Signer(
                proxy(
                        BitstampSignedCalls.class,
                        Map.of(
                                BitstampSignedCalls.X_AUTH,
                                "BITSTAMP " + credentials.apiKey(),
                                BitstampSignedCalls.X_AUTH_SIGNATURE,
                                BitstampDigestV2.createInstance(credentials.secret(), credentials.apiKey()),
                                BitstampSignedCalls.X_AUTH_TIMESTAMP,
                                timestamp,
                                BitstampSignedCalls.X_AUTH_VERSION,
                                VERSION)),
                new UuidNonce());
    }
}
