package com.algomarket.workflows.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays purchase histories recorded from the real dev server ({@code temporal workflow show --output json}): paid
 * and active, free and active, payment failed, cancelled at the payment deadline.
 */
class PurchaseWorkflowReplayTest {

    @ParameterizedTest
    @ValueSource(strings = {"paid-and-active", "free-and-active", "payment-failed", "cancelled-at-deadline"})
    void givenRecordedHistory_whenReplayed_thenCurrentImplementationIsCompatible(String scenario) throws Exception {
        WorkflowExecutionHistory history = history(scenario);
        assertThat(history.getEvents()).hasSizeGreaterThan(10);

        WorkflowReplayer.replayWorkflowExecution(history, PurchaseWorkflowImpl.class);
    }

    private static WorkflowExecutionHistory history(String scenario) throws IOException {
        String path = "/histories/purchase/" + scenario + ".json";
        try (InputStream json = PurchaseWorkflowReplayTest.class.getResourceAsStream(path)) {
            assertThat(json).as(path).isNotNull();
            return WorkflowExecutionHistory.fromJson(new String(json.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
