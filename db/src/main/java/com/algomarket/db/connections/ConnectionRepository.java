package com.algomarket.db.connections;

import static com.algomarket.db.jooq.Tables.ALGORITHMS;
import static com.algomarket.db.jooq.Tables.EXCHANGE_CONNECTIONS;
import static com.algomarket.db.jooq.Tables.PORTFOLIOS;

import com.algomarket.workflows.connections.ConnectionStatus;
import com.algomarket.workflows.portfolios.PortfolioStatus;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Records;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Exchange connections. Every query of a user's connections takes the user id: another user's id finds nothing. */
@Repository
@RequiredArgsConstructor
public class ConnectionRepository {

    private final DSLContext dsl;

    public void insert(Connection connection, EncryptedCredentials credentials, String keyFingerprint) {
        insert(connection, credentials, keyFingerprint, null);
    }

    /** {@code exchangeAccountId}: the exchange's identifier of the key's account, null where it names none. */
    public void insert(
            Connection connection, EncryptedCredentials credentials, String keyFingerprint, String exchangeAccountId) {
        dsl.insertInto(EXCHANGE_CONNECTIONS)
                .set(EXCHANGE_CONNECTIONS.ID, connection.id())
                .set(EXCHANGE_CONNECTIONS.USER_ID, connection.userId())
                .set(EXCHANGE_CONNECTIONS.EXCHANGE, connection.exchange())
                .set(EXCHANGE_CONNECTIONS.NAME, connection.name())
                .set(storedKey(credentials, keyFingerprint))
                .set(EXCHANGE_CONNECTIONS.CAN_READ, connection.canRead())
                .set(EXCHANGE_CONNECTIONS.CAN_TRADE, connection.canTrade())
                .set(EXCHANGE_CONNECTIONS.CAN_WITHDRAW, connection.canWithdraw())
                .set(EXCHANGE_CONNECTIONS.STATUS, connection.status())
                .set(EXCHANGE_CONNECTIONS.EXCHANGE_ACCOUNT_ID, exchangeAccountId)
                .execute();
    }

    /** The exchange's identifier of the connection's account, where it was recorded. */
    public Optional<String> exchangeAccountId(UUID connectionId) {
        return dsl.fetchOptionalValue(
                EXCHANGE_CONNECTIONS.EXCHANGE_ACCOUNT_ID, EXCHANGE_CONNECTIONS.ID.eq(connectionId));
    }

    /**
     * Replaces the key of the user's connection (ciphertexts, fingerprint, permissions, account identifier) in one
     * statement; a REVOKED connection becomes ACTIVE again, an ACTIVE or PAUSED one keeps its status. False when the
     * connection is not the user's or is deleted.
     */
    public boolean rotateKey(UUID connectionId, UUID userId, RotatedKey key, OffsetDateTime now) {
        return dsl.update(EXCHANGE_CONNECTIONS)
                        .set(storedKey(key.sealed(), key.keyFingerprint()))
                        .set(EXCHANGE_CONNECTIONS.CAN_READ, key.canRead())
                        .set(EXCHANGE_CONNECTIONS.CAN_TRADE, key.canTrade())
                        .set(EXCHANGE_CONNECTIONS.CAN_WITHDRAW, key.canWithdraw())
                        .set(
                                EXCHANGE_CONNECTIONS.EXCHANGE_ACCOUNT_ID,
                                DSL.coalesce(
                                        DSL.val(key.exchangeAccountId()), EXCHANGE_CONNECTIONS.EXCHANGE_ACCOUNT_ID))
                        .set(
                                EXCHANGE_CONNECTIONS.STATUS,
                                DSL.when(
                                                EXCHANGE_CONNECTIONS.STATUS.eq(ConnectionStatus.REVOKED),
                                                DSL.val(ConnectionStatus.ACTIVE, EXCHANGE_CONNECTIONS.STATUS))
                                        .otherwise(EXCHANGE_CONNECTIONS.STATUS))
                        .set(
                                EXCHANGE_CONNECTIONS.STATUS_REASON,
                                DSL.when(
                                                EXCHANGE_CONNECTIONS.STATUS.eq(ConnectionStatus.REVOKED),
                                                DSL.val((String) null, EXCHANGE_CONNECTIONS.STATUS_REASON))
                                        .otherwise(EXCHANGE_CONNECTIONS.STATUS_REASON))
                        .set(EXCHANGE_CONNECTIONS.UPDATED_AT, now)
                        .where(EXCHANGE_CONNECTIONS.ID.eq(connectionId))
                        .and(EXCHANGE_CONNECTIONS.USER_ID.eq(userId))
                        .and(EXCHANGE_CONNECTIONS.STATUS.ne(ConnectionStatus.DELETED))
                        .execute()
                == 1;
    }

