package com.algomarket.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.db.email.EmailOutboxRepository;
import com.algomarket.db.email.OutboxEmail;
import java.sql.Connection;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The embedded default's outbox keeps the newest emails and finds them by recipient, whatever the case. */
class EmailOutboxRepositoryIT {

    private static final String SCHEMA = "email_outbox_repository_it";

    private static TestPostgres postgres;
    private static Connection connection;
    private static EmailOutboxRepository outbox;

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
        outbox = new EmailOutboxRepository(DSL.using(connection, SQLDialect.POSTGRES));
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
    void givenFullOutbox_whenSending_thenDropsTheOldestEmail() {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        outbox.append(new OutboxEmail("a@example.com", "1", "first", now), 2);
        outbox.append(new OutboxEmail("a@example.com", "2", "second", now), 2);
        outbox.append(new OutboxEmail("b@example.com", "3", "third", now), 2);

        assertThat(outbox.sentTo(null)).extracting(OutboxEmail::subject).containsExactly("2", "3");
        assertThat(outbox.sentTo("A@example.com"))
                .extracting(OutboxEmail::subject)
                .containsExactly("2");
        assertThat(outbox.sentTo("b@example.com").getFirst().sentAt()).isEqualTo(now);
    }
}
