package com.algomarket.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.algomarket.api.support.RealServers;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * JDBC never holds a request, an activity or a pooled connection forever: every connection the app's pool hands out
 * runs under PostgreSQL's {@code statement_timeout} of 30 s, with the driver's socket timeout of 60 s (longer, so that
 * the server cancels a slow statement first and the connection stays usable) and its connect timeout of 5 s; a request
 * waits at most 5 s for a pooled connection. A statement over its limit is cancelled by the server and the connection
 * goes on serving.
 */
@RealServers
class DatabaseTimeoutsIT {

    /** PostgreSQL's SQLSTATE of a statement cancelled by its {@code statement_timeout}. */
    private static final String QUERY_CANCELED = "57014";

    @Autowired
    DataSource dataSource;

    @Test
    void givenTheAppsPool_whenAConnectionIsTaken_thenStatementSocketAndConnectTimeoutsAreSet() throws SQLException {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        assertThat(pool.getConnectionTimeout()).isEqualTo(5_000);
        assertThat(pool.getDataSourceProperties().getProperty("connectTimeout")).isEqualTo("5");
        try (Connection connection = dataSource.getConnection()) {
            assertThat(show(connection, "statement_timeout")).isEqualTo("30s");
            // pgjdbc reports its socket timeout as the connection's network timeout.
            assertThat(connection.getNetworkTimeout()).isEqualTo((int) TimeUnit.SECONDS.toMillis(60));
        }
    }

    @Test
    void givenAStatementOverItsTimeout_whenRun_thenTheServerCancelsItAndTheConnectionGoesOn() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                // Lowered for this transaction only, so that the test does not wait the real 30 s.
                statement.execute("SET LOCAL statement_timeout = '200ms'");
                SQLException cancelled =
                        catchThrowableOfType(SQLException.class, () -> statement.execute("SELECT pg_sleep(5)"));
                assertThat(cancelled.getSQLState()).isEqualTo(QUERY_CANCELED);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            assertThat(show(connection, "statement_timeout")).isEqualTo("30s");
        }
    }

    private static String show(Connection connection, String setting) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SHOW " + setting)) {
            result.next();
            return result.getString(1);
        }
    }
}
