package com.algomarket.workflows.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The workflow histories recorded from the real dev server under {@code src/test/resources/histories/<workflow>/},
 * for replay tests: a change that would break running workflows fails when they are replayed. The files are
 * regenerated only on purpose, never to make a test pass.
 */
public final class RecordedHistories {

    private RecordedHistories() {}

    /** One recorded history: {@code histories/<workflow>/<scenario>.json}. */
    public record Recorded(String workflow, String scenario) {

        @Override
        public String toString() {
            return workflow + "/" + scenario;
        }
    }

    /** Every recorded history there is, sorted by workflow and scenario: a new recording is among them at once. */
    public static List<Recorded> all() throws IOException, URISyntaxException {
        Path histories =
                Path.of(RecordedHistories.class.getResource("/histories").toURI());
        try (Stream<Path> files = Files.walk(histories, 2)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json"))
                    .map(file -> new Recorded(
                            file.getParent().getFileName().toString(),
                            file.getFileName().toString().replaceFirst("\\.json$", "")))
                    .sorted(Comparator.comparing(Recorded::toString))
                    .toList();
        }
    }

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

    /**
     * With {@code -Drecord.histories=<dir>} (never by default) writes the workflow's history as it stands to
     * {@code <dir>/<workflow>/<scenario>.json}: how a fixture is made from a workflow unit test, on purpose, where the
     * dev server's histories carry encrypted payloads that a replay cannot read.
     */
    public static void recordIfAsked(WorkflowClient client, String workflowId, String workflow, String scenario) {
        String directory = System.getProperty("record.histories");
        if (directory == null || directory.isBlank()) {
            return;
        }
        Path file = Path.of(directory, workflow, scenario + ".json");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, client.fetchHistory(workflowId).toJson(true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
