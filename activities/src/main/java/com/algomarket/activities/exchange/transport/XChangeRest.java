package com.algomarket.activities.exchange.transport;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeFailures;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.exchange.ExchangeFailure;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.HeaderParam;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import lombok.Getter;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.client.ExchangeRestProxyBuilder;
import si.mazi.rescu.HttpResponseAware;
import si.mazi.rescu.HttpStatusExceptionSupport;
import si.mazi.rescu.HttpStatusIOException;
import si.mazi.rescu.serialization.jackson.DefaultJacksonObjectMapperFactory;
import si.mazi.rescu.serialization.jackson.JacksonObjectMapperFactory;

/**
 * What the Kraken, Bitstamp and KuCoin gateways share. They call REST interfaces the XChange way (XChange's own
 * declarations where they fit, small ones of ours where XChange 5.2.x lacks a call or a parameter) through rescu
 * proxies pointed at one base URL, and sign with the modules' own digests.
 *
 * <p>No XChange {@code Exchange} instance is built: its services would bind a key to the instance's own nonce
 * factory, remote metadata and, for KuCoin, to API key version 1, and each gateway needs none of them. What a key
 * needs (digest, key, nonce source) is kept per credentials in {@link #signer}.
 *
 * @param <S> what a gateway signs with for one key
 */
public final class XChangeRest<S> {

    private static final int MAX_CACHED_KEYS = 10_000;
    private static final JacksonObjectMapperFactory SHARED_MAPPER = new SharedObjectMapper();

    private final Exchange exchange;
    private final ExchangeRateLimiter rateLimiter;
    private final ExchangeSpecification specification;
    private final Function<ApiCredentials, S> signerFactory;
    private final Map<ApiCredentials, S> signers = boundedCache();

    /** The answer of a call made through {@link #call}. */
    @FunctionalInterface
    public interface Call<T> {
        T call() throws IOException;
    }

    /** Classifies an error answer; {@code mutating}: the call may have changed something at the exchange. */
    @FunctionalInterface
    public interface Classifier {
        ExchangeCallException classify(ErrorAnswer answer, boolean mutating);
    }

    /**
     * An error answer as the exchange gave it. {@code httpStatus} is 200 when the exchange reported the error inside
     * a successful response; {@code code} and {@code message} are null when the body was not the exchange's JSON
     * (a proxy's HTML page, an empty 5xx).
     */
    public record ErrorAnswer(int httpStatus, Map<String, List<String>> headers, String code, String message) {

        public String header(String name) {
            if (headers != null) {
                for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                    if (name.equalsIgnoreCase(header.getKey())
                            && !header.getValue().isEmpty()) {
                        return header.getValue().get(0);
                    }
                }
            }
            return null;
        }

