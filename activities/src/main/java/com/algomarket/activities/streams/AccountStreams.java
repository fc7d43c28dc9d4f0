package com.algomarket.activities.streams;

import com.algomarket.activities.connections.CredentialVault;
import com.algomarket.activities.connections.KeyRevocations;
import com.algomarket.activities.exchange.ExchangeGateways;
import com.algomarket.db.connections.Connection;
import com.algomarket.db.connections.ConnectionRepository;
import com.algomarket.db.streams.AccountStreamRepository;
import com.algomarket.workflows.exchange.Exchange;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;

/**
 * Makes the account stream of a connection: Binance's WebSocket API user-data stream for BINANCE and PAPER (the paper
 * venue speaks it), with the database as its sink. The other exchanges' private channels are not built yet.
 */
public final class AccountStreams {

    private final ConnectionRepository connections;
    private final CredentialVault vault;
    private final ExchangeGateways gateways;
    private final AccountStreamRepository repository;
    private final Map<Exchange, URI> webSocketUrls;
    private final Clock clock;
    private final BinanceAccountStream.Settings settings;
    private final KeyRevocations revocations;
    private final OrderExecutionSignals signals;

    public AccountStreams(
            ConnectionRepository connections,
            CredentialVault vault,
            ExchangeGateways gateways,
            AccountStreamRepository repository,
            Map<Exchange, URI> webSocketUrls,
            Clock clock,
            BinanceAccountStream.Settings settings,
            KeyRevocations revocations,
            OrderExecutionSignals signals) {
        this.connections = connections;
        this.vault = vault;
        this.gateways = gateways;
        this.repository = repository;
        this.webSocketUrls = Map.copyOf(webSocketUrls);
        this.clock = clock;
        this.settings = settings;
        this.revocations = revocations;
        this.signals = signals;
    }

    /** Whether connections to {@code exchange} have a stream here. */
    public boolean supports(Exchange exchange) {
        return webSocketUrls.containsKey(exchange) && gateways.find(exchange).isPresent();
    }

    /** The stream of the connection, not started: {@link BinanceAccountStream#run} follows it. */
    public BinanceAccountStream open(UUID connectionId) {
        Connection connection = connections
                .find(connectionId)
                .orElseThrow(() -> new NoSuchElementException("No connection " + connectionId));
        if (!supports(connection.exchange())) {
            throw new UnsupportedOperationException("No account stream for " + connection.exchange() + " yet");
        }
        DatabaseAccountEventSink sink =
                new DatabaseAccountEventSink(repository, connection.exchange(), revocations, signals);
        return new BinanceAccountStream(
                connectionId,
                webSocketUrls.get(connection.exchange()),
                // Decrypted when the stream connects, each time it does; never kept beyond that connection.
                () -> vault.open(connectionId),
                gateways.get(connection.exchange()),
                sink,
                sink,
                clock,
                settings);
    }
}
