package com.algomarket.activities.exchange.binance;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.transport.RestEndpoint;
import com.algomarket.activities.exchange.transport.XChangeRest;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.knowm.xchange.ExchangeFactory;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.binance.BinanceExchange;
import org.knowm.xchange.binance.service.BinanceAccountServiceRaw;
import org.knowm.xchange.binance.service.BinanceHmacDigest;
import org.knowm.xchange.binance.service.BinanceMarketDataServiceRaw;
import org.knowm.xchange.binance.service.BinanceTradeServiceRaw;
import org.knowm.xchange.client.ExchangeRestProxyBuilder;
import si.mazi.rescu.ParamsDigest;
import si.mazi.rescu.SynchronizedValueFactory;

/**
 * One XChange Binance instance per key, because XChange binds a key to an instance; the least recently used are
 * dropped beyond the keys one process serves ({@link XChangeRest#boundedCache}, as the other venues' signers are).
 */
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
final class BinanceClients {

    private static final long RECV_WINDOW_MS = 5_000;

    private final RestEndpoint endpoint;
    private final Map<ApiCredentials, Client> clients = XChangeRest.boundedCache();

    /** A key's XChange services, and what signs the calls XChange does not offer ({@link BinanceSignedCalls}). */
    record Client(
            BinanceExchange xchange,
            BinanceTradeServiceRaw trade,
            BinanceAccountServiceRaw account,
            BinanceMarketDataServiceRaw marketData,
            BinanceSignedCalls signed,
            BinanceHmacDigest signature,
            String apiKey) {

        /**
         * {@code call} with this key's receive window, timestamp source, API key and signature, as XChange signs its
         * own calls: the same digest, and the same timestamp source, which rescu locks while it signs and sends.
         */
        <T> BinanceCalls.BinanceCall<T> signedCall(SignedCall<T> call) {
            return () -> call.call(signed, RECV_WINDOW_MS, xchange.getTimestampFactory(), apiKey, signature);
        }
    }

    /** One of {@link BinanceSignedCalls}' signed calls, given what signs it. */
    @FunctionalInterface
    interface SignedCall<T> {
        T call(
                BinanceSignedCalls api,
                Long recvWindow,
                SynchronizedValueFactory<Long> timestamp,
                String apiKey,
                ParamsDigest signature)
                throws IOException;
    }

    Client client(ApiCredentials credentials) {
        // Keyed by the whole credentials, in memory only: a key whose secret changed gets a new instance.
        return clients.computeIfAbsent(credentials, this::newClient);
    }

    private Client newClient(ApiCredentials credentials) {
        ExchangeSpecification spec = new ExchangeSpecification(BinanceExchange.class);
        URI baseUrl = endpoint.baseUrl();
        spec.setSslUri(baseUrl.toString());
        spec.setHost(baseUrl.getHost());
        spec.setPort(baseUrl.getPort());
        spec.setApiKey(credentials.apiKey());
        spec.setSecretKey(credentials.secret());
        spec.setHttpConnTimeout((int) endpoint.connectTimeout().toMillis());
        spec.setHttpReadTimeout((int) endpoint.readTimeout().toMillis());
        // No remote init: it would call /sapi/v1/asset/assetDetail and exchangeInfo for every key; we fetch
        // exchangeInfo once per process and never need the asset details.
        spec.setShouldLoadRemoteMetaData(false);
        spec.getResilience().setRetryEnabled(false);
        spec.getResilience().setRateLimiterEnabled(false);
        BinanceExchange xchange = (BinanceExchange) ExchangeFactory.INSTANCE.createExchange(spec);
        BinanceSignedCalls signed = ExchangeRestProxyBuilder.forInterface(BinanceSignedCalls.class, spec)
                .build();
        return new Client(
                xchange,
                (BinanceTradeServiceRaw) xchange.getTradeService(),
                (BinanceAccountServiceRaw) xchange.getAccountService(),
                (BinanceMarketDataServiceRaw) xchange.getMarketDataService(),
                signed,
                BinanceHmacDigest.createInstance(credentials.secret()),
                credentials.apiKey());
    }
}