        /** Retry-After as seconds or as an HTTP date; null when absent. */
        public Duration retryAfter() {
            return ExchangeFailures.retryAfter(header("Retry-After"), Instant.now());
        }
    }

    /**
     * The error type our REST interfaces declare, so that rescu parses an exchange's error body into it (rescu sets
     * the HTTP status and the headers).
     */
    public abstract static class ErrorBody extends HttpStatusExceptionSupport implements HttpResponseAware {

        /** The exchange's own error code, or null. */
        @Getter
        private final String code;

        /** The exchange's message, without rescu's "(HTTP status code: …)" suffix. */
        @Getter
        private final String reason;

        private Map<String, List<String>> headers = Map.of();

        protected ErrorBody(String code, String reason) {
            super(reason);
            this.code = code;
            this.reason = reason;
        }

        @Override
        public void setResponseHeaders(Map<String, List<String>> headers) {
            this.headers = headers == null ? Map.of() : headers;
        }

        @Override
        public Map<String, List<String>> getResponseHeaders() {
            return headers;
        }
    }

    /** A {@code BASE/QUOTE} symbol split into its assets. */
    public record BaseQuote(String base, String quote) {

        public static BaseQuote of(String symbol) {
            int slash = symbol == null ? -1 : symbol.indexOf('/');
            if (slash <= 0 || slash == symbol.length() - 1 || symbol.indexOf('/', slash + 1) >= 0) {
                throw new ExchangeCallException(ExchangeFailure.REJECTED, "symbol must be BASE/QUOTE, was " + symbol);
            }
            return new BaseQuote(symbol.substring(0, slash), symbol.substring(slash + 1));
        }
    }

    /**
     * {@code xchangeClass} only names the exchange in the specification; {@code signerFactory} turns credentials
     * into what the gateway signs with (an invalid secret there, e.g. not Base64 for Kraken, is AUTH).
     */
    public XChangeRest(
            Exchange exchange,
            Class<? extends org.knowm.xchange.Exchange> xchangeClass,
            RestEndpoint endpoint,
            ExchangeRateLimiter rateLimiter,
            Function<ApiCredentials, S> signerFactory) {
        this.exchange = exchange;
        this.rateLimiter = rateLimiter;
        this.signerFactory = signerFactory;
        this.specification = new ExchangeSpecification(xchangeClass);
        // The only settings rescu proxies read: XChange's remote init and resilience belong to Exchange instances.
        specification.setSslUri(endpoint.baseUrl().toString());
        specification.setHttpConnTimeout((int) endpoint.connectTimeout().toMillis());
        specification.setHttpReadTimeout((int) endpoint.readTimeout().toMillis());
    }

    /** A rescu proxy of {@code restInterface} at the base URL with the connect and read timeouts. */
    public <T> T proxy(Class<T> restInterface) {
        return ExchangeRestProxyBuilder.forInterface(restInterface, specification)
                .build();
    }

    /**
     * A rescu proxy of {@code restInterface} that sends {@code headers} with every call, so that a key's signing
     * headers are given once, where its signer is made, and not declared again on every method. A value may be a
     * {@link si.mazi.rescu.ParamsDigest} or a {@link si.mazi.rescu.SynchronizedValueFactory}: rescu evaluates it on
     * each call as it does for declared parameters. One shared object mapper serves all such proxies, since one is
     * made per key.
     */
    public <T> T proxy(Class<T> restInterface, Map<String, Object> headers) {
        return ExchangeRestProxyBuilder.forInterface(restInterface, specification)
                .clientConfigCustomizer(config -> {
                    config.setJacksonObjectMapperFactory(SHARED_MAPPER);
                    headers.forEach((name, value) -> config.addDefaultParam(HeaderParam.class, name, value));
                })
                .build();
    }

    /**
     * The signing material of these credentials, cached in memory only and keyed by the whole credentials: a key
     * whose secret changed gets new material.
     */
    public S signer(ApiCredentials credentials) {
        return signers.computeIfAbsent(credentials, this::newSigner);
    }

    /**
     * Makes one call under the rate limiter and classifies any failure: the exchange's error answers through
     * {@code classifier}, everything without an answer through {@link ExchangeFailures#transport}.
     */
    public <T> T call(
            ApiCredentials credentials, double weight, boolean mutating, Call<T> call, Classifier classifier) {
        rateLimiter.acquire(exchange, credentials.keyId(), weight);
        try {
            return call.call();
        } catch (ErrorBody e) {
            throw classifier.classify(
                    new ErrorAnswer(e.getHttpStatusCode(), e.getResponseHeaders(), e.code(), e.reason()), mutating);
        } catch (HttpStatusIOException e) {
            // An answer that is not the exchange's JSON error.
            throw classifier.classify(
                    new ErrorAnswer(e.getHttpStatusCode(), e.getResponseHeaders(), null, null), mutating);
        } catch (IOException e) {
            throw ExchangeFailures.transport(exchange, e, mutating);
        } catch (ExchangeCallException e) {
            throw e;
        } catch (RuntimeException e) {
            // rescu wraps some transport failures and unreadable answers; a mutating call may still have executed.
            throw ExchangeFailures.transport(exchange, e, mutating);
        }
    }

    /** rescu's default object mapper, made once: a mapper is thread-safe once configured. */
    private static final class SharedObjectMapper implements JacksonObjectMapperFactory {

        private final ObjectMapper mapper = new DefaultJacksonObjectMapperFactory().createObjectMapper();

        @Override
        public ObjectMapper createObjectMapper() {
            return mapper;
        }

        @Override
        public void configureObjectMapper(ObjectMapper objectMapper) {
            // Configured once, when made.
        }
    }

    /** A synchronized LRU map bounded to the number of keys one process serves. */
    public static <K, V> Map<K, V> boundedCache() {
        return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > MAX_CACHED_KEYS;
            }
        });
    }

    private S newSigner(ApiCredentials credentials) {
        if (credentials.secret() == null || credentials.secret().isEmpty()) {
            throw new ExchangeCallException(
                    ExchangeFailure.AUTH, exchange + ": key " + credentials.fingerprint() + "… has no secret");
        }
        try {
            return signerFactory.apply(credentials);
        } catch (IllegalArgumentException e) {
            // Deliberately without the cause: its message may quote the secret.
            throw new ExchangeCallException(
                    ExchangeFailure.AUTH,
                    exchange + ": the secret of key " + credentials.fingerprint() + "… cannot sign requests");
        }
    }
}
