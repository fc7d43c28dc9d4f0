package com.algomarket.workflows.killswitch;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Replays FlattenWorkflow histories recorded from the real dev server (SignalsIT with -Drecord.histories). */
class FlattenWorkflowReplayTest {

    @ParameterizedTest
    @ValueSource(strings = {"cancel-then-sell"})
    void givenRecordedHistory_whenReplayed_thenCurrentImplementationIsCompatible(String scenario) throws Exception {
        WorkflowExecutionHistory history = history(scenario);
        assertThat(history.getEvents()).hasSizeGreaterThan(5);

        WorkflowReplayer.replayWorkflowExecution(history, FlattenWorkflowImpl.class);
    }

    private static WorkflowExecutionHistory history(String scenario) throws IOException {
        String path = "/histories/flatten/" + scenario + ".json";
        try (InputStream json = FlattenWorkflowReplayTest.class.getResourceAsStream(path)) {
            assertThat(json).as(path).isNotNull();
            return WorkflowExecutionHistory.fromJson(new String(json.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
