package com.algomarket.workflows.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.support.TestTemporal;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ExchangeAccountWorkflowsTest {

    @RegisterExtension
    static final TestWorkflowExtension TEMPORAL = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(
                    KeyCheckWorkflowImpl.class, AccountBalancesWorkflowImpl.class, LastPricesWorkflowImpl.class)
            .setDoNotStart(true)
            .build();

    private final ExchangeAccountActivities activities = TestTemporal.mockActivities(ExchangeAccountActivities.class);

    @Test
    void givenExchangeAnswers_whenKeyChecked_thenItsAnswerIsTheResult(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        KeyCheckResult invalid = KeyCheckResult.failed(KeyCheckFailure.INVALID_CREDENTIALS, "PAPER said no");
        when(activities.checkKey(any())).thenReturn(invalid);
        worker.registerActivitiesImplementations(activities);
        env.start();

        KeyCheckResult result = client.newWorkflowStub(KeyCheckWorkflow.class, options(worker, "key-check-c1"))
                .check(new KeyCheckInput("c1", Exchange.PAPER, new byte[] {1}, new byte[] {2}, null));

        assertThat(result).isEqualTo(invalid);
    }

    @Test
    void givenActivityFailingTwice_whenKeyChecked_thenExchangeUnavailableAfterOneRetry(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        when(activities.checkKey(any())).thenThrow(ApplicationFailure.newFailure("worker lost", "LOST"));
        worker.registerActivitiesImplementations(activities);
        env.start();

        KeyCheckResult result = client.newWorkflowStub(KeyCheckWorkflow.class, options(worker, "key-check-c2"))
                .check(new KeyCheckInput("c2", Exchange.PAPER, new byte[] {1}, new byte[] {2}, null));

        assertThat(result).isEqualTo(KeyCheckResult.failed(KeyCheckFailure.EXCHANGE_UNAVAILABLE, "LOST"));
        verify(activities, times(2)).checkKey(any());
    }

    @Test
    void givenActivityFailing_whenBalancesAndPricesRead_thenUnavailableRatherThanAFailedWorkflow(
            TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
        when(activities.balances("c3")).thenThrow(ApplicationFailure.newFailure("worker lost", "LOST"));
        when(activities.lastPrices(any())).thenReturn(new LastPrices(Map.of("BTC/EUR", new BigDecimal("62000")), null));
        worker.registerActivitiesImplementations(activities);
        env.start();

        AccountBalances balances = client.newWorkflowStub(
                        AccountBalancesWorkflow.class, options(worker, WorkflowIds.accountBalances("c3")))
                .balances("c3");
        LastPrices prices = client.newWorkflowStub(
                        LastPricesWorkflow.class, options(worker, WorkflowIds.lastPrices("c3", List.of("BTC/EUR"))))
                .lastPrices(new LastPricesInput("c3", List.of("BTC/EUR")));

        assertThat(balances).isEqualTo(AccountBalances.unavailable("LOST"));
        assertThat(prices.prices()).containsEntry("BTC/EUR", new BigDecimal("62000"));
    }

    private static WorkflowOptions options(Worker worker, String workflowId) {
        return WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(worker.getTaskQueue())
                .build();
    }
}
