package com.algomarket.api.embedded;

import com.algomarket.workflows.common.SearchAttributeKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code temporal server start-dev} on 127.0.0.1 with the application's search attributes, its state in a SQLite
 * file: how the embedded default runs its Temporal server, and how the crash tests run theirs.
 *
 * @param cli the temporal CLI to run
 * @param webUi whether the server serves its Web UI on {@code uiPort} (the embedded default's users want it; a test
 *     has no use for it)
 * @param uiCodecEndpoint the app's codec endpoint, which the Web UI calls to show encrypted payloads decoded; null for
 *     none
 */
public record DevServerCommand(String cli, int port, int uiPort, Path database, boolean webUi, String uiCodecEndpoint) {

    /** The command line: the search attributes are the ones every workflow of the application sets. */
    public List<String> arguments() {
        List<String> command = new ArrayList<>(List.of(
                cli,
                "server",
                "start-dev",
                "--ip",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--ui-port",
                Integer.toString(uiPort),
                "--db-filename",
                database.toString(),
                "--log-level",
                "warn"));
        if (!webUi) {
            command.add("--headless");
        } else if (uiCodecEndpoint != null) {
            command.add("--ui-codec-endpoint");
            command.add(uiCodecEndpoint);
        }
        for (var key : SearchAttributeKeys.ALL) {
            command.add("--search-attribute");
            command.add(key.getName() + "=Keyword");
        }
        return command;
    }

    /** Starts the server, its output (both streams) appended to {@code log}. */
    public Process start(Path log) throws IOException {
        return new ProcessBuilder(arguments())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }
}
