package com.algomarket.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.algomarket.api.support.Http;
import com.algomarket.api.support.Ports;
import com.algomarket.api.support.ServerEnvironment;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Flyway migrates as the schema's owner (DATABASE_MIGRATION_USER) and the app runs as the runtime role
 * (DATABASE_USER), on a database of its own: the app works, and the runtime role can add to audit_log but cannot
 * change, delete, truncate it or touch its append-only triggers.
 */
class DatabaseRolesIT {

    private final ServerEnvironment.Database schemaOwner = ServerEnvironment.owner();
    private final ServerEnvironment.Database appRole = ServerEnvironment.runtimeRole();

    @TempDir
    Path dataDirectory;

    private final String database =
            "algomarket_roles_" + UUID.randomUUID().toString().substring(0, 8);
    private ConfigurableApplicationContext app;

    @BeforeEach
    void startAppAsRuntimeRole() throws SQLException {
        try (Connection owner = schemaOwner.connect()) {
            execute(owner, "CREATE DATABASE " + database);
        }
        app = new SpringApplicationBuilder(AlgoMarketApplication.class)
                .run(
                        "--algomarket.database.url=" + schemaOwner.in(database).url(),
                        "--algomarket.database.user=" + appRole.user(),
                        "--algomarket.database.password=" + appRole.password(),
                        "--algomarket.database.migration-user=" + schemaOwner.user(),
                        "--algomarket.database.migration-password=" + schemaOwner.password(),
                        "--algomarket.temporal.address=" + ServerEnvironment.temporalAddress(),
                        "--algomarket.data-dir=" + dataDirectory,
                        "--server.port=0");
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        if (app != null) {
            app.close();
        }
        schemaOwner.drop(database);
    }

    @Test
    void givenRuntimeRole_whenAppRegistersAUser_thenItsWritesAndAuditEntrySucceed() throws SQLException {
        Http http = new Http(Ports.httpPort(app));
        Http.Response registered = http.postJson(
                "/api/v1/auth/register", """
                {"email":"roles-%s@example.com","username":"r%s","password":"a long enough password",
                 "role":"USER","acceptTerms":true}""".formatted(UUID.randomUUID(), System.nanoTime() % 100_000_000));

        assertThat(registered.status()).as(registered.raw()).isEqualTo(201);
        try (Connection runtime = runtimeRole();
                Statement statement = runtime.createStatement();
                var rows = statement.executeQuery("SELECT current_user, (SELECT count(*) FROM users)")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo(appRole.user());
            assertThat(rows.getLong(2)).isEqualTo(1);
        }
    }

    @Test
    void givenRuntimeRole_whenItTriesToRewriteTheAuditLog_thenEachAttemptIsRefused() throws SQLException {
        try (Connection runtime = runtimeRole()) {
            execute(
                    runtime,
                    "INSERT INTO audit_log (actor, entity_type, entity_id, action) VALUES ('it', 'x', '1', 'TEST')");

            assertRefused(
                    runtime, "UPDATE audit_log SET actor = 'someone else'", "permission denied for table audit_log");
            assertRefused(runtime, "DELETE FROM audit_log", "permission denied for table audit_log");
            assertRefused(runtime, "TRUNCATE audit_log", "permission denied for table audit_log");
            assertRefused(
                    runtime,
                    "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete",
                    "must be owner of table audit_log");
            assertRefused(
                    runtime, "DROP TRIGGER audit_log_no_truncate ON audit_log", "must be owner of relation audit_log");
            assertRefused(
                    runtime, "DELETE FROM flyway_schema_history", "permission denied for table flyway_schema_history");
        }
    }

    /**
     * Every table a migration adds is the runtime role's to read and write (V7's default privileges), the audit log
     * and Flyway's history excepted: a table it could not write would fail only when the app first needs it.
     */
    @Test
    void givenRuntimeRole_whenTheMigrationsRan_thenItMayReadAndWriteEveryBusinessTable() throws SQLException {
        try (Connection owner = schemaOwner.in(database).connect();
                Statement statement = owner.createStatement();
                var rows = statement.executeQuery("""
                        SELECT tablename FROM pg_tables
                        WHERE schemaname = current_schema()
                          AND tablename NOT IN ('audit_log', 'flyway_schema_history')
                          AND NOT has_table_privilege(
                              '%s', format('%%I.%%I', schemaname, tablename), 'SELECT, INSERT, UPDATE, DELETE')
                        """.formatted(appRole.user()))) {
            List<String> notWritable = new ArrayList<>();
            while (rows.next()) {
                notWritable.add(rows.getString(1));
            }
            assertThat(notWritable).isEmpty();
        }
        try (Connection owner = schemaOwner.in(database).connect();
                Statement statement = owner.createStatement();
                var rows = statement.executeQuery("SELECT count(*) FROM pg_tables"
                        + " WHERE tablename = 'exchange_key_budgets' AND schemaname = current_schema()")) {
            rows.next();
            assertThat(rows.getLong(1))
                    .as("the newest table is among those checked")
                    .isEqualTo(1);
        }
    }

    private static void assertRefused(Connection connection, String sql, String reason) {
        assertThatThrownBy(() -> execute(connection, sql))
                .as(sql)
                .isInstanceOf(SQLException.class)
                .hasMessageContaining(reason);
    }

    private Connection runtimeRole() throws SQLException {
        return appRole.in(database).connect();
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