    /**
     * Marks an ACTIVE or PAUSED connection REVOKED: the exchange refused its key. False when it was not (already
     * revoked, deleted or gone), so that the one who changed it alone tells the user.
     */
    public boolean markRevoked(UUID connectionId, String reason, OffsetDateTime now) {
        return dsl.update(EXCHANGE_CONNECTIONS)
                        .set(EXCHANGE_CONNECTIONS.STATUS, ConnectionStatus.REVOKED)
                        .set(EXCHANGE_CONNECTIONS.STATUS_REASON, reason)
                        .set(EXCHANGE_CONNECTIONS.UPDATED_AT, now)
                        .where(EXCHANGE_CONNECTIONS.ID.eq(connectionId))
                        .and(EXCHANGE_CONNECTIONS.STATUS.in(ConnectionStatus.ACTIVE, ConnectionStatus.PAUSED))
                        .execute()
                == 1;
    }

    /** The portfolios (not closed) on each of the user's connections, with their algorithms, oldest first. */
    public List<ConnectionUse> uses(UUID userId) {
        return dsl.select(
                        PORTFOLIOS.CONNECTION_ID,
                        PORTFOLIOS.ID,
                        PORTFOLIOS.STATUS,
                        PORTFOLIOS.STATUS_REASON,
                        ALGORITHMS.ID,
                        ALGORITHMS.NAME)
                .from(PORTFOLIOS)
                .join(ALGORITHMS)
                .on(ALGORITHMS.ID.eq(PORTFOLIOS.ALGORITHM_ID))
                .where(PORTFOLIOS.USER_ID.eq(userId))
                .and(PORTFOLIOS.STATUS.ne(PortfolioStatus.CLOSED))
                .orderBy(PORTFOLIOS.CREATED_AT, PORTFOLIOS.ID)
                .fetch(Records.mapping(ConnectionUse::new));
    }

    /** The user's connections that are not deleted, oldest first. */
    public List<Connection> findByUser(UUID userId) {
        return dsl.selectFrom(EXCHANGE_CONNECTIONS)
                .where(EXCHANGE_CONNECTIONS.USER_ID.eq(userId))
                .and(EXCHANGE_CONNECTIONS.STATUS.ne(ConnectionStatus.DELETED))
                .orderBy(EXCHANGE_CONNECTIONS.CREATED_AT, EXCHANGE_CONNECTIONS.ID)
                .fetch(ConnectionRepository::toConnection);
    }

    public Optional<Connection> findForUser(UUID connectionId, UUID userId) {
        return dsl.selectFrom(EXCHANGE_CONNECTIONS)
                .where(EXCHANGE_CONNECTIONS.ID.eq(connectionId))
                .and(EXCHANGE_CONNECTIONS.USER_ID.eq(userId))
                .and(EXCHANGE_CONNECTIONS.STATUS.ne(ConnectionStatus.DELETED))
                .fetchOptional(ConnectionRepository::toConnection);
    }

    /** For workflows and activities, which act for the system: any user's connection that is not deleted. */
    public Optional<Connection> find(UUID connectionId) {
        return dsl.selectFrom(EXCHANGE_CONNECTIONS)
                .where(EXCHANGE_CONNECTIONS.ID.eq(connectionId))
                .and(EXCHANGE_CONNECTIONS.STATUS.ne(ConnectionStatus.DELETED))
                .fetchOptional(ConnectionRepository::toConnection);
    }

