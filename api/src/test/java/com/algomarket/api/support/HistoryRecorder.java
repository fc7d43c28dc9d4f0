package com.algomarket.api.support;

import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes workflow histories from the dev server when {@code -Drecord.histories=<dir>} is given (never by default):
 * how the replay fixtures under workflows/src/test/resources/histories/ are made, on purpose.
 */
public final class HistoryRecorder {

    private HistoryRecorder() {}

    /** Waits for the workflow to close, then writes {@code <dir>/<workflow>/<scenario>.json}. */
    public static void recordClosed(WorkflowClient client, String workflowId, String workflow, String scenario) {
        if (directory() == null) {
            return;
        }
        client.newUntypedWorkflowStub(workflowId).getResult(Object.class);
        write(client, workflowId, workflow, scenario);
    }

    /** Writes the history as it stands (a workflow that runs on, like a reconciliation). */
    public static void recordSoFar(WorkflowClient client, String workflowId, String workflow, String scenario) {
        if (directory() != null) {
            write(client, workflowId, workflow, scenario);
        }
    }

    private static String directory() {
        String directory = System.getProperty("record.histories");
        return directory == null || directory.isBlank() ? null : directory;
    }

    private static void write(WorkflowClient client, String workflowId, String workflow, String scenario) {
        Path file = Path.of(directory(), workflow, scenario + ".json");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, client.fetchHistory(workflowId).toJson(true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
