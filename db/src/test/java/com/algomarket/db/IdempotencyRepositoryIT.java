package com.algomarket.db;

import static com.algomarket.db.jooq.Tables.IDEMPOTENT_REQUESTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.db.idempotency.IdempotencyRepository;
import com.algomarket.db.support.MigratedSchema;
import java.time.OffsetDateTime;
import lombok.RequiredArgsConstructor;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/** An Idempotency-Key is claimed once; a claim whose process died without answering can be taken over. */
@MigratedSchema("idempotency_repository_it")
@RequiredArgsConstructor
class IdempotencyRepositoryIT {

    private final DSLContext dsl;
    private final IdempotencyRepository requests;

    @Test
    void givenAClaimWithoutAnswer_whenItIsOlderThanAnyRequest_thenTheSameRequestTakesItOver() {

        assertThat(requests.claim("u POST /x", "k1", "hash-a")).isTrue();
        assertThat(requests.claim("u POST /x", "k1", "hash-a"))
                .as("still running")
                .isFalse();

        age("k1");
        assertThat(requests.claim("u POST /x", "k1", "hash-b"))
                .as("another body never takes it")
                .isFalse();
        assertThat(requests.claim("u POST /x", "k1", "hash-a"))
                .as("abandoned by a dead process")
                .isTrue();
        assertThat(requests.claim("u POST /x", "k1", "hash-a"))
                .as("claimed afresh")
                .isFalse();
    }

    @Test
    void givenAnAnsweredRequest_whenItIsOld_thenItIsNeverClaimedAgain() {
        assertThat(requests.claim("u POST /x", "k2", "hash-a")).isTrue();
        requests.complete("u POST /x", "k2", 202, "application/json", new byte[] {1});

        age("k2");

        assertThat(requests.claim("u POST /x", "k2", "hash-a")).isFalse();
        assertThat(requests.find("u POST /x", "k2").orElseThrow().status()).isEqualTo(202);
    }

    private void age(String key) {
        dsl.update(IDEMPOTENT_REQUESTS)
                .set(
                        IDEMPOTENT_REQUESTS.CREATED_AT,
                        OffsetDateTime.now()
                                .minus(IdempotencyRepository.ABANDONED_AFTER)
                                .minusSeconds(1))
                .where(IDEMPOTENT_REQUESTS.IDEMPOTENCY_KEY.eq(key))
                .execute();
    }
}
