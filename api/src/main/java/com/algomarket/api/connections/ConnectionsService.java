package com.algomarket.api.connections;

import com.algomarket.api.Roles;
import com.algomarket.api.exchange.AccountReads;
import com.algomarket.api.exchange.ExchangeAccounts;
import com.algomarket.api.onboarding.OnboardingClient;
import com.algomarket.api.problem.ApiProblem;
import com.algomarket.api.reconciliation.ReconciliationStarter;
import com.algomarket.api.security.MasterKeys;
import com.algomarket.api.streams.AccountStreamStarter;
import com.algomarket.db.audit.AuditLog;
import com.algomarket.db.connections.Connection;
import com.algomarket.db.connections.ConnectionRepository;
import com.algomarket.db.connections.EncryptedCredentials;
import com.algomarket.workflows.connections.ConnectionStatus;
import com.algomarket.workflows.connections.KeyCheckInput;
import com.algomarket.workflows.connections.KeyCheckResult;
import com.algomarket.workflows.connections.KeyPermissions;
import com.algomarket.workflows.exchange.Exchange;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Connects exchange accounts: the key is sealed here, checked at the exchange by the worker (which alone may open
 * it) before anything is stored, stored only encrypted, and never returned or logged.
 */
@Service
@ConditionalOnBooleanProperty(Roles.API_PROPERTY)
class ConnectionsService {

    private static final Logger log = LoggerFactory.getLogger(ConnectionsService.class);

    private final ConnectionRepository connections;
    private final MasterKeys keys;
    private final ExchangeAccounts accounts;
    private final AccountReads balances;
    private final AuditLog auditLog;
    private final TransactionTemplate transactions;
    private final OnboardingClient onboarding;
    private final Clock clock;

    private final ReconciliationStarter reconciliation;
    private final AccountStreamStarter streams;

