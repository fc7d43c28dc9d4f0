package com.algomarket.activities.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.algomarket.activities.connections.CredentialVault;
import com.algomarket.activities.connections.KeyRevocations;
import com.algomarket.activities.exchange.ExchangeGateway;
import com.algomarket.activities.exchange.ExchangeGateways;
import com.algomarket.db.connections.ConnectionRepository;
import com.algomarket.db.streams.AccountStreamRepository;
import com.algomarket.db.support.ActiveConnections;
import com.algomarket.workflows.exchange.Exchange;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Which connections get which account stream, and so whose orders the fan-out plans to wait for signals ({@link
 * StreamedOrders}, the same switch as for Binance): a WebSocket stream where this worker knows the exchange's WebSocket
 * API, an account poller where the exchange is listed as polled, none otherwise.
 */
class AccountStreamsTest {

    private static final Set<Exchange> POLLED =
            EnumSet.of(Exchange.KRAKEN, Exchange.BITSTAMP, Exchange.KUCOIN, Exchange.BITVAVO, Exchange.COINBASE);

    private final ConnectionRepository connections = mock(ConnectionRepository.class);
    private final ExchangeGateways gateways = new ExchangeGateways(Arrays.stream(Exchange.values())
            .map(exchange -> {
                ExchangeGateway gateway = mock(ExchangeGateway.class);
                when(gateway.exchange()).thenReturn(exchange);
                return gateway;
            })
            .toList());

    @ParameterizedTest
    @EnumSource(
            value = Exchange.class,
            names = {"KRAKEN", "BITSTAMP", "KUCOIN", "BITVAVO", "COINBASE"})
    void givenStreamsOnAndTheExchangePolled_whenAnOrderIsPlanned_thenItWaitsAndItsConnectionGetsAPoller(
            Exchange exchange) {
        AccountStreams streams = streams(POLLED);

        assertThat(new StreamedOrders(true, Duration.ofHours(1), streams).safetyLookupSeconds(exchange))
                .isEqualTo(3600);
        assertThat(streams.open(connectionTo(exchange))).isInstanceOf(AccountPoller.class);
    }

    @ParameterizedTest
    @EnumSource(
            value = Exchange.class,
            names = {"KRAKEN", "BITSTAMP", "KUCOIN", "BITVAVO", "COINBASE"})
    void givenTheExchangeNotPolled_whenAnOrderIsPlanned_thenItPollsAsBefore(Exchange exchange) {
        AccountStreams streams = streams(EnumSet.noneOf(Exchange.class));

        assertThat(new StreamedOrders(true, Duration.ofHours(1), streams).safetyLookupSeconds(exchange))
                .isZero();
    }

    @ParameterizedTest
    @EnumSource(
            value = Exchange.class,
            names = {"BINANCE", "PAPER"})
    void givenAWebSocketApi_whenTheStreamIsOpened_thenBinancesStreamEvenIfAlsoListedAsPolled(Exchange exchange) {
        AccountStreams streams = streams(EnumSet.allOf(Exchange.class));

        assertThat(streams.open(connectionTo(exchange))).isInstanceOf(BinanceAccountStream.class);
    }

    private AccountStreams streams(Set<Exchange> polled) {
        return new AccountStreams(
                connections,
                mock(CredentialVault.class),
                gateways,
                mock(AccountStreamRepository.class),
                Map.of(
                        Exchange.BINANCE, URI.create("wss://ws-api.binance.com:443/ws-api/v3"),
                        Exchange.PAPER, URI.create("ws://127.0.0.1:1/ws-api/v3")),
                polled,
                AccountPoller.Settings.every(Duration.ofSeconds(15)),
                Clock.systemUTC(),
                BinanceAccountStream.Settings.defaults(),
                mock(KeyRevocations.class),
                mock(OrderExecutionSignals.class));
    }

    private UUID connectionTo(Exchange exchange) {
        UUID id = UUID.randomUUID();
        when(connections.find(id))
                .thenReturn(Optional.of(ActiveConnections.active(id, UUID.randomUUID(), exchange, "main")));
        return id;
    }
}
