package com.algomarket.activities.connections;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeGateway;
import com.algomarket.activities.exchange.ExchangeGateways;
import com.algomarket.db.connections.Connection;
import com.algomarket.db.connections.ConnectionRepository;
import com.algomarket.db.connections.EncryptedCredentials;
import com.algomarket.workflows.connections.AccountBalances;
import com.algomarket.workflows.connections.AssetBalance;
import com.algomarket.workflows.connections.ExchangeAccountActivities;
import com.algomarket.workflows.connections.KeyCheckFailure;
import com.algomarket.workflows.connections.KeyCheckInput;
import com.algomarket.workflows.connections.KeyCheckResult;
import com.algomarket.workflows.connections.KeyPermissions;
import com.algomarket.workflows.connections.LastPrices;
import com.algomarket.workflows.connections.LastPricesInput;
import com.algomarket.workflows.exchange.ExchangeFailure;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.stereotype.Component;

/**
 * Reads a user's exchange account for the API: the key is decrypted here, for the one call, and never leaves the
 * worker. An exchange's failure is an answer (the API shows it), so it is returned rather than thrown and retried.
 */
@Component
@RequiredArgsConstructor
@Slf4j
public class ExchangeAccountActivitiesImpl implements ExchangeAccountActivities {

    private static final String NOT_CONFIGURED = "NOT_CONFIGURED";
    /** The connection was deleted, and its key with it. */
    private static final String NO_KEY = "NO_KEY";

    private final ExchangeGateways gateways;
    private final CredentialVault vault;
    private final ConnectionRepository connections;

    @Override
    public KeyCheckResult checkKey(KeyCheckInput input) {
        Optional<ExchangeGateway> gateway = gateways.find(input.exchange());
        if (gateway.isEmpty()) {
            return KeyCheckResult.failed(
                    KeyCheckFailure.EXCHANGE_NOT_CONFIGURED, input.exchange() + " is not configured on this server.");
        }
        try {
            ApiCredentials credentials = open(input);
            var permissions = gateway.get().permissions(credentials);
            // Read at every check, connect included, so that a later rotation has the account to compare with.
            String accountId = gateway.get().accountId(credentials).orElse(null);
            return KeyCheckResult.permitted(
                    new KeyPermissions(permissions.read(), permissions.trade(), permissions.withdraw()), accountId);
        } catch (ExchangeCallException e) {
            if (e.failure() == ExchangeFailure.AUTH || e.failure() == ExchangeFailure.REJECTED) {
                return KeyCheckResult.failed(
                        KeyCheckFailure.INVALID_CREDENTIALS,
                        input.exchange() + " did not accept this key: " + e.getMessage());
            }
            return KeyCheckResult.failed(
                    KeyCheckFailure.EXCHANGE_UNAVAILABLE, e.failure().name());
        }
    }

    @Override
    public AccountBalances balances(String connectionId) {
        UUID id = UUID.fromString(connectionId);
        Optional<ExchangeGateway> gateway = gatewayOf(id);
        if (gateway.isEmpty()) {
            log.warn("Balances of connection {} unavailable: no gateway for its exchange", id);
            return AccountBalances.unavailable(NOT_CONFIGURED);
        }
        try {
            return AccountBalances.of(gateway.get().balances(vault.open(id)).stream()
                    .map(balance -> new AssetBalance(balance.asset(), balance.free(), balance.locked()))
                    .toList());
        } catch (ExchangeCallException e) {
            return AccountBalances.unavailable(e.failure().name());
        } catch (NoSuchElementException e) {
            return AccountBalances.unavailable(NO_KEY);
        }
    }

    @Override
    public LastPrices lastPrices(LastPricesInput input) {
        UUID id = UUID.fromString(input.connectionId());
        Optional<ExchangeGateway> gateway = gatewayOf(id);
        if (gateway.isEmpty()) {
            log.warn("Last prices on connection {} unavailable: no gateway for its exchange", id);
            return LastPrices.unavailable(NOT_CONFIGURED);
        }
        ApiCredentials credentials;
        try {
            credentials = vault.open(id);
        } catch (NoSuchElementException e) {
            return LastPrices.unavailable(NO_KEY);
        }
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        String unavailable = null;
        for (String symbol : input.symbols()) {
            try {
                prices.put(symbol, gateway.get().lastPrice(credentials, symbol));
            } catch (ExchangeCallException e) {
                // One unknown symbol must not hide the others' prices.
                log.info("Last price of {} on {} unavailable ({}): {}", symbol, id, e.failure(), e.getMessage());
                unavailable = e.failure().name();
            }
        }
        return new LastPrices(prices, unavailable);
    }

    private Optional<ExchangeGateway> gatewayOf(UUID connectionId) {
        return connections.find(connectionId).map(Connection::exchange).flatMap(gateways::find);
    }

    private ApiCredentials open(KeyCheckInput input) {
        return vault.open(
                UUID.fromString(input.connectionId()),
                new EncryptedCredentials(input.exchange(), input.apiKey(), input.apiSecret(), input.passphrase()));
    }
}
