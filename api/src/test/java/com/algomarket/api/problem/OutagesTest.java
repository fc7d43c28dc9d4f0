package com.algomarket.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowServiceException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** Which failures are an outage of PostgreSQL or Temporal (503), and which are not (a bug or bad input stays as it is). */
class OutagesTest {

    static Stream<Throwable> outages() {
        return Stream.of(
                new CannotGetJdbcConnectionException("no connection", new SQLException("refused", "08001")),
                // jOOQ's own exception, as a repository outside Spring's translation throws it.
                new org.jooq.exception.DataAccessException(
                        "select", new SQLTransientConnectionException("HikariPool-1 - Connection is not available")),
                new org.jooq.exception.DataAccessException("select", new SQLException("terminating", "57P01")),
                new IllegalStateException(new SQLException("canceling statement due to statement timeout", "57014")),
                new IllegalStateException(new ConnectException("Connection refused")),
                Status.UNAVAILABLE.withDescription("io exception").asRuntimeException(),
                new WorkflowServiceException(
                        WorkflowExecution.newBuilder()
                                .setWorkflowId("onboarding-1")
                                .build(),
                        "OnboardingWorkflow",
                        Status.DEADLINE_EXCEEDED.asRuntimeException()));
    }

    static Stream<Throwable> notOutages() {
        return Stream.of(
                new DataIntegrityViolationException("duplicate key", new SQLException("duplicate", "23505")),
                new org.jooq.exception.DataAccessException("syntax", new SQLException("syntax error", "42601")),
                Status.NOT_FOUND.asRuntimeException(),
                Status.INVALID_ARGUMENT.asRuntimeException(),
                new IllegalStateException("a bug"));
    }

    @ParameterizedTest
    @MethodSource("outages")
    void givenAnUnreachableDependency_whenClassified_thenOutage(Throwable failure) {
        assertThat(Outages.isOutage(failure)).as(failure.toString()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("notOutages")
    void givenABugOrARefusal_whenClassified_thenNoOutage(Throwable failure) {
        assertThat(Outages.isOutage(failure)).as(failure.toString()).isFalse();
    }
}
