package com.algomarket.api.problem;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpStatus;

/**
 * Tells an outage of PostgreSQL or Temporal apart from a bug: the client gets 503 {@code service-unavailable} with
 * {@code Retry-After} (api.md conventions), never a 500, and the same request succeeds once the server is back, since
 * the pool and the gRPC channel reconnect by themselves.
 */
public final class Outages {

    /** Long enough for a restarting PostgreSQL or Temporal frontend; short enough that clients do not give up. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    /** PostgreSQL SQLSTATEs of a server that is unreachable, shutting down, starting, or cancelled a slow statement. */
    private static final Set<String> UNAVAILABLE_SQL_STATES = Set.of("57P01", "57P02", "57P03", "57014", "53300");

    private static final Set<Status.Code> UNAVAILABLE_GRPC_CODES =
            Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED);

    private Outages() {}

    /** Whether {@code failure}, or anything that caused it, says a server we depend on did not answer. */
    public static boolean isOutage(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (isOutageItself(cause)) {
                return true;
            }
        }
        return false;
    }

    public static ApiProblem problem() {
        return new ApiProblem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "service-unavailable",
                "Service unavailable",
                "A server we depend on is not answering. Retry after " + RETRY_AFTER.toSeconds() + " seconds.");
    }

    private static boolean isOutageItself(Throwable cause) {
        return switch (cause) {
            // CannotGetJdbcConnectionException is a DataAccessResourceFailureException.
            case DataAccessResourceFailureException resource -> true;
            case TransientDataAccessResourceException resource -> true;
            case QueryTimeoutException timeout -> true;
            // Hikari's "connection is not available, request timed out".
            case SQLTransientConnectionException pool -> true;
            case SQLException sql ->
                sql.getSQLState() != null
                        && (sql.getSQLState().startsWith("08") || UNAVAILABLE_SQL_STATES.contains(sql.getSQLState()));
            case StatusRuntimeException grpc ->
                UNAVAILABLE_GRPC_CODES.contains(grpc.getStatus().getCode());
            case ConnectException refused -> true;
            case SocketTimeoutException timeout -> true;
            default -> false;
        };
    }
}
