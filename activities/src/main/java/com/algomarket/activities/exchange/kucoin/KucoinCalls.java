package com.algomarket.activities.exchange.kucoin;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeFailures;
import com.algomarket.activities.exchange.kucoin.KucoinSignedCalls.KucoinError;
import com.algomarket.activities.exchange.transport.ExchangeRateLimiter;
import com.algomarket.activities.exchange.transport.Hmac;
import com.algomarket.activities.exchange.transport.RestEndpoint;
import com.algomarket.activities.exchange.transport.SignedXChangeCalls;
import com.algomarket.activities.exchange.transport.XChangeRest;
import com.algomarket.activities.exchange.transport.XChangeRest.ErrorAnswer;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.exchange.ExchangeFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.knowm.xchange.kucoin.KucoinExchange;
import org.knowm.xchange.kucoin.dto.response.KucoinResponse;
import org.knowm.xchange.kucoin.service.KucoinDigest;
import si.mazi.rescu.SynchronizedValueFactory;

/**
 * KuCoin calls, signed per key (with the key's signed passphrase), under the shared rate limiter; and what KuCoin's
 * error codes, in an error status or in a 200, mean for us.
 */
final class KucoinCalls extends SignedXChangeCalls<KucoinCalls.Signer> {

    private static final String SUCCESS = "200000";
    private static final Duration DEFAULT_BACK_OFF = Duration.ofSeconds(10);
    /** Missing or invalid key, passphrase or signature, IP not whitelisted, key lacking the permission, frozen. */
    private static final Set<String> AUTH_CODES =
            Set.of("400001", "400003", "400004", "400005", "400006", "400007", "411100");

    KucoinCalls(RestEndpoint endpoint, ExchangeRateLimiter rateLimiter, Clock clock) {
        super(Exchange.KUCOIN, KucoinExchange.class, endpoint, rateLimiter, clock);
    }

    /** KC-API-KEY-VERSION: keys of version 2 and later send the passphrase signed. */
    static final String KEY_VERSION = "2";

    /** A signed call, given the key's proxy and timestamp source. */
    @FunctionalInterface
    interface SignedCall<T> {
        KucoinResponse<T> call(KucoinSignedCalls api, SynchronizedValueFactory<Long> timestamp) throws IOException;
    }

    /** {@link #call} with the key's KC-API headers. */
    <T> T signed(ApiCredentials credentials, int weight, boolean mutating, SignedCall<T> call) {
        Signer s = signer(credentials);
        return call(credentials, weight, mutating, () -> call.call(s.api(), s.timestamp()));
    }

    /** A key's proxy, which sends its KC-API headers but the timestamp, and its timestamp source. */
    record Signer(KucoinSignedCalls api, Timestamp timestamp) {}

    /**
     * A key's own KC-API-TIMESTAMP source. rescu holds its lock while it signs and sends, which keeps the key's
     * digest, a single Mac, to one thread at a time.
     */
    static final class Timestamp implements SynchronizedValueFactory<Long> {

        private final Clock clock;

        private Timestamp(Clock clock) {
            this.clock = clock;
        }

        @Override
        public Long createValue() {
            return clock.millis();
        }
    }
    /** One call whose KuCoin error, in an error status or in a 200, becomes a classified failure. */
    <T> T call(ApiCredentials credentials, int weight, boolean mutating, XChangeRest.Call<KucoinResponse<T>> call) {
        return classified(credentials, weight, mutating, () -> data(call.call()));
    }

    /** The data of KuCoin's answer, or its error code as a failure to classify. */
    private static <T> T data(KucoinResponse<T> answer) throws IOException {
        if (answer.getCode() == null) {
            // Not KuCoin's envelope: nothing says whether a mutating call was executed.
            throw new IOException("KuCoin answered without a code");
        }
        if (!SUCCESS.equals(answer.getCode())) {
            KucoinError error = new KucoinError(answer.getCode(), answer.getMsg());
            error.setHttpStatusCode(200);
            throw error;
        }
        return answer.getData();
    }

    @Override
    protected ExchangeCallException classify(ApiCredentials credentials, ErrorAnswer answer, boolean mutating) {
        String code = answer.code();
        String message = "KuCoin: " + answer.message();
        if (code != null && AUTH_CODES.contains(code)) {
            return new ExchangeCallException(ExchangeFailure.AUTH, message, code, null, null);
        }
        if ("400002".equals(code)) {
            // KC-API-TIMESTAMP outside KuCoin's window: refused before processing; this host's clock, not the key.
            return new ExchangeCallException(ExchangeFailure.UNAVAILABLE, message, code, null, null);
        }
        if ("429000".equals(code) || answer.httpStatus() == 429) {
            String reset = answer.header("gw-ratelimit-reset");
            Duration wait = reset != null && reset.matches("\\d+")
                    ? Duration.ofMillis(Long.parseLong(reset))
                    : answer.retryAfter() != null ? answer.retryAfter() : DEFAULT_BACK_OFF;
            // KuCoin's private pools count per account, which is per key here.
            rateLimiter.backOff(Exchange.KUCOIN, credentials.keyId(), wait);
            return new ExchangeCallException(ExchangeFailure.RATE_LIMITED, message, code, wait, null);
        }
        if ("500000".equals(code)) {
            return ExchangeFailures.mayHaveExecuted(mutating, message, code, null);
        }
        // Balance insufficient (200004), parameter errors and duplicate clientOids (400100, 126044), sizes below
        // the minimum: refusals, whether in a 4xx or in a 200.
        return ExchangeFailures.byStatus(
                Exchange.KUCOIN, answer.httpStatus(), DEFAULT_BACK_OFF, mutating, code, answer.message());
    }

    @Override
    protected Signer newSigner(ApiCredentials credentials) {
        if (credentials.passphrase() == null || credentials.passphrase().isEmpty()) {
            throw new ExchangeCallException(
                    ExchangeFailure.AUTH, "KuCoin: key " + credentials.fingerprint() + "… has no passphrase");
        }
        return new Signer(
                proxy(
                        KucoinSignedCalls.class,
                        Map.of(
                                KucoinSignedCalls.KEY,
                                credentials.apiKey(),
                                KucoinSignedCalls.SIGN,
                                KucoinDigest.createInstance(credentials.secret()),
                                KucoinSignedCalls.PASSPHRASE,
                                signedPassphrase(credentials),
                                KucoinSignedCalls.KEY_VERSION,
                                KEY_VERSION)),
                new Timestamp(clock));
    }

    /** KuCoin keys of version 2 and 3 take the passphrase as Base64 HMAC-SHA256 of it, keyed with the secret. */
    private static String signedPassphrase(ApiCredentials credentials) {
        return Base64.getEncoder()
                .encodeToString(Hmac.sha256(
                        credentials.secret().getBytes(StandardCharsets.UTF_8),
                        credentials.passphrase().getBytes(StandardCharsets.UTF_8)));
    }
}
