package com.algomarket.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.client.WorkflowClient;
import io.temporal.payload.codec.PayloadCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * Writes workflow histories from the dev server when {@code -Drecord.histories=<dir>} is given (never by default):
 * how the replay fixtures under workflows/src/test/resources/histories/ are made, on purpose.
 */
public final class HistoryRecorder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HistoryRecorder() {}

    /** Waits for the workflow to close, then writes {@code <dir>/<workflow>/<scenario>.json}. */
    public static void recordClosed(WorkflowClient client, String workflowId, String workflow, String scenario) {
        if (directory() == null) {
            return;
        }
        client.newUntypedWorkflowStub(workflowId).getResult(Object.class);
        write(client, workflowId, workflow, scenario);
    }

    /**
     * Like {@link #recordClosed(WorkflowClient, String, String, String)}, with the payloads that {@code codec}
     * encrypted decoded first: replay tests read plain JSON payloads and hold no key.
     */
    public static void recordClosed(
            WorkflowClient client, PayloadCodec codec, String workflowId, String workflow, String scenario) {
        if (directory() == null) {
            return;
        }
        client.newUntypedWorkflowStub(workflowId).getResult(Object.class);
        writeDecoded(client.fetchHistory(workflowId).toJson(true), codec, workflow, scenario);
    }

    private static void writeDecoded(String historyJson, PayloadCodec codec, String workflow, String scenario) {
        try {
            JsonNode history = JSON.readTree(historyJson);
            decodePayloads(history, codec);
            Path file = Path.of(directory(), workflow, scenario + ".json");
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(history));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces every payload ({@code {metadata: {encoding}, data}}, base64 in JSON) with what the codec decodes. */
    private static void decodePayloads(JsonNode node, PayloadCodec codec) {
        if (node instanceof ObjectNode object && object.has("metadata") && object.has("data")) {
            Payload.Builder encoded = Payload.newBuilder();
            object.get("metadata")
                    .properties()
                    .forEach(entry -> encoded.putMetadata(
                            entry.getKey(),
                            ByteString.copyFrom(
                                    Base64.getDecoder().decode(entry.getValue().asText()))));
            encoded.setData(ByteString.copyFrom(
                    Base64.getDecoder().decode(object.get("data").asText())));
            Payload decoded = codec.decode(List.of(encoded.build())).getFirst();
            ObjectNode metadata = object.putObject("metadata");
            decoded.getMetadataMap()
                    .forEach((key, value) ->
                            metadata.put(key, Base64.getEncoder().encodeToString(value.toByteArray())));
            object.put(
                    "data", Base64.getEncoder().encodeToString(decoded.getData().toByteArray()));
            return;
        }
        node.forEach(child -> decodePayloads(child, codec));
    }

    /** Writes the history as it stands (a workflow that runs on, like a reconciliation). */
    public static void recordSoFar(WorkflowClient client, String workflowId, String workflow, String scenario) {
        if (directory() != null) {
            write(client, workflowId, workflow, scenario);
        }
    }

    /**
     * Writes the history of one run of the workflow, the first of a chain that continued as new (a trailing stop that
     * became its exit order): the latest run alone would be the order's.
     */
    public static void recordRun(
            WorkflowClient client,
            PayloadCodec codec,
            String workflowId,
            String runId,
            String workflow,
            String scenario) {
        if (directory() != null) {
            writeDecoded(client.fetchHistory(workflowId, runId).toJson(true), codec, workflow, scenario);
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
