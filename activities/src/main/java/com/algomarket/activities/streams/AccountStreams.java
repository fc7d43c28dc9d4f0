package com.algomarket.activities.streams;

import com.algomarket.activities.connections.CredentialVault;
import com.algomarket.activities.connections.KeyRevocations;
import com.algomarket.activities.exchange.ExchangeGateways;
import com.algomarket.db.connections.Connection;
import com.algomarket.db.connections.ConnectionRepository;
import com.algomarket.db.streams.AccountStreamRepository;
import com.algomarket.workflows.exchange.Exchange;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;

/**
 * Makes the account stream of a connection, with the database as its sink: Binance's WebSocket API user-data stream
 * for BINANCE and PAPER (the paper venue speaks it); for the exchanges listed as polled (by default Kraken, Bitstamp,
 * KuCoin, Bitvavo and Coinbase, whose private WebSocket channels are not built here), an {@link AccountPoller} that
 * reads the whole account once per interval. Either way one per connection, run by the connection's stream workflow.
 */
public final class AccountStreams {

    private final ConnectionRepository connections;
    private final CredentialVault vault;
    private final ExchangeGateways gateways;
    private final AccountStreamRepository repository;
    private final Map<Exchange, URI> webSocketUrls;
    private final Set<Exchange> polled;
    private final AccountPoller.Settings pollerSettings;
    private final Clock clock;
    private final BinanceAccountStream.Settings settings;
    private final KeyRevocations revocations;
    private final OrderExecutionSignals signals;
    private final HttpClient webSocketClient;

    public AccountStreams(
            ConnectionRepository connections,
            CredentialVault vault,
            ExchangeGateways gateways,
            AccountStreamRepository repository,
            Map<Exchange, URI> webSocketUrls,
            Set<Exchange> polled,
            AccountPoller.Settings pollerSettings,
            Clock clock,
            BinanceAccountStream.Settings settings,
            KeyRevocations revocations,
            OrderExecutionSignals signals) {
        this.connections = connections;
        this.vault = vault;
        this.gateways = gateways;
        this.repository = repository;
        this.webSocketUrls = Map.copyOf(webSocketUrls);
        this.polled = Set.copyOf(polled);
        this.pollerSettings = pollerSettings;
        this.clock = clock;
        this.settings = settings;
        this.revocations = revocations;
        this.signals = signals;
        this.webSocketClient = BinanceAccountStream.webSocketClient(settings);
    }

    /** Whether connections to {@code exchange} have a stream here. */
    public boolean supports(Exchange exchange) {
        return (webSocketUrls.containsKey(exchange) || polled.contains(exchange))
                && gateways.find(exchange).isPresent();
    }

    /** The stream of the connection, not started: {@link AccountStream#run} follows it. */
    public AccountStream open(UUID connectionId) {
        Connection connection = connections
                .find(connectionId)
                .orElseThrow(() -> new NoSuchElementException("No connection " + connectionId));
        if (!supports(connection.exchange())) {
            throw new UnsupportedOperationException("No account stream for " + connection.exchange() + " yet");
        }
        DatabaseAccountEventSink sink =
                new DatabaseAccountEventSink(repository, connection.exchange(), revocations, signals);
        AccountSource source = new AccountSource(
                connectionId,
                // Decrypted at each read, or each time the stream connects; never kept beyond that read or connection.
                () -> vault.open(connectionId),
                gateways.get(connection.exchange()),
                sink,
                sink,
                clock);
        if (!webSocketUrls.containsKey(connection.exchange())) {
            return new AccountPoller(source, pollerSettings);
        }
        return new BinanceAccountStream(source, webSocketUrls.get(connection.exchange()), settings, webSocketClient);
    }
}
