package com.algomarket.api.support;

import static org.assertj.core.api.Assertions.fail;

import com.algomarket.workflows.support.Await;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The real PostgreSQL and Temporal that *IT tests run against, from the same environment variables the app reads.
 * Missing variables fail the test with instructions: an IT never skips silently.
 */
public final class ServerEnvironment {

    /** PostgreSQL's SQLSTATE for "must be a member of the role whose process is being terminated". */
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private ServerEnvironment() {}

    /** A role's way into the real PostgreSQL: its JDBC URL and credentials. */
    public record Database(String url, String user, String password) {

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        @Override
        public String toString() {
            return "Database[url=" + url + ", user=" + user + "]"; // never the password
        }

        /**
         * Drops the database {@code name} (one a test made) with its connections. A backend of another role cannot be
         * ended by this one: the runtime role's, outliving its closed pool for a moment, or an autovacuum worker
         * analysing the new tables. So the drop is tried again until none is in the way, for at most 30 s.
         */
        public void drop(String name) {
            Await.until(Duration.ofSeconds(30), () -> dropped(name), Boolean::booleanValue);
        }

        private boolean dropped(String name) {
            try (Connection connection = connect();
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                return true;
            } catch (SQLException e) {
                if (INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                    return false;
                }
                throw new IllegalStateException("could not drop the database " + name, e);
            }
        }

        /** The same server and role in the database {@code name}: one a test makes (and drops) for itself. */
        public Database in(String name) {
            return new Database(url.replaceAll("/[^/?]+(\\?.*)?$", "/" + name), user, password);
        }
    }

    /** The schema's owner (DATABASE_URL, DATABASE_USER, DATABASE_PASSWORD): Flyway migrates as it, most ITs run as it. */
    public static Database owner() {
        return new Database(require("DATABASE_URL"), require("DATABASE_USER"), require("DATABASE_PASSWORD"));
    }

    /** The runtime role (.ci/run creates it): DML on business tables, INSERT only on audit_log once V7 ran. */
    public static Database runtimeRole() {
        return new Database(require("DATABASE_URL"), require("DATABASE_APP_USER"), require("DATABASE_APP_PASSWORD"));
    }

    public static String temporalAddress() {
        return require("TEMPORAL_ADDRESS");
    }

    /** stripe-mock's base URL (CI: http://127.0.0.1:12111; `go install github.com/stripe/stripe-mock@latest`). */
    public static String stripeApiBase() {
        return require("STRIPE_API_BASE");
    }

    private static String require(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            fail(name + " is not set. *IT tests need a real PostgreSQL (DATABASE_URL, DATABASE_USER, "
                    + "DATABASE_PASSWORD) and Temporal (TEMPORAL_ADDRESS); .ci/run starts both and sets them.");
        }
        return value;
    }
}
