package com.algomarket.workflows.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The workflow histories recorded from the real dev server under {@code src/test/resources/histories/<workflow>/},
 * for replay tests: a change that would break running workflows fails when they are replayed. The files are
 * regenerated only on purpose, never to make a test pass.
 */
public final class RecordedHistories {

    private RecordedHistories() {}

    /** The history {@code histories/<workflow>/<scenario>.json}; fails when there is none. */
    public static WorkflowExecutionHistory load(String workflow, String scenario) throws IOException {
        String path = "/histories/" + workflow + "/" + scenario + ".json";
        try (InputStream json = RecordedHistories.class.getResourceAsStream(path)) {
            assertThat(json).as(path).isNotNull();
            return WorkflowExecutionHistory.fromJson(new String(json.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /**
     * Replays the recorded history against {@code implementation}, after checking that it holds more than
     * {@code moreEventsThan} events (a truncated recording would prove little).
     */
    public static void assertReplays(String workflow, String scenario, int moreEventsThan, Class<?> implementation)
            throws Exception {
        WorkflowExecutionHistory history = load(workflow, scenario);
        assertThat(history.getEvents()).hasSizeGreaterThan(moreEventsThan);

        WorkflowReplayer.replayWorkflowExecution(history, implementation);
    }
}
