package com.algomarket.activities.config;

import com.algomarket.activities.connections.CredentialVault;
import com.algomarket.activities.connections.KeyRevocations;
import com.algomarket.activities.exchange.ExchangeGateways;
import com.algomarket.activities.paper.PaperVenue;
import com.algomarket.activities.streams.AccountPoller;
import com.algomarket.activities.streams.AccountStreams;
import com.algomarket.activities.streams.BinanceAccountStream;
import com.algomarket.activities.streams.OrderExecutionSignals;
import com.algomarket.activities.streams.StreamedOrders;
import com.algomarket.db.connections.ConnectionRepository;
import com.algomarket.db.streams.AccountStreamRepository;
import com.algomarket.workflows.exchange.Exchange;
import io.temporal.client.WorkflowClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The account streams: where each exchange's WebSocket API is, which exchanges are followed by reading the account
 * each interval instead (and how often), what the streams write to and whom they signal, and whether orders wait for
 * them.
 */
@Configuration(proxyBeanMethods = false)
class StreamConfiguration {

    @Bean
    AccountStreams accountStreams(
            ConnectionRepository connections,
            CredentialVault vault,
            ExchangeGateways gateways,
            AccountStreamRepository repository,
            Clock clock,
            KeyRevocations revocations,
            ObjectProvider<PaperVenue> paperVenue,
            WorkflowClient workflowClient,
            ExchangeProperties exchanges,
            @Value("${algomarket.streams.polled-exchanges:KRAKEN,BITSTAMP,KUCOIN,BITVAVO,COINBASE}")
                    Set<Exchange> polled,
            @Value("${algomarket.streams.poll-interval:PT15S}") Duration pollInterval) {
        Map<Exchange, URI> urls = new EnumMap<>(Exchange.class);
        urls.put(Exchange.BINANCE, exchanges.binanceWebSocketUrl());
        String paper = !exchanges.paperWebSocketUrl().isBlank()
                ? exchanges.paperWebSocketUrl()
                : paperVenue.stream().map(PaperVenue::webSocketUrl).findFirst().orElse("");
        if (!paper.isBlank()) {
            urls.put(Exchange.PAPER, URI.create(paper));
        }
        return new AccountStreams(
                connections,
                vault,
                gateways,
                repository,
                urls,
                polled,
                AccountPoller.Settings.every(pollInterval),
                clock,
                BinanceAccountStream.Settings.defaults(),
                revocations,
                new OrderExecutionSignals(repository, workflowClient));
    }

    @Bean
    StreamedOrders streamedOrders(
            AccountStreams streams,
            @Value("${algomarket.streams.enabled:false}") boolean enabled,
            @Value("${algomarket.streams.safety-lookup:PT6H}") Duration safetyLookup) {
        return new StreamedOrders(enabled, safetyLookup, streams);
    }
}
