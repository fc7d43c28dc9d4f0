package com.algomarket.api.temporal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.workflows.connections.AccountBalancesWorkflowImpl;
import com.algomarket.workflows.connections.KeyCheckWorkflowImpl;
import com.algomarket.workflows.connections.LastPricesWorkflowImpl;
import com.algomarket.workflows.killswitch.FlattenWorkflowImpl;
import com.algomarket.workflows.notifications.NotificationDeliveryWorkflowImpl;
import com.algomarket.workflows.onboarding.OnboardingWorkflowImpl;
import com.algomarket.workflows.orders.OrderWorkflowImpl;
import com.algomarket.workflows.orders.trailing.TrailingStopWorkflowImpl;
import com.algomarket.workflows.purchases.PurchaseWorkflowImpl;
import com.algomarket.workflows.reconciliation.ReconciliationWorkflowImpl;
import com.algomarket.workflows.signals.SignalWorkflowImpl;
import com.algomarket.workflows.streams.AccountStreamWorkflowImpl;
import com.algomarket.workflows.trackrecord.TrackRecordWorkflowImpl;
import com.algomarket.workflows.valuation.DailyValuationWorkflowImpl;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.ReplayResults;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every history recorded before payloads were encrypted (plain JSON, workflows' src/test/resources/histories) still
 * replays on a worker whose data converter is the app's encrypting one: the codec leaves a payload without its
 * encoding as it is. The workflows module's replay tests keep replaying them with the default converter.
 */
class EncryptedReplayTest {

    @Test
    void givenEveryRecordedPlainHistory_whenReplayedWithTheEncryptingConverter_thenAllReplay() throws Exception {
        List<WorkflowExecutionHistory> histories = recordedHistories();
        assertThat(histories).hasSizeGreaterThanOrEqualTo(25);
        PayloadEncryptionCodec codec = PayloadEncryptionCodec.fromJsonKeyset(PayloadEncryptionCodec.newJsonKeyset());

        try (TestWorkflowEnvironment environment =
                TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                        .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
                                .setDataConverter(PayloadEncryptionConfiguration.encrypting(codec))
                                .build())
                        .build())) {
            Worker worker = environment.newWorker("replay");
            worker.registerWorkflowImplementationTypes(
                    OnboardingWorkflowImpl.class,
                    PurchaseWorkflowImpl.class,
                    OrderWorkflowImpl.class,
                    TrailingStopWorkflowImpl.class,
                    SignalWorkflowImpl.class,
                    FlattenWorkflowImpl.class,
                    ReconciliationWorkflowImpl.class,
                    KeyCheckWorkflowImpl.class,
                    AccountBalancesWorkflowImpl.class,
                    LastPricesWorkflowImpl.class,
                    AccountStreamWorkflowImpl.class,
                    NotificationDeliveryWorkflowImpl.class,
                    DailyValuationWorkflowImpl.class,
                    TrackRecordWorkflowImpl.class);

            ReplayResults results = WorkflowReplayer.replayWorkflowExecutions(histories, false, worker);

            assertThat(results.allErrors())
                    .as(() -> results.allErrors().stream()
                            .map(error -> error.workflowId + ": " + error.exception)
                            .toList()
                            .toString())
                    .isEmpty();
        }
    }

    private static List<WorkflowExecutionHistory> recordedHistories() throws IOException {
        List<WorkflowExecutionHistory> histories = new ArrayList<>();
        for (Resource resource :
                new PathMatchingResourcePatternResolver().getResources("classpath*:histories/**/*.json")) {
            String path = resource.getURL().getPath();
            histories.add(WorkflowExecutionHistory.fromJson(
                    resource.getContentAsString(StandardCharsets.UTF_8),
                    path.substring(path.lastIndexOf("histories/"))));
        }
        return histories;
    }
}
