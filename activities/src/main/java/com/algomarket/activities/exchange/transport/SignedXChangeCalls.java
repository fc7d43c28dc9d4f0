package com.algomarket.activities.exchange.transport;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.workflows.exchange.Exchange;
import java.time.Clock;
import java.util.Map;

/**
 * What a venue's signed calls through XChange's REST declarations share: one {@link XChangeRest} at the venue's base
 * URL, the proxies of its REST interfaces, and per key the signer the venue defines ({@link #newSigner}).
 *
 * @param <S> what the venue signs with for one key
 */
public abstract class SignedXChangeCalls<S> {

    protected final XChangeRest<S> rest;
    protected final Exchange exchange;
    protected final ExchangeRateLimiter rateLimiter;
    protected final Clock clock;

    protected SignedXChangeCalls(
            Exchange exchange,
            Class<? extends org.knowm.xchange.Exchange> xchangeClass,
            RestEndpoint endpoint,
            ExchangeRateLimiter rateLimiter,
            Clock clock) {
        this.exchange = exchange;
        this.rateLimiter = rateLimiter;
        this.clock = clock;
        // Signers are made on a key's first call, after the subclass is fully constructed.
        this.rest = new XChangeRest<>(exchange, xchangeClass, endpoint, rateLimiter, this::newSigner);
    }

    public Exchange exchange() {
        return exchange;
    }

    /** A proxy of one of the venue's REST interfaces. */
    public <T> T proxy(Class<T> api) {
        return rest.proxy(api);
    }

    /** A proxy of one of the venue's REST interfaces that sends {@code headers} with every call. */
    protected <T> T proxy(Class<T> api, Map<String, Object> headers) {
        return rest.proxy(api, headers);
    }

    /** The key's signer, made once per credentials. */
    public S signer(ApiCredentials credentials) {
        return rest.signer(credentials);
    }

    /**
     * One call under the rate limiter whose failure is classified: the venue's error answers by {@link #classify},
     * everything without an answer as a transport failure.
     */
    protected <T> T classified(ApiCredentials credentials, double weight, boolean mutating, XChangeRest.Call<T> call) {
        return rest.call(
                credentials, weight, mutating, call, (answer, isMutating) -> classify(credentials, answer, isMutating));
    }

    /** What an error answer of the venue means; {@code mutating}: the call may have changed something there. */
    protected abstract ExchangeCallException classify(
            ApiCredentials credentials, XChangeRest.ErrorAnswer answer, boolean mutating);

    /** The signing material of one key (an invalid secret there is AUTH). */
    protected abstract S newSigner(ApiCredentials credentials);
}
