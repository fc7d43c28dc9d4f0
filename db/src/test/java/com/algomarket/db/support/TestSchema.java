package com.algomarket.db.support;

import java.sql.Connection;
import java.util.Map;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * A schema of its own on the {@link TestPostgres}, with every Flyway migration applied; closing drops it. JUnit
 * Jupiter tests get one through {@link MigratedSchema}; tests of other engines (jqwik properties) open one themselves.
 */
@RequiredArgsConstructor(access = AccessLevel.PRIVATE)
public final class TestSchema implements AutoCloseable {

    private final TestPostgres postgres;
    private final Connection connection;
    private final String schema;
    private final DSLContext dsl;
    private final SchemaConnections more;

    /** The schema {@code schema}, dropped first if a failed run left it behind, migrated anew. */
    public static TestSchema migrate(String schema) throws Exception {
        TestPostgres postgres = TestPostgres.start();
        Connection connection = postgres.connect();
        connection.createStatement().execute("drop schema if exists " + schema + " cascade");
        Flyway.configure()
                .dataSource(postgres.url(), postgres.user(), postgres.password())
                .schemas(schema)
                .createSchemas(true)
                // One role owns and uses the test schema, so the runtime role's grants (V7) have nothing to do.
                .placeholders(Map.of("app_role", postgres.user()))
                .load()
                .migrate();
        connection.setSchema(schema);
        return new TestSchema(
                postgres,
                connection,
                schema,
                DSL.using(connection, SQLDialect.POSTGRES),
                new SchemaConnections(postgres, schema));
    }

    /** The DSLContext on one connection to the schema. */
    public DSLContext dsl() {
        return dsl;
    }

    /** More connections to the schema, for concurrent transactions. */
    public SchemaConnections connections() {
        return more;
    }

    @Override
    public void close() throws Exception {
        try (postgres;
                connection;
                more) {
            connection.createStatement().execute("drop schema if exists " + schema + " cascade");
        }
    }
}
