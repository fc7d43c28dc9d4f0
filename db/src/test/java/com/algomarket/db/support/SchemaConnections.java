package com.algomarket.db.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * More connections to a {@link MigratedSchema}'s schema, each with a DSLContext of its own: what a test of concurrent
 * transactions needs, since the injected DSLContext is one connection. Closed with the schema.
 */
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public final class SchemaConnections implements AutoCloseable {

    private final TestPostgres postgres;
    private final String schema;
    private final List<Connection> opened = new ArrayList<>();

    /** A DSLContext on a new connection to the schema. */
    public synchronized DSLContext open() throws SQLException {
        Connection connection = postgres.connect();
        connection.setSchema(schema);
        opened.add(connection);
        return DSL.using(connection, SQLDialect.POSTGRES);
    }

    /**
     * A DataSource that opens a new connection to the schema at each call and leaves closing it to the caller, as code
     * that borrows from a pool does.
     */
    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(postgres.url());
        dataSource.setUser(postgres.user());
        dataSource.setPassword(postgres.password());
        dataSource.setCurrentSchema(schema);
        return dataSource;
    }

    @Override
    public synchronized void close() throws SQLException {
        for (Connection connection : opened) {
            connection.close();
        }
        opened.clear();
    }
}
