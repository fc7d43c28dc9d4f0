package com.algomarket.api.connections;

import com.algomarket.api.Roles;
import com.algomarket.api.exchange.ExchangeAccounts;
import com.algomarket.api.problem.ApiProblem;
import com.algomarket.db.connections.EncryptedCredentials;
import com.algomarket.workflows.connections.KeyCheckInput;
import com.algomarket.workflows.connections.KeyCheckResult;
import com.algomarket.workflows.connections.KeyPermissions;
import com.algomarket.workflows.exchange.Exchange;
import java.util.UUID;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What a key must pass at its exchange before it is stored, at connect and at rotation alike: it works, it may read
 * and trade, and it may not withdraw. The worker opens the key for the check; this side reads only the answer.
 */
@Component
@ConditionalOnBooleanProperty(Roles.API_PROPERTY)
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class KeyChecks {

    private final ExchangeAccounts accounts;

    /** Checks the key of a new connection {@code connectionId}, sealed for it. */
    KeyCheckResult newConnection(Exchange exchange, UUID connectionId, EncryptedCredentials sealed) {
        return permitted(exchange, accounts.checkKey(input(exchange, connectionId, sealed)));
    }

    /** Checks a stored connection's new key, sealed for it (see {@link ExchangeAccounts#checkRotatedKey}). */
    KeyCheckResult rotatedKey(Exchange exchange, UUID connectionId, EncryptedCredentials sealed) {
        return permitted(exchange, accounts.checkRotatedKey(input(exchange, connectionId, sealed)));
    }

    /**
     * The account a connection's stored key names, asked of the exchange with that key: for connections made before
     * the account was recorded. Null when the key no longer works or the exchange names no account.
     */
    String accountOfStoredKey(Exchange exchange, UUID connectionId, EncryptedCredentials stored) {
        return accounts.checkRotatedKey(input(exchange, connectionId, stored)).accountId();
    }

    private static KeyCheckInput input(Exchange exchange, UUID connectionId, EncryptedCredentials sealed) {
        return new KeyCheckInput(
                connectionId.toString(), exchange, sealed.apiKey(), sealed.apiSecret(), sealed.passphrase());
    }

    /** The check's answer if the key works, may read and trade and may not withdraw; else the REST problem. */
    private static KeyCheckResult permitted(Exchange exchange, KeyCheckResult checked) {
        if (checked.failure() != null) {
            throw keyCheckProblem(exchange, checked);
        }
        KeyPermissions permissions = checked.permissions();
        if (Boolean.TRUE.equals(permissions.withdraw())) {
            throw new ApiProblem(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "withdraw-permission-enabled",
                    "Key may withdraw",
                    "This key may withdraw funds. Create a key with read and trade permission "
                            + "only: we never need to move funds out of your account.");
        }
        if (!permissions.read() || !permissions.trade()) {
            throw new ApiProblem(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "trade-permission-missing",
                    "Key may not trade",
                    "This key lacks " + (permissions.read() ? "trade" : "read")
                            + " permission; the algorithm's orders need read and trade.");
        }
        return checked;
    }

    private static ApiProblem keyCheckProblem(Exchange exchange, KeyCheckResult checked) {
        return switch (checked.failure()) {
            case INVALID_CREDENTIALS ->
                new ApiProblem(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "invalid-credentials",
                        "Invalid credentials",
                        checked.detail());
            case EXCHANGE_NOT_CONFIGURED ->
                new ApiProblem(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "exchange-not-configured",
                        "Exchange not available",
                        checked.detail());
            case EXCHANGE_UNAVAILABLE ->
                new ApiProblem(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "exchange-unavailable",
                        "Exchange unavailable",
                        exchange + " could not check the key right now (" + checked.detail()
                                + "); nothing was stored. Try again shortly.");
        };
    }
}
