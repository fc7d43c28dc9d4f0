package com.algomarket.db.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.RequiredArgsConstructor;

/**
 * The PostgreSQL an IT runs against: the server named by DATABASE_URL (CI starts the system PostgreSQL 15), or,
 * on a developer machine without it, an embedded PostgreSQL 15. In CI a missing DATABASE_URL is an error, so an IT
 * can never quietly test something other than the real server there.
 */
@RequiredArgsConstructor(access = AccessLevel.PRIVATE)
public final class TestPostgres implements AutoCloseable {

    @Getter
    private final String url;

    @Getter
    private final String user;

    @Getter
    private final String password;

    private final EmbeddedPostgres embedded;

    public static TestPostgres start() throws IOException {
        String url = System.getenv("DATABASE_URL");
        if (url != null && !url.isBlank()) {
            return new TestPostgres(url, System.getenv("DATABASE_USER"), System.getenv("DATABASE_PASSWORD"), null);
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI must run the ITs against the real PostgreSQL: DATABASE_URL is not set");
        }
        EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
        return new TestPostgres(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", embedded);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
