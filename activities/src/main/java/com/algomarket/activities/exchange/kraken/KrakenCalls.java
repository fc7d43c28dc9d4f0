package com.algomarket.activities.exchange.kraken;

import static com.algomarket.activities.exchange.kraken.KrakenMapping.startsWith;

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
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.knowm.xchange.kraken.KrakenExchange;
import org.knowm.xchange.kraken.dto.KrakenResult;
import org.knowm.xchange.kraken.service.KrakenDigest;
import si.mazi.rescu.SynchronizedValueFactory;

/**
 * Kraken calls, signed per key with a strictly increasing nonce, under the shared rate limiter; and what Kraken's
 * error list means for us.
 *
 * <p><b>Rate limits and nonce.</b> Kraken counts private calls per key in a decaying counter (history calls cost
 * 2) and orders in a separate per-pair counter; its errors name which limit was hit. Every private call carries a
 * nonce that must exceed the key's previous one, so one strictly increasing nonce source serves each key across all
 * threads of this process (rescu holds its lock while signing and sending, which also serialises the use of the
 * digest's Mac). Several processes sharing one key need Kraken's nonce window on that key.
 */
final class KrakenCalls extends SignedXChangeCalls<KrakenCalls.Signer> {

    private static final Duration DEFAULT_BACK_OFF = Duration.ofSeconds(10);
    /** Kraken: a temporary lockout "typically lasts approximately 15 minutes". */
    private static final Duration LOCKOUT_BACK_OFF = Duration.ofMinutes(15);

    private final Map<String, Nonce> nonces = XChangeRest.boundedCache();

    /**
     * What signs a key's calls: its key, digest and nonce for XChange's declarations, and its proxy of
     * {@link KrakenSignedCalls}, which sends the key and the signature itself.
     */
    record Signer(String apiKey, KrakenDigest digest, Nonce nonce, KrakenSignedCalls api) {}

    /** A call of {@link KrakenSignedCalls}, given the key's proxy and nonce. */
    @FunctionalInterface
    interface SignedCall<V> {
        KrakenResult<V> call(KrakenSignedCalls api, Nonce nonce) throws IOException;
    }

    /** {@link #call} through the key's proxy of {@link KrakenSignedCalls}. */
    <V> V signed(ApiCredentials credentials, int weight, boolean mutating, SignedCall<V> call) {
        Signer s = signer(credentials);
        return call(credentials, weight, mutating, () -> call.call(s.api(), s.nonce()));
    }

    KrakenCalls(RestEndpoint endpoint, ExchangeRateLimiter rateLimiter, Clock clock) {
        super(Exchange.KRAKEN, KrakenExchange.class, endpoint, rateLimiter, clock);
    }

    /**
     * Strictly increasing per key across threads; milliseconds like XChange's own nonce, so a key that XChange used
     * before keeps working.
     */
    static final class Nonce implements SynchronizedValueFactory<Long> {

        private final AtomicLong last = new AtomicLong();
        private final Clock clock;

        private Nonce(Clock clock) {
            this.clock = clock;
        }

        @Override
        public Long createValue() {
            return last.updateAndGet(previous -> Math.max(previous + 1, clock.millis()));
        }
    }

    /** Kraken's error list, reported in a successful HTTP answer. */
    static final class KrakenError extends XChangeRest.ErrorBody {

        private KrakenError(String[] errors) {
            super(errors[0], String.join(", ", errors));
            setHttpStatusCode(200);
        }
    }
    /** One call whose Kraken error list becomes a classified failure. */
    <V> V call(
            ApiCredentials credentials,
            int weight,
            boolean mutating,
            XChangeRest.Call<? extends KrakenResult<V>> call) {
        return classified(credentials, weight, mutating, () -> result(call.call()));
    }

    /** The result of Kraken's answer, or its error list as a failure to classify. */
    private static <V> V result(KrakenResult<V> answer) throws KrakenError {
        // Kraken's list also carries warnings ("W..."), which do not fail the call.
        String[] errors = answer.getError() == null
                ? new String[0]
                : Arrays.stream(answer.getError())
                        .filter(error -> error != null && error.startsWith("E"))
                        .toArray(String[]::new);
        if (errors.length > 0) {
            throw new KrakenError(errors);
        }
        return answer.getResult();
    }

    @Override
    protected ExchangeCallException classify(ApiCredentials credentials, ErrorAnswer answer, boolean mutating) {
        String code = answer.code() == null ? "" : answer.code();
        String message = "Kraken: " + answer.message();
        if (startsWith(code, "EAPI:Invalid key", "EAPI:Invalid signature", "EGeneral:Permission denied", "EAuth:")) {
            return new ExchangeCallException(ExchangeFailure.AUTH, message, code, null, null);
        }
        if (code.startsWith("EAPI:Invalid nonce")) {
            // Refused before processing. Persistent when another process uses the key: that needs a nonce window.
            return new ExchangeCallException(ExchangeFailure.UNAVAILABLE, message, code, null, null);
        }
        if (startsWith(code, "EAPI:Rate limit exceeded", "EOrder:Rate limit exceeded", "EGeneral:Too many requests")) {
            // Kraken's call and order counters are per key.
            rateLimiter.backOff(Exchange.KRAKEN, credentials.keyId(), DEFAULT_BACK_OFF);
            return new ExchangeCallException(ExchangeFailure.RATE_LIMITED, message, code, DEFAULT_BACK_OFF, null);
        }
        if (code.startsWith("EGeneral:Temporary lockout")) {
            // Kraken locks out by IP: every key of this process.
            rateLimiter.backOff(Exchange.KRAKEN, null, LOCKOUT_BACK_OFF);
            return new ExchangeCallException(ExchangeFailure.RATE_LIMITED, message, code, LOCKOUT_BACK_OFF, null);
        }
        if (code.startsWith("EService:Market in")) {
            // cancel_only, post_only, limit_only: the market refuses this order now.
            return new ExchangeCallException(ExchangeFailure.REJECTED, message, code, null, null);
        }
        if (startsWith(code, "EOrder:", "EQuery:", "EGeneral:Invalid arguments", "EFunding:")) {
            // Insufficient funds, order or cost minimum not met, invalid price, unknown pair, a cl_ord_id already
            // in use by an open order: definite refusals.
            return new ExchangeCallException(ExchangeFailure.REJECTED, message, code, null, null);
        }
        if (!code.isEmpty()) {
            // EService:Unavailable/Busy/Deadline elapsed, EGeneral:Internal error and anything unlisted: the
            // request may have reached the matching engine.
            return ExchangeFailures.mayHaveExecuted(mutating, message, code, null);
        }
        ExchangeCallException classified = ExchangeFailures.byStatus(
                Exchange.KRAKEN,
                answer.httpStatus(),
                answer.retryAfter() == null ? DEFAULT_BACK_OFF : answer.retryAfter(),
                mutating,
                null,
                null);
        if (classified.failure() == ExchangeFailure.RATE_LIMITED) {
            // A 429 from Kraken's edge counts per IP.
            rateLimiter.backOff(Exchange.KRAKEN, null, classified.retryAfter());
        }
        return classified;
    }

    @Override
    protected Signer newSigner(ApiCredentials credentials) {
        KrakenDigest digest = KrakenDigest.createInstance(credentials.secret());
        return new Signer(
                credentials.apiKey(),
                digest,
                nonces.computeIfAbsent(credentials.keyId(), keyId -> new Nonce(clock)),
                proxy(
                        KrakenSignedCalls.class,
                        Map.of(KrakenSignedCalls.API_KEY, credentials.apiKey(), KrakenSignedCalls.API_SIGN, digest)));
    }
}
