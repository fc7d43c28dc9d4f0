package com.algomarket.db.idempotency;

import static com.algomarket.db.jooq.Tables.IDEMPOTENT_REQUESTS;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.springframework.stereotype.Repository;

/** Stored answers of POSTs sent with an Idempotency-Key. */
@Repository
@RequiredArgsConstructor
public class IdempotencyRepository {

    private final DSLContext dsl;

    /** What was stored under the key; {@code status} is null while the first request is still running. */
    public record StoredRequest(String requestHash, Integer status, String contentType, byte[] body) {}

    /**
     * A claim with no answer this old belongs to a request whose process died (a crash, a kill -9): no request runs
     * this long, and without a way back the key would answer "in progress" forever.
     */
    public static final Duration ABANDONED_AFTER = Duration.ofMinutes(1);

    /**
     * Claims the key for a new request; false when it is already claimed (answered or still running). An abandoned
     * claim of the same request (same body) is taken over.
     */
    public boolean claim(String scope, String key, String requestHash) {
        OffsetDateTime now = OffsetDateTime.now();
        return dsl.insertInto(IDEMPOTENT_REQUESTS)
                        .set(IDEMPOTENT_REQUESTS.SCOPE, scope)
                        .set(IDEMPOTENT_REQUESTS.IDEMPOTENCY_KEY, key)
                        .set(IDEMPOTENT_REQUESTS.REQUEST_HASH, requestHash)
                        .set(IDEMPOTENT_REQUESTS.CREATED_AT, now)
                        .onConflict(IDEMPOTENT_REQUESTS.SCOPE, IDEMPOTENT_REQUESTS.IDEMPOTENCY_KEY)
                        .doUpdate()
                        .set(IDEMPOTENT_REQUESTS.CREATED_AT, now)
                        .where(IDEMPOTENT_REQUESTS
                                .RESPONSE_STATUS
                                .isNull()
                                .and(IDEMPOTENT_REQUESTS.REQUEST_HASH.eq(requestHash))
                                .and(IDEMPOTENT_REQUESTS.CREATED_AT.lt(now.minus(ABANDONED_AFTER))))
                        .execute()
                == 1;
    }

    public Optional<StoredRequest> find(String scope, String key) {
        return dsl.select(
                        IDEMPOTENT_REQUESTS.REQUEST_HASH,
                        IDEMPOTENT_REQUESTS.RESPONSE_STATUS,
                        IDEMPOTENT_REQUESTS.RESPONSE_CONTENT_TYPE,
                        IDEMPOTENT_REQUESTS.RESPONSE_BODY)
                .from(IDEMPOTENT_REQUESTS)
                .where(IDEMPOTENT_REQUESTS.SCOPE.eq(scope).and(IDEMPOTENT_REQUESTS.IDEMPOTENCY_KEY.eq(key)))
                .fetchOptional(Records.mapping(StoredRequest::new));
    }

    public void complete(String scope, String key, int status, String contentType, byte[] body) {
        dsl.update(IDEMPOTENT_REQUESTS)
                .set(IDEMPOTENT_REQUESTS.RESPONSE_STATUS, status)
                .set(IDEMPOTENT_REQUESTS.RESPONSE_CONTENT_TYPE, contentType)
                .set(IDEMPOTENT_REQUESTS.RESPONSE_BODY, body)
                .where(IDEMPOTENT_REQUESTS.SCOPE.eq(scope).and(IDEMPOTENT_REQUESTS.IDEMPOTENCY_KEY.eq(key)))
                .execute();
    }

    /** Deletes every request first seen before {@code cutoff}, answered or abandoned; returns how many. */
    public int deleteOlderThan(OffsetDateTime cutoff) {
        return dsl.deleteFrom(IDEMPOTENT_REQUESTS)
                .where(IDEMPOTENT_REQUESTS.CREATED_AT.lt(cutoff))
                .execute();
    }

    /** Frees the key: the request failed on our side, and a retry should run it again. */
    public void release(String scope, String key) {
        dsl.deleteFrom(IDEMPOTENT_REQUESTS)
                .where(IDEMPOTENT_REQUESTS.SCOPE.eq(scope).and(IDEMPOTENT_REQUESTS.IDEMPOTENCY_KEY.eq(key)))
                .and(IDEMPOTENT_REQUESTS.RESPONSE_STATUS.isNull())
                .execute();
    }
}
