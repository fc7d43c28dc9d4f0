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
import java.time.Duration;
import java.util.UUID;
import lombok.extern.slf4j.Slf4j;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
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
@Slf4j
public class AccountStreamStarter {

    private final WorkflowClient client;
    private final ConnectionRepository connections;
    private final boolean enabled;
    /** Whether this worker starts every connection's stream when it starts (else only as connections are made). */
    private final boolean worker;

    private final Duration period;
    private final Duration heartbeatTimeout;

    AccountStreamStarter(
            WorkflowClient client,
            ConnectionRepository connections,
            @Value("${algomarket.streams.enabled:false}") boolean enabled,
            @Value("${algomarket.streams.period:PT1H}") Duration period,
            @Value("${algomarket.streams.heartbeat-timeout:PT5S}") Duration heartbeatTimeout,
            @Value("${" + Roles.WORKER_PROPERTY + ":false}") boolean worker,
            @Value("${algomarket.streams.on-worker-start:true}") boolean onWorkerStart) {
        this.client = client;
        this.connections = connections;
        this.enabled = enabled;
        this.period = period;
        if (heartbeatTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            // The stream heartbeats every half second; a shorter timeout would take it from live workers all along.
            throw new IllegalArgumentException("algomarket.streams.heartbeat-timeout must be at least 1 s");
        }
        this.heartbeatTimeout = heartbeatTimeout;
        this.worker = worker && onWorkerStart;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startEveryConnection() {
        if (!enabled || !worker) {
            return;
        }
        int started = EveryConnection.forEach(connections, this::start, log, "start the account stream");
        log.info("Account streams running for {} connections", started);
    }

    /** Starts the connection's stream workflow unless it runs already; does nothing while streams are off. */
    public void start(UUID connectionId) {
        if (!enabled) {
            return;
        }
        AccountStreamWorkflow workflow = client.newWorkflowStub(
                AccountStreamWorkflow.class,
                WorkflowStarts.options(WorkflowIds.accountStream(connectionId.toString()), TaskQueues.STREAMS));
        try {
            WorkflowClient.start(
                    workflow::run,
                    new AccountStreamInput(connectionId.toString(), period.toSeconds(), heartbeatTimeout.toSeconds()));
        } catch (WorkflowExecutionAlreadyStarted running) {
            // One stream per connection: the workflow id guarantees it, and this one runs already.
        }
    }
}
