package com.algomarket.activities.config;

import com.algomarket.activities.connections.CredentialCipher;
import com.algomarket.activities.connections.CredentialReencryption;
import com.algomarket.activities.connections.CredentialVault;
import com.algomarket.activities.exchange.ExchangeGateway;
import com.algomarket.activities.exchange.ExchangeGateways;
import com.algomarket.activities.exchange.binance.BinanceGateway;
import com.algomarket.activities.exchange.bitstamp.BitstampGateway;
import com.algomarket.activities.exchange.bitvavo.BitvavoGateway;
import com.algomarket.activities.exchange.coinbase.CoinbaseGateway;
import com.algomarket.activities.exchange.kraken.KrakenGateway;
import com.algomarket.activities.exchange.kucoin.KucoinGateway;
import com.algomarket.activities.exchange.transport.ExchangeHttpClient;
import com.algomarket.activities.exchange.transport.ExchangeRateLimiter;
import com.algomarket.activities.exchange.transport.RateLimit;
import com.algomarket.activities.exchange.transport.SharedKeyBudgets;
import com.algomarket.activities.paper.PaperVenue;
import com.algomarket.db.connections.ConnectionRepository;
import com.algomarket.db.connections.KeyFingerprints;
import com.algomarket.workflows.exchange.Exchange;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The exchange layer of this process: one rate limiter shared by every worker thread (its per-key budgets shared with
 * the other processes through PostgreSQL), a gateway per exchange, the credential cipher that opens stored keys, and
 * the paper venue where this process serves one.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ExchangeProperties.class, PaperProperties.class})
class ExchangeConfiguration {

    /** Set by the app's Roles (ALGOMARKET_ROLES): true where this process runs workers. */
    static final String WORKER_ROLE = "algomarket.role.worker";

    /**
     * Each exchange's published limits. The exchange bucket counts request weight (what exchanges count per IP); the
     * key bucket counts calls (what they count per account).
     */
    static final Map<Exchange, RateLimit> EXCHANGE_LIMITS = Map.of(
            Exchange.BINANCE, RateLimit.perMinute(6_000), // REQUEST_WEIGHT 6000 per minute per IP
            // PAPER: the paper venue's own limit, algomarket.paper.weight-per-minute (Binance's 6000 by default)
            Exchange.KRAKEN, RateLimit.perSecond(20), // Kraken counts per key (below); a cap for the whole process
            Exchange.BITSTAMP, RateLimit.perMinute(1_000), // 10,000 requests per 10 minutes
            Exchange.KUCOIN, new RateLimit(2_000, Duration.ofSeconds(30)), // public pool 2000 weight / 30 s per IP
            Exchange.COINBASE, RateLimit.perSecond(30), // 30 private requests per second
            Exchange.BITVAVO, RateLimit.perMinute(1_000)); // 1000 weight per minute per IP

    static final Map<Exchange, RateLimit> KEY_LIMITS = Map.of(
            Exchange.BINANCE, RateLimit.perSecond(10), // ORDERS 100 per 10 s per account
            Exchange.PAPER, RateLimit.perSecond(10),
            Exchange.KRAKEN, RateLimit.perMinute(15), // counter max 15, decaying 0.33 per second
            Exchange.KUCOIN, new RateLimit(4_000, Duration.ofSeconds(30)), // spot pool 4000 / 30 s per UID
            Exchange.COINBASE, RateLimit.perSecond(30),
            Exchange.BITVAVO, RateLimit.perMinute(1_000)); // 1000 weight per minute per key

    @Bean
    ExchangeRateLimiter exchangeRateLimiter(
            MeterRegistry meters, DataSource dataSource, ExchangeProperties exchanges, PaperProperties paper) {
        Map<Exchange, RateLimit> limits = new EnumMap<>(EXCHANGE_LIMITS);
        limits.put(Exchange.PAPER, RateLimit.perMinute(paper.weightPerMinute()));
        return new ExchangeRateLimiter(
                limits,
                KEY_LIMITS,
                exchanges.maxRateLimitWait(),
                meters,
                System::nanoTime,
                new SharedKeyBudgets(dataSource));
    }

