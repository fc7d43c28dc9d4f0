package com.algomarket.workflows;

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
import com.algomarket.workflows.support.RecordedHistories;
import com.algomarket.workflows.support.RecordedHistories.Recorded;
import com.algomarket.workflows.trackrecord.TrackRecordWorkflowImpl;
import com.algomarket.workflows.valuation.DailyValuationWorkflowImpl;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every history recorded under {@code src/test/resources/histories/<workflow>/} (where they come from: the
 * README there) against the current implementation of its workflow. A change that would break running workflows
 * fails here; such a change needs a {@code Workflow.getVersion} gate. A new recording is replayed as soon as its file
 * is there; the files are regenerated only on purpose, never to make this test pass.
 */
class RecordedHistoriesReplayTest {

    /**
     * A workflow's implementation, and how many events each of its recordings holds more than: a truncated recording
     * would prove little.
     */
    private record Replayed(Class<?> implementation, int moreEventsThan) {}

    private static final Map<String, Replayed> BY_FOLDER = Map.ofEntries(
            Map.entry("account-balances", new Replayed(AccountBalancesWorkflowImpl.class, 8)),
            Map.entry("account-stream", new Replayed(AccountStreamWorkflowImpl.class, 5)),
            Map.entry("daily-valuation", new Replayed(DailyValuationWorkflowImpl.class, 10)),
            Map.entry("flatten", new Replayed(FlattenWorkflowImpl.class, 5)),
            Map.entry("key-check", new Replayed(KeyCheckWorkflowImpl.class, 8)),
            Map.entry("last-prices", new Replayed(LastPricesWorkflowImpl.class, 8)),
            Map.entry("notification-delivery", new Replayed(NotificationDeliveryWorkflowImpl.class, 5)),
            Map.entry("onboarding", new Replayed(OnboardingWorkflowImpl.class, 5)),
            Map.entry("order", new Replayed(OrderWorkflowImpl.class, 10)),
            Map.entry("purchase", new Replayed(PurchaseWorkflowImpl.class, 10)),
            Map.entry("reconciliation", new Replayed(ReconciliationWorkflowImpl.class, 5)),
            Map.entry("signal", new Replayed(SignalWorkflowImpl.class, 5)),
            Map.entry("track-records", new Replayed(TrackRecordWorkflowImpl.class, 10)),
            Map.entry("trailing-stop", new Replayed(TrailingStopWorkflowImpl.class, 5)));

    static List<Recorded> recordedHistories() throws Exception {
        return RecordedHistories.all();
    }

    /** A folder emptied by mistake would otherwise leave its workflow with no replay at all. */
    @Test
    void givenTheTable_thenEveryWorkflowInItHasARecording() throws Exception {
        assertThat(recordedHistories()).extracting(Recorded::workflow).containsAll(BY_FOLDER.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordedHistories")
    void givenRecordedHistory_whenReplayed_thenCurrentImplementationIsCompatible(Recorded recorded) throws Exception {
        Replayed replayed = BY_FOLDER.get(recorded.workflow());
        assertThat(replayed)
                .as("the workflow the folder %s holds histories of", recorded.workflow())
                .isNotNull();

        RecordedHistories.assertReplays(
                recorded.workflow(), recorded.scenario(), replayed.moreEventsThan(), replayed.implementation());
    }
}
