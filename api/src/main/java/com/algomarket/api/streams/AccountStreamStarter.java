package com.algomarket.api.streams;

import com.algomarket.api.Roles;
import com.algomarket.api.connections.EveryConnection;
import com.algomarket.api.temporal.WorkflowStarts;
import com.algomarket.db.connections.ConnectionRepository;
import com.algomarket.workflows.common.TaskQueues;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.streams.AccountStreamInput;
import com.algomarket.workflows.streams.AccountStreamWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import java.util.UUID;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps one account stream workflow ({@code stream-<connectionId>}) per connection running: started with the
 * connection and, on each worker start, for every connection (starting one that runs already changes nothing). Off
 * unless {@code algomarket.streams.enabled}, the same setting that makes the orders planned from then on wait for the
 * stream's signals instead of polling ({@link com.algomarket.activities.streams.StreamedOrders}): each stream costs
 * the exchange one connection and a catch-up read per (re)connect, or, for an exchange followed by an account poller,
 * a few reads of the whole account per interval.
 */
@Component
@EnableConfigurationProperties(AccountStreamProperties.class)
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
@Slf4j
public class AccountStreamStarter {

    private final WorkflowClient client;
    private final ConnectionRepository connections;
    private final AccountStreamProperties properties;

    /** Whether this process is a worker, which starts every connection's stream when it starts (on-worker-start). */
    @Value("${" + Roles.WORKER_PROPERTY + ":false}")
    private final boolean worker;

    @EventListener(ApplicationReadyEvent.class)
    void startEveryConnection() {
        if (!properties.enabled() || !worker || !properties.onWorkerStart()) {
            return;
        }
        int started = EveryConnection.forEach(connections, this::start, log, "start the account stream");
        log.info("Account streams running for {} connections", started);
    }

    /** Starts the connection's stream workflow unless it runs already; does nothing while streams are off. */
    public void start(UUID connectionId) {
        if (!properties.enabled()) {
            return;
        }
        AccountStreamWorkflow workflow = client.newWorkflowStub(
                AccountStreamWorkflow.class,
                WorkflowStarts.options(WorkflowIds.accountStream(connectionId.toString()), TaskQueues.STREAMS));
        try {
            WorkflowClient.start(
                    workflow::run,
                    new AccountStreamInput(
                            connectionId.toString(),
                            properties.period().toSeconds(),
                            properties.heartbeatTimeout().toSeconds()));
        } catch (WorkflowExecutionAlreadyStarted running) {
            // One stream per connection: the workflow id guarantees it, and this one runs already.
        }
    }
}