    /**
     * Publishes the venue's address as {@code algomarket.paper.url} (and its WebSocket API's as {@code
     * algomarket.paper.websocket-url}), so that the API's paper portal and the stream clients find it without knowing
     * this class.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnBooleanProperty("algomarket.paper.serve")
    PaperVenue paperVenue(ConfigurableEnvironment environment, Clock clock, PaperProperties paper) {
        PaperVenue venue =
                new PaperVenue(clock, paper.port(), paper.weightPerMinute(), paper.volatility(), paper.tick());
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "paperVenue",
                        Map.of(
                                PaperVenue.URL_PROPERTY,
                                venue.baseUrl(),
                                PaperVenue.WEBSOCKET_URL_PROPERTY,
                                venue.webSocketUrl())));
        return venue;
    }

    @Bean
    ExchangeGateways exchangeGateways(
            ExchangeRateLimiter limiter,
            Clock clock,
            ObjectProvider<PaperVenue> paperVenue,
            ExchangeProperties exchanges) {
        Duration connectTimeout = exchanges.connectTimeout();
        Duration readTimeout = exchanges.readTimeout();
        List<ExchangeGateway> gateways = new ArrayList<>();
        gateways.add(new BinanceGateway(Exchange.BINANCE, exchanges.endpoint(exchanges.binanceUrl()), limiter, clock));
        gateways.add(new CoinbaseGateway(
                exchanges.coinbaseUrl(),
                limiter,
                new ExchangeHttpClient(Exchange.COINBASE, connectTimeout, readTimeout),
                clock));
        gateways.add(new KrakenGateway(exchanges.endpoint(exchanges.krakenUrl()), limiter, clock));
        gateways.add(new BitstampGateway(exchanges.endpoint(exchanges.bitstampUrl()), limiter, clock));
        gateways.add(new KucoinGateway(exchanges.endpoint(exchanges.kucoinUrl()), limiter, clock));
        gateways.add(new BitvavoGateway(
                exchanges.bitvavoUrl(),
                exchanges.bitvavoOperatorId(),
                limiter,
                new ExchangeHttpClient(Exchange.BITVAVO, connectTimeout, readTimeout),
                clock));
        String paper = !exchanges.paperUrl().isBlank()
                ? exchanges.paperUrl()
                : paperVenue.stream().map(PaperVenue::baseUrl).findFirst().orElse("");
        if (!paper.isBlank()) {
            gateways.add(new BinanceGateway(Exchange.PAPER, exchanges.endpoint(URI.create(paper)), limiter, clock));
        }
        return new ExchangeGateways(gateways);
    }

    /** Only workers hold the credentials private keyset; an API-only node has no cipher at all. */
    @Bean
    @ConditionalOnBooleanProperty(WORKER_ROLE)
    CredentialCipher credentialCipher(
            @Value("${algomarket.credentials.private-keyset:}") String privateKeyset,
            @Value("${algomarket.credentials.master-keyset:}") String legacyMasterKeyset) {
        if (privateKeyset == null || privateKeyset.isBlank()) {
            throw new IllegalStateException("algomarket.credentials.private-keyset (CREDENTIALS_PRIVATE_KEYSET) is not "
                    + "set: a worker needs the Tink hybrid private keyset; see README \"Security model\".");
        }
        return CredentialCipher.fromJsonKeysets(privateKeyset, legacyMasterKeyset);
    }

    @Bean
    CredentialVault credentialVault(ObjectProvider<CredentialCipher> cipher, ConnectionRepository connections) {
        return new CredentialVault(Optional.ofNullable(cipher.getIfAvailable()), connections);
    }

    /** Moves rows sealed with the old symmetric keyset to the public key, once per worker start (idempotent). */
    @Bean
    @ConditionalOnBooleanProperty(WORKER_ROLE)
    ApplicationRunner credentialReencryption(
            CredentialVault vault,
            CredentialCipher cipher,
            @Value("${algomarket.credentials.fingerprint-key:}") String fingerprintKey,
            ConnectionRepository connections) {
        CredentialReencryption reencryption =
                new CredentialReencryption(vault, cipher, KeyFingerprints.fromBase64Key(fingerprintKey), connections);
        return arguments -> reencryption.run();
    }
}
