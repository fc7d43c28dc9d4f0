package com.algomarket.api.exchange;

import com.algomarket.workflows.common.TaskQueues;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.connections.AccountBalances;
import com.algomarket.workflows.connections.AccountBalancesWorkflow;
import com.algomarket.workflows.connections.KeyCheckFailure;
import com.algomarket.workflows.connections.KeyCheckInput;
import com.algomarket.workflows.connections.KeyCheckResult;
import com.algomarket.workflows.connections.KeyCheckWorkflow;
import com.algomarket.workflows.connections.LastPrices;
import com.algomarket.workflows.connections.LastPricesInput;
import com.algomarket.workflows.connections.LastPricesWorkflow;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.stereotype.Component;

/**
 * What REST needs from a user's exchange account, asked through short workflows on the worker, which alone may open
 * a key. Each answers within {@link #DEADLINE}; a worker or Temporal that does not answer in time counts as an
 * unavailable exchange, so that a REST answer degrades the way it does when the exchange itself is down.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
@Slf4j
public class ExchangeAccounts {

    /** How long a REST request waits: the activity's own timeout (20 s) plus a margin for Temporal. */
    static final Duration DEADLINE = Duration.ofSeconds(25);

    private static final String UNAVAILABLE = "UNAVAILABLE";

    private final WorkflowClient client;

    /** Checks a sealed key at its exchange before its connection is stored. */
    public KeyCheckResult checkKey(KeyCheckInput input) {
        return checkKey(input, WorkflowIds.keyCheck(input.connectionId()));
    }

    /**
     * Checks a stored connection's new key (a rotation) in a workflow of its own, {@code key-check-<connectionId>-<n>}:
     * two rotations of one connection may overlap, and each must read its own key's answer, never join the other's.
     */
    public KeyCheckResult checkRotatedKey(KeyCheckInput input) {
        return checkKey(input, WorkflowIds.keyCheck(input.connectionId()) + "-" + UUID.randomUUID());
    }

    private KeyCheckResult checkKey(KeyCheckInput input, String workflowId) {
        return run(KeyCheckWorkflow.class, workflowId, KeyCheckResult.class, input)
                .orElseGet(() -> KeyCheckResult.failed(KeyCheckFailure.EXCHANGE_UNAVAILABLE, UNAVAILABLE));
    }

    public AccountBalances balances(UUID connectionId) {
        String id = connectionId.toString();
        return run(AccountBalancesWorkflow.class, WorkflowIds.accountBalances(id), AccountBalances.class, id)
                .orElseGet(() -> AccountBalances.unavailable(UNAVAILABLE));
    }

    public LastPrices lastPrices(UUID connectionId, List<String> symbols) {
        String id = connectionId.toString();
        return run(
                        LastPricesWorkflow.class,
                        WorkflowIds.lastPrices(id, symbols),
                        LastPrices.class,
                        new LastPricesInput(id, symbols))
                .orElseGet(() -> LastPrices.unavailable(UNAVAILABLE));
    }

    /**
     * Starts the workflow, or joins the one with the same id that runs already (two requests for the same balances
     * share one exchange call), and waits for its answer until the deadline.
     */
    private <R> Optional<R> run(Class<?> workflowInterface, String workflowId, Class<R> resultType, Object input) {
        WorkflowStub workflow = client.newUntypedWorkflowStub(
                workflowInterface.getSimpleName(),
                WorkflowOptions.newBuilder()
                        .setWorkflowId(workflowId)
                        .setTaskQueue(TaskQueues.CONNECTIONS)
                        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                        // Nobody waits longer: a workflow that no worker took by then is of no use.
                        .setWorkflowExecutionTimeout(DEADLINE)
                        .build());
        try {
            workflow.start(input);
            return Optional.of(workflow.getResult(DEADLINE.toMillis(), TimeUnit.MILLISECONDS, resultType));
        } catch (TimeoutException e) {
            log.warn("{} did not answer within {}", workflowId, DEADLINE);
            return Optional.empty();
        } catch (RuntimeException e) {
            // Temporal unreachable, or the workflow failed: the REST answer says the exchange is unavailable.
            log.warn("{} failed: {}", workflowId, e.toString());
            return Optional.empty();
        }
    }
}