    /** Connections that are not deleted: each has a reconciliation workflow. */
    public List<UUID> idsNotDeleted() {
        return dsl.select(EXCHANGE_CONNECTIONS.ID)
                .from(EXCHANGE_CONNECTIONS)
                .where(EXCHANGE_CONNECTIONS.STATUS.ne(ConnectionStatus.DELETED))
                .fetch(EXCHANGE_CONNECTIONS.ID);
    }

    /** The connection's status (ACTIVE, PAUSED, ...), or empty when it does not exist. */
    public Optional<ConnectionStatus> status(UUID connectionId) {
        return dsl.fetchOptionalValue(EXCHANGE_CONNECTIONS.STATUS, EXCHANGE_CONNECTIONS.ID.eq(connectionId));
    }

    /** For activities, which receive a connection id and load the credentials themselves. */
    public Optional<EncryptedCredentials> findCredentials(UUID connectionId) {
        return dsl.select(
                        EXCHANGE_CONNECTIONS.EXCHANGE,
                        EXCHANGE_CONNECTIONS.API_KEY_CIPHERTEXT,
                        EXCHANGE_CONNECTIONS.API_SECRET_CIPHERTEXT,
                        EXCHANGE_CONNECTIONS.PASSPHRASE_CIPHERTEXT)
                .from(EXCHANGE_CONNECTIONS)
                .where(EXCHANGE_CONNECTIONS.ID.eq(connectionId))
                .and(EXCHANGE_CONNECTIONS.STATUS.ne(ConnectionStatus.DELETED))
                .fetchOptional(Records.mapping(EncryptedCredentials::new));
    }

    /** Ids of the connections whose key is still sealed with the old symmetric master keyset, for re-encryption. */
    public List<UUID> idsSealedSymmetrically() {
        return dsl
                .select(EXCHANGE_CONNECTIONS.ID, EXCHANGE_CONNECTIONS.API_KEY_CIPHERTEXT)
                .from(EXCHANGE_CONNECTIONS)
                .where(EXCHANGE_CONNECTIONS.STATUS.ne(ConnectionStatus.DELETED))
                .fetch()
                .stream()
                .filter(r -> new EncryptedCredentials(null, r.value2(), null, null).sealedSymmetrically())
                .map(r -> r.value1())
                .toList();
    }

    /**
     * Replaces a connection's ciphertexts and fingerprint, only if its key ciphertext is still {@code expectedApiKey}:
     * a concurrent re-encryption or deletion wins, and this one changes nothing.
     */
    public boolean replaceCredentials(
            UUID connectionId, byte[] expectedApiKey, EncryptedCredentials sealed, String keyFingerprint) {
        return dsl.update(EXCHANGE_CONNECTIONS)
                        .set(storedKey(sealed, keyFingerprint))
                        .where(EXCHANGE_CONNECTIONS.ID.eq(connectionId))
                        .and(EXCHANGE_CONNECTIONS.API_KEY_CIPHERTEXT.eq(expectedApiKey))
                        .execute()
                == 1;
    }

    public boolean nameTaken(UUID userId, String name) {
        return dsl.fetchExists(
                EXCHANGE_CONNECTIONS, EXCHANGE_CONNECTIONS.USER_ID.eq(userId).and(EXCHANGE_CONNECTIONS.NAME.eq(name)));
    }

    public boolean keyConnected(UUID userId, String keyFingerprint) {
        return keyConnectedToAnother(userId, keyFingerprint, null);
    }

    /** Whether the key backs one of the user's connections other than {@code connectionId} (null: any). */
    public boolean keyConnectedToAnother(UUID userId, String keyFingerprint, UUID connectionId) {
        return dsl.fetchExists(
                EXCHANGE_CONNECTIONS,
                EXCHANGE_CONNECTIONS
                        .USER_ID
                        .eq(userId)
                        .and(EXCHANGE_CONNECTIONS.KEY_FINGERPRINT.eq(keyFingerprint))
                        .and(EXCHANGE_CONNECTIONS.STATUS.ne(ConnectionStatus.DELETED))
                        .and(connectionId == null ? DSL.noCondition() : EXCHANGE_CONNECTIONS.ID.ne(connectionId)));
    }

