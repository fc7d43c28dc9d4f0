package com.algomarket.db;

import static com.algomarket.db.jooq.Tables.IDEMPOTENT_REQUESTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.db.idempotency.IdempotencyRepository;
import java.sql.Connection;
import java.time.OffsetDateTime;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An Idempotency-Key is claimed once; a claim whose process died without answering can be taken over. */
class IdempotencyRepositoryIT {

    private static final String SCHEMA = "idempotency_repository_it";

    private static TestPostgres postgres;
    private static Connection connection;
    private static DSLContext dsl;

    @BeforeAll
    static void migrate() throws Exception {
        postgres = TestPostgres.start();
        connection = postgres.connect();
        connection.createStatement().execute("drop schema if exists " + SCHEMA + " cascade");
        Flyway.configure()
                .dataSource(postgres.url(), postgres.user(), postgres.password())
                .schemas(SCHEMA)
                .createSchemas(true)
                .load()
                .migrate();
        connection.setSchema(SCHEMA);
        dsl = DSL.using(connection, SQLDialect.POSTGRES);
    }

    @AfterAll
    static void dropSchema() throws Exception {
        if (connection != null) {
            connection.createStatement().execute("drop schema if exists " + SCHEMA + " cascade");
            connection.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void givenAClaimWithoutAnswer_whenItIsOlderThanAnyRequest_thenTheSameRequestTakesItOver() {
        IdempotencyRepository requests = new IdempotencyRepository(dsl);

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
        IdempotencyRepository requests = new IdempotencyRepository(dsl);
        assertThat(requests.claim("u POST /x", "k2", "hash-a")).isTrue();
        requests.complete("u POST /x", "k2", 202, "application/json", new byte[] {1});

        age("k2");

        assertThat(requests.claim("u POST /x", "k2", "hash-a")).isFalse();
        assertThat(requests.find("u POST /x", "k2").orElseThrow().status()).isEqualTo(202);
    }

    private static void age(String key) {
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
