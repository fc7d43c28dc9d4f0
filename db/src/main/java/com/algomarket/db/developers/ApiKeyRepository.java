package com.algomarket.db.developers;

import static com.algomarket.db.jooq.Tables.ALGORITHMS;
import static com.algomarket.db.jooq.Tables.ALGORITHM_API_KEYS;

import com.algomarket.db.jooq.tables.records.AlgorithmApiKeysRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.springframework.stereotype.Repository;

/** Algorithm API keys: stored as hashes, found by their lookup prefix, revoked by a timestamp. */
@Repository
@RequiredArgsConstructor
public class ApiKeyRepository {

    private final DSLContext dsl;

    public ApiKey insert(
            UUID id, UUID algorithmId, String name, String lookupPrefix, String keyHash, OffsetDateTime expiresAt) {
        return dsl.insertInto(ALGORITHM_API_KEYS)
                .set(ALGORITHM_API_KEYS.ID, id)
                .set(ALGORITHM_API_KEYS.ALGORITHM_ID, algorithmId)
                .set(ALGORITHM_API_KEYS.NAME, name)
                .set(ALGORITHM_API_KEYS.LOOKUP_PREFIX, lookupPrefix)
                .set(ALGORITHM_API_KEYS.KEY_HASH, keyHash)
                .set(ALGORITHM_API_KEYS.EXPIRES_AT, expiresAt)
                .returning()
                .fetchOne(ApiKeyRepository::toApiKey);
    }

    /** The algorithm's keys that are not revoked, oldest first (expired ones too: their owner may want to see them). */
    public List<ApiKey> listActive(UUID algorithmId) {
        return dsl.selectFrom(ALGORITHM_API_KEYS)
                .where(ALGORITHM_API_KEYS.ALGORITHM_ID.eq(algorithmId).and(ALGORITHM_API_KEYS.REVOKED_AT.isNull()))
                .orderBy(ALGORITHM_API_KEYS.CREATED_AT, ALGORITHM_API_KEYS.ID)
                .fetch(ApiKeyRepository::toApiKey);
    }

    /** Revokes the key of this algorithm; false when it has no such key or it was revoked already. */
    public boolean revoke(UUID algorithmId, UUID keyId, OffsetDateTime now) {
        return dsl.update(ALGORITHM_API_KEYS)
                        .set(ALGORITHM_API_KEYS.REVOKED_AT, now)
                        .where(ALGORITHM_API_KEYS.ID.eq(keyId))
                        .and(ALGORITHM_API_KEYS.ALGORITHM_ID.eq(algorithmId))
                        .and(ALGORITHM_API_KEYS.REVOKED_AT.isNull())
                        .execute()
                == 1;
    }

    public Optional<StoredApiKey> findByLookupPrefix(String lookupPrefix) {
        return dsl.select(
                        ALGORITHM_API_KEYS.ID,
                        ALGORITHM_API_KEYS.ALGORITHM_ID,
                        ALGORITHMS.DEVELOPER_ID,
                        ALGORITHM_API_KEYS.KEY_HASH,
                        ALGORITHM_API_KEYS.EXPIRES_AT,
                        ALGORITHM_API_KEYS.REVOKED_AT,
                        ALGORITHM_API_KEYS.LAST_USED_AT)
                .from(ALGORITHM_API_KEYS)
                .join(ALGORITHMS)
                .on(ALGORITHMS.ID.eq(ALGORITHM_API_KEYS.ALGORITHM_ID))
                .where(ALGORITHM_API_KEYS.LOOKUP_PREFIX.eq(lookupPrefix))
                .fetchOptional(Records.mapping(StoredApiKey::new));
    }

    /**
     * Records a use of the key unless the stored use is later than {@code notAfter}: callers skip the call while the
     * use they read is recent, and the condition keeps concurrent requests from writing the row more than once.
     */
    public void touch(UUID keyId, OffsetDateTime now, OffsetDateTime notAfter) {
        dsl.update(ALGORITHM_API_KEYS)
                .set(ALGORITHM_API_KEYS.LAST_USED_AT, now)
                .where(ALGORITHM_API_KEYS.ID.eq(keyId))
                .and(ALGORITHM_API_KEYS.LAST_USED_AT.isNull().or(ALGORITHM_API_KEYS.LAST_USED_AT.lt(notAfter)))
                .execute();
    }

    private static ApiKey toApiKey(AlgorithmApiKeysRecord r) {
        return new ApiKey(
                r.getId(), r.getAlgorithmId(), r.getName(), r.getCreatedAt(), r.getExpiresAt(), r.getLastUsedAt());
    }
}
