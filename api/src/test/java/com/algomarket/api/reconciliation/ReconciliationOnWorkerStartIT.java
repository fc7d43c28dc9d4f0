package com.algomarket.api.reconciliation;

import static com.algomarket.db.jooq.Tables.RECONCILIATION_RUNS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.api.AlgoMarketApplication;
import com.algomarket.api.support.OnPaperVenue;
import com.algomarket.api.support.PaperSubscribers.Subscriber;
import com.algomarket.api.support.RealServersOnPaper;
import com.algomarket.api.support.Reconciliations;
import com.algomarket.db.jooq.tables.records.ReconciliationRunsRecord;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.support.Await;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowStub;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The start-up run, which every other test switches off ({@code algomarket.reconciliation.on-worker-start=false}):
 * a worker that starts while a connection exists makes the connection's reconciliation compare at once, and starts it
 * again when it was not running. The worker that starts is a second app (role worker) in this JVM, started after the
 * connection was made, with the start-up run on.
 *
 * <p>Like any worker start, it asks every connection of the database to compare, also other test classes' whose venues
 * are gone: those comparisons fail and their workflows wait for the next interval, as they do at their own intervals.
 */
@RealServersOnPaper(seed = 37)
class ReconciliationOnWorkerStartIT extends OnPaperVenue {

    @Test
    void givenAConnectionWhoseReconciliationStopped_whenAWorkerStarts_thenItComparesAtOnce() {
        Subscriber subscriber = subscribers.subscribeToNewAlgorithm("1000", new BigDecimal("10000"));
        String connectionId = subscriber.connectionId();
        new Reconciliations(workflowClient).first(connectionId);
        // The connection's reconciliation is not running (lost with a crashed server, or terminated by an operator),
        // and meanwhile the user placed an order of their own: only a new comparison can count it.
        WorkflowStub reconciliation = workflowClient.newUntypedWorkflowStub(WorkflowIds.reconciliation(connectionId));
        reconciliation.terminate("the test stops it");
        venue.placeBuy(subscriber.key(), "manual-1", "0.001", "30000");
        OffsetDateTime workerStart = OffsetDateTime.now();

        try (ConfigurableApplicationContext worker = startWorker()) {
            ReconciliationRunsRecord run = Await.until(
                    DEADLINE,
                    () -> dsl.selectFrom(RECONCILIATION_RUNS)
                            .where(RECONCILIATION_RUNS.CONNECTION_ID.eq(UUID.fromString(connectionId)))
                            .and(RECONCILIATION_RUNS.STARTED_AT.ge(workerStart))
                            .fetchAny(),
                    Objects::nonNull);

            assertThat(run.getManualOrders()).isEqualTo(1);
            assertThat(run.getOpenOrders()).isEqualTo(1);
            assertThat(workflowClient
                            .newUntypedWorkflowStub(WorkflowIds.reconciliation(connectionId))
                            .describe()
                            .getStatus())
                    .as("started again")
                    .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
        }
    }

    /** A worker-only app on the same database, Temporal and venue, with the start-up run on (the default). */
    private ConfigurableApplicationContext startWorker() {
        // Arguments, not the builder's properties: those are defaults, below the tests' configuration files.
        return new SpringApplicationBuilder(AlgoMarketApplication.class)
                .run(
                        "--algomarket.roles=worker",
                        "--server.port=0",
                        "--algomarket.reconciliation.on-worker-start=true",
                        "--algomarket.exchanges.paper-url=" + venue.server().baseUrl(),
                        "--algomarket.stripe.secret-key=",
                        "--algomarket.stripe.webhook-secret=");
    }
}
