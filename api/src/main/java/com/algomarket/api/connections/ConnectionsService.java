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
import com.algomarket.db.connections.ConnectionUse;
import com.algomarket.db.connections.EncryptedCredentials;
import com.algomarket.db.connections.RotatedKey;
import com.algomarket.workflows.connections.ConnectionStatus;
import com.algomarket.workflows.connections.KeyCheckResult;
import com.algomarket.workflows.connections.KeyPermissions;
import com.algomarket.workflows.exchange.Exchange;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
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
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
@Slf4j
class ConnectionsService {

    private final ConnectionRepository connections;
    private final MasterKeys keys;
    private final ExchangeAccounts accounts;
    private final KeyChecks keyChecks;
    private final AccountReads balances;
    private final AuditLog auditLog;
    private final TransactionTemplate transactions;
    private final OnboardingClient onboarding;
    private final Clock clock;

    private final ReconciliationStarter reconciliation;
    private final AccountStreamStarter streams;

    record NewConnection(Exchange exchange, String name, String apiKey, String apiSecret, String passphrase) {

        @Override
        public String toString() {
            return "NewConnection[exchange=" + exchange + ", name=" + name + "]";
        }
    }

    /**
     * A connection with its balances (and how old they are) when they could be read, or why not, and the portfolios
     * (not closed) that trade on it with their algorithms.
     */
    record ConnectionWithBalances(
            Connection connection, AccountReads.ShownBalances balances, List<ConnectionUse> uses) {}

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
        KeyCheckResult checked = keyChecks.newConnection(request.exchange(), id, sealed);
        KeyPermissions permissions = checked.permissions();
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
        store(connection, sealed, fingerprint, checked.accountId());
        onboarding.advanceQuietly(userId, "connection " + id, workflow -> workflow.exchangeConnected(id.toString()));
        follow(id);
        log.info(
                "User {} connected {} as connection {} (withdraw permission: {})",
                userId,
                request.exchange(),
                id,
                permissions.withdraw() == null ? "not readable" : permissions.withdraw());
        return connection;
    }

    /** Reconciles the connection now and starts its account stream, unless they run already. */
    private void follow(UUID id) {
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
    }

    record NewKey(String apiKey, String apiSecret, String passphrase) {

        @Override
        public String toString() {
            return "NewKey[]";
        }
    }

    /** The connection after a rotation; {@code accountChecked} is false where the exchange names no account. */
    record RotatedConnection(Connection connection, boolean accountChecked) {}

    /**
     * Replaces the connection's key with a new key of the same exchange account: checked as at connect (format, not
     * connected elsewhere, permissions at the exchange) and for its account, then stored in one transaction with its
     * audit entry. The connection keeps its id and its portfolios; a REVOKED one becomes ACTIVE, and its portfolios
     * stay paused until the user resumes them.
     */
    RotatedConnection rotateKey(UUID userId, UUID connectionId, NewKey key) {
        Connection connection = find(userId, connectionId);
        Exchange exchange = connection.exchange();
        CredentialFormat.check(exchange, key.apiKey(), key.apiSecret(), key.passphrase());
        String fingerprint = keys.fingerprint(exchange, key.apiKey());
        if (connections.keyConnectedToAnother(userId, fingerprint, connectionId)) {
            throw keyConnectedProblem();
        }
        EncryptedCredentials sealed =
                keys.seal(connectionId, exchange, key.apiKey(), key.apiSecret(), key.passphrase());
        KeyCheckResult checked = keyChecks.rotatedKey(exchange, connectionId, sealed);
        SameAccount account = SameAccount.of(connectionAccount(connection, checked.accountId()), checked.accountId());
        if (!account.accepted()) {
            throw new ApiProblem(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "key-of-another-account",
                    "Key of another account",
                    account == SameAccount.OTHER
                            ? "This key belongs to another " + exchange + " account; a connection keeps its account. "
                                    + "Connect the other account as a new connection."
                            : exchange + " did not tell which account this key belongs to, so it cannot replace "
                                    + "this connection's key; nothing was changed.");
        }
        KeyPermissions permissions = checked.permissions();
        RotatedKey rotated = new RotatedKey(
                sealed,
                fingerprint,
                permissions.read(),
                permissions.trade(),
                permissions.withdraw(),
                checked.accountId());
        boolean stored = Boolean.TRUE.equals(transactions.execute(status -> {
            if (!connections.rotateKey(connectionId, userId, rotated, OffsetDateTime.now(clock))) {
                return false;
            }
            auditLog.append(
                    "user:" + userId,
                    "exchange_connection",
                    connectionId.toString(),
                    "KEY_ROTATED",
                    "{\"exchange\":\"" + exchange + "\",\"from\":\"" + connection.status() + "\"}");
            return true;
        }));
        if (!stored) {
            throw ApiProblem.notFound("connection", connectionId); // deleted while the key was checked
        }
        if (connection.status() == ConnectionStatus.REVOKED) {
            follow(connectionId);
        }
        log.info("User {} rotated the key of connection {} (account {})", userId, connectionId, account);
        return new RotatedConnection(find(userId, connectionId), account == SameAccount.SAME);
    }

    /**
     * The account recorded for the connection; for a connection made before accounts were recorded, what its old key
     * still answers (asked only when the new key names an account, so exchanges that name none cost no extra call).
     */
    private String connectionAccount(Connection connection, String newKeyAccount) {
        return connections
                .exchangeAccountId(connection.id())
                .or(() -> Optional.ofNullable(newKeyAccount)
                        .flatMap(named -> connections.findCredentials(connection.id()))
                        .map(stored -> keyChecks.accountOfStoredKey(connection.exchange(), connection.id(), stored)))
                .orElse(null);
    }

    private static ApiProblem keyConnectedProblem() {
        return new ApiProblem(
                HttpStatus.CONFLICT,
                "connection-exists",
                "Key already connected",
                "This API key is already connected; one key backs one connection, so that portfolios on it "
                        + "never count the same balance twice.");
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
            throw keyConnectedProblem();
        }
    }

    private void store(Connection connection, EncryptedCredentials sealed, String fingerprint, String accountId) {
        transactions.executeWithoutResult(status -> {
            connections.insert(connection, sealed, fingerprint, accountId);
            auditLog.append(
                    "user:" + connection.userId(),
                    "exchange_connection",
                    connection.id().toString(),
                    "CONNECTED",
                    "{\"exchange\":\"" + connection.exchange() + "\"}");
        });
    }

    List<ConnectionWithBalances> list(UUID userId) {
        Map<UUID, List<ConnectionUse>> uses =
                connections.uses(userId).stream().collect(Collectors.groupingBy(ConnectionUse::connectionId));
        return connections.findByUser(userId).stream()
                .map(connection -> withBalances(connection, uses.getOrDefault(connection.id(), List.of())))
                .toList();
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

    /** From the database while what it keeps is fresh enough to show, else read at the exchange (and recorded). */
    private ConnectionWithBalances withBalances(Connection connection, List<ConnectionUse> uses) {
        return new ConnectionWithBalances(connection, balances.forDisplay(connection.id()), uses);
    }
}