    ConnectionsService(
            ConnectionRepository connections,
            MasterKeys keys,
            ExchangeAccounts accounts,
            AccountReads balances,
            AuditLog auditLog,
            TransactionTemplate transactions,
            OnboardingClient onboarding,
            Clock clock,
            ReconciliationStarter reconciliation,
            AccountStreamStarter streams) {
        this.onboarding = onboarding;
        this.reconciliation = reconciliation;
        this.streams = streams;
        this.transactions = transactions;
        this.connections = connections;
        this.keys = keys;
        this.accounts = accounts;
        this.balances = balances;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    record NewConnection(Exchange exchange, String name, String apiKey, String apiSecret, String passphrase) {

        @Override
        public String toString() {
            return "NewConnection[exchange=" + exchange + ", name=" + name + "]";
        }
    }

    /** A connection with its balances (and how old they are) when they could be read, or why not. */
    record ConnectionWithBalances(Connection connection, AccountReads.ShownBalances balances) {}

    /**
     * Checks the key's format, then its permissions at the exchange through the worker (no transaction is open during
     * that call), then stores the connection and its audit entry in one transaction.
     */
    Connection connect(UUID userId, NewConnection request) {
        CredentialFormat.check(request.exchange(), request.apiKey(), request.apiSecret(), request.passphrase());
        String fingerprint = keys.fingerprint(request.exchange(), request.apiKey());
        checkNotConnectedYet(userId, request.name(), fingerprint);

        UUID id = UUID.randomUUID();
        EncryptedCredentials sealed =
                keys.seal(id, request.exchange(), request.apiKey(), request.apiSecret(), request.passphrase());
        KeyPermissions permissions = checkedPermissions(request.exchange(), id, sealed);
        Connection connection = new Connection(
                id,
                userId,
                request.exchange(),
                request.name(),
                permissions.read(),
                permissions.trade(),
                permissions.withdraw(),
                ConnectionStatus.ACTIVE,
                null,
                OffsetDateTime.now(clock));
        store(connection, sealed, fingerprint);
        onboarding.advanceQuietly(userId, "connection " + id, workflow -> workflow.exchangeConnected(id.toString()));
        try {
            reconciliation.startOrRunNow(id);
        } catch (RuntimeException e) {
            // Not lost: the next worker start reconciles every connection.
            log.warn("Could not start the reconciliation of connection {}: {}", id, e.getMessage());
        }
        try {
            streams.start(id);
        } catch (RuntimeException e) {
            // Not lost either: the next worker start starts every connection's stream.
            log.warn("Could not start the account stream of connection {}: {}", id, e.getMessage());
        }
        log.info(
                "User {} connected {} as connection {} (withdraw permission: {})",
                userId,
                request.exchange(),
                id,
                permissions.withdraw() == null ? "not readable" : permissions.withdraw());
        return connection;
    }

    private void checkNotConnectedYet(UUID userId, String name, String fingerprint) {
        if (connections.nameTaken(userId, name)) {
            throw new ApiProblem(
                    HttpStatus.CONFLICT,
                    "connection-name-taken",
                    "Name taken",
                    "You already have a connection named \"" + name + "\".");
        }
        if (connections.keyConnected(userId, fingerprint)) {
            throw new ApiProblem(
                    HttpStatus.CONFLICT,
                    "connection-exists",
                    "Key already connected",
                    "This API key is already connected; one key backs one connection, so that portfolios on it "
                            + "never count the same balance twice.");
        }
    }

    private void store(Connection connection, EncryptedCredentials sealed, String fingerprint) {
        transactions.executeWithoutResult(status -> {
            connections.insert(connection, sealed, fingerprint);
            auditLog.append(
                    "user:" + connection.userId(),
                    "exchange_connection",
                    connection.id().toString(),
                    "CONNECTED",
                    "{\"exchange\":\"" + connection.exchange() + "\"}");
        });
    }

    List<ConnectionWithBalances> list(UUID userId) {
        return connections.findByUser(userId).stream().map(this::withBalances).toList();
    }

    Connection pause(UUID userId, UUID connectionId) {
        return changeStatus(
                userId, connectionId, ConnectionStatus.PAUSED, ConnectionStatus.PAUSED.name(), "paused by the user");
    }

    Connection resume(UUID userId, UUID connectionId) {
        return changeStatus(userId, connectionId, ConnectionStatus.ACTIVE, "RESUMED", null);
    }

    @Transactional
    void delete(UUID userId, UUID connectionId) {
        Connection connection = find(userId, connectionId);
        if (connections.usedByPortfolio(connectionId)) {
            throw new ApiProblem(
                    HttpStatus.CONFLICT,
                    "connection-in-use",
                    "Connection in use",
                    "A portfolio trades on this connection; close the portfolio first.");
        }
        connections.changeStatus(
                connection.id(),
                userId,
                List.of(ConnectionStatus.ACTIVE, ConnectionStatus.PAUSED, ConnectionStatus.REVOKED),
                ConnectionStatus.DELETED,
                "deleted by the user",
                OffsetDateTime.now(clock));
        auditLog.append(
                "user:" + userId,
                "exchange_connection",
                connectionId.toString(),
                ConnectionStatus.DELETED.name(),
                "{}");
    }

    private Connection changeStatus(
            UUID userId, UUID connectionId, ConnectionStatus status, String action, String reason) {
        find(userId, connectionId);
        boolean changed = connections.changeStatus(
                connectionId,
                userId,
                List.of(ConnectionStatus.ACTIVE, ConnectionStatus.PAUSED),
                status,
                reason,
                OffsetDateTime.now(clock));
        if (!changed) {
            throw new ApiProblem(
                    HttpStatus.CONFLICT,
                    "connection-not-changeable",
                    "Connection cannot change",
                    "The connection is " + find(userId, connectionId).status() + ".");
        }
        auditLog.append("user:" + userId, "exchange_connection", connectionId.toString(), action, "{}");
        return find(userId, connectionId);
    }

    private Connection find(UUID userId, UUID connectionId) {
        return connections
                .findForUser(connectionId, userId)
                .orElseThrow(() -> ApiProblem.notFound("connection", connectionId));
    }

    private KeyPermissions checkedPermissions(Exchange exchange, UUID connectionId, EncryptedCredentials sealed) {
        KeyCheckResult checked = accounts.checkKey(new KeyCheckInput(
                connectionId.toString(), exchange, sealed.apiKey(), sealed.apiSecret(), sealed.passphrase()));
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
        return permissions;
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

    /** From the database while what it keeps is fresh enough to show, else read at the exchange (and recorded). */
    private ConnectionWithBalances withBalances(Connection connection) {
        return new ConnectionWithBalances(connection, balances.forDisplay(connection.id()));
    }
}