    /** Whether a portfolio that is not closed trades on the connection. */
    public boolean usedByPortfolio(UUID connectionId) {
        return dsl.fetchExists(
                PORTFOLIOS,
                PORTFOLIOS.CONNECTION_ID.eq(connectionId).and(PORTFOLIOS.STATUS.ne(PortfolioStatus.CLOSED)));
    }

    /**
     * Moves the connection to {@code status} if it is in one of {@code from}; false when it is not (or is not the
     * user's). A deleted connection also loses its ciphertexts: nothing can use the key any more.
     */
    public boolean changeStatus(
            UUID connectionId,
            UUID userId,
            List<ConnectionStatus> from,
            ConnectionStatus status,
            String reason,
            OffsetDateTime now) {
        var update = dsl.update(EXCHANGE_CONNECTIONS)
                .set(EXCHANGE_CONNECTIONS.STATUS, status)
                .set(EXCHANGE_CONNECTIONS.STATUS_REASON, reason)
                .set(EXCHANGE_CONNECTIONS.UPDATED_AT, now);
        if (status == ConnectionStatus.DELETED) {
            update = update.set(EXCHANGE_CONNECTIONS.API_KEY_CIPHERTEXT, new byte[0])
                    .set(EXCHANGE_CONNECTIONS.API_SECRET_CIPHERTEXT, new byte[0])
                    .set(EXCHANGE_CONNECTIONS.PASSPHRASE_CIPHERTEXT, (byte[]) null)
                    // Frees the name for a new connection.
                    .set(EXCHANGE_CONNECTIONS.NAME, EXCHANGE_CONNECTIONS.ID.cast(String.class));
        }
        return update.where(EXCHANGE_CONNECTIONS.ID.eq(connectionId))
                        .and(EXCHANGE_CONNECTIONS.USER_ID.eq(userId))
                        .and(EXCHANGE_CONNECTIONS.STATUS.in(from))
                        .execute()
                == 1;
    }

    /**
     * The columns a connection's key is stored in, written together wherever a key is stored or replaced: its
     * ciphertexts and the fingerprint that recognises the key without decrypting it.
     */
    private static Map<Field<?>, Object> storedKey(EncryptedCredentials sealed, String keyFingerprint) {
        // Not Map.of: a key without a passphrase stores null.
        Map<Field<?>, Object> columns = new LinkedHashMap<>();
        columns.put(EXCHANGE_CONNECTIONS.API_KEY_CIPHERTEXT, sealed.apiKey());
        columns.put(EXCHANGE_CONNECTIONS.API_SECRET_CIPHERTEXT, sealed.apiSecret());
        columns.put(EXCHANGE_CONNECTIONS.PASSPHRASE_CIPHERTEXT, sealed.passphrase());
        columns.put(EXCHANGE_CONNECTIONS.KEY_FINGERPRINT, keyFingerprint);
        return columns;
    }

    private static Connection toConnection(Record r) {
        return new Connection(
                r.get(EXCHANGE_CONNECTIONS.ID),
                r.get(EXCHANGE_CONNECTIONS.USER_ID),
                r.get(EXCHANGE_CONNECTIONS.EXCHANGE),
                r.get(EXCHANGE_CONNECTIONS.NAME),
                r.get(EXCHANGE_CONNECTIONS.CAN_READ),
                r.get(EXCHANGE_CONNECTIONS.CAN_TRADE),
                r.get(EXCHANGE_CONNECTIONS.CAN_WITHDRAW),
                r.get(EXCHANGE_CONNECTIONS.STATUS),
                r.get(EXCHANGE_CONNECTIONS.STATUS_REASON),
                r.get(EXCHANGE_CONNECTIONS.CREATED_AT));
    }
}
