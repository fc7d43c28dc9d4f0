package com.algomarket.api.embedded;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;

/**
 * The Temporal server of the embedded default: {@code temporal server start-dev} as a child process when the CLI is
 * on the PATH (a real server, with the Web UI and a SQLite file in the data folder), else the SDK's in-process test
 * server in real time (no Web UI, no Schedules, state lost on exit). Both listen on 127.0.0.1 only.
 */
@RequiredArgsConstructor(access = AccessLevel.PRIVATE)
@Slf4j
final class EmbeddedTemporalServer implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final String address;
    private final String webUiUrl;
    private final Process cliProcess;
    private final LoopbackTestServer inProcessServer;

    /** {@code codecEndpoint}: the app's codec endpoints, which the dev server's Web UI calls to decode payloads. */
    static EmbeddedTemporalServer start(
            int port, int uiPort, boolean useCli, Path dataDirectory, String codecEndpoint) {
        requireFreePort(port);
        Optional<Path> cli = useCli ? findOnPath("temporal") : Optional.empty();
        String address = "127.0.0.1:" + port;
        if (cli.isPresent()) {
            Process process = startDevServer(cli.get(), port, uiPort, dataDirectory, codecEndpoint);
            EmbeddedTemporalServer server =
                    new EmbeddedTemporalServer(address, "http://127.0.0.1:" + uiPort, process, null);
            server.awaitReady();
            log.info("Temporal dev server ({}) is up on {}, Web UI on {}", cli.get(), address, server.webUiUrl);
            return server;
        }
        LoopbackTestServer inProcess = LoopbackTestServer.start(port);
        log.info("In-process Temporal test server is up on {} (no Web UI; install the temporal CLI for one)", address);
        return new EmbeddedTemporalServer(address, null, null, inProcess);
    }

    String address() {
        return address;
    }

    /** The Web UI's URL, or null for the in-process server, which has none. */
    String webUiUrl() {
        return webUiUrl;
    }

    private static Process startDevServer(Path cli, int port, int uiPort, Path dataDirectory, String codecEndpoint) {
        try {
            Files.createDirectories(dataDirectory);
            return new DevServerCommand(
                            cli.toString(), port, uiPort, dataDirectory.resolve("temporal.db"), true, codecEndpoint)
                    .start(dataDirectory.resolve("temporal-dev-server.log"));
        } catch (IOException e) {
            throw new IllegalStateException("Could not start " + cli + " server start-dev", e);
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
        try {
            while (true) {
                if (!cliProcess.isAlive()) {
                    throw new IllegalStateException("temporal server start-dev exited with code "
                            + cliProcess.exitValue() + "; see temporal-dev-server.log in the data folder");
                }
                try {
                    stubs.blockingStub()
                            .withDeadlineAfter(2, TimeUnit.SECONDS)
                            .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
                    return;
                } catch (RuntimeException notYet) {
                    if (Instant.now().isAfter(deadline)) {
                        close();
                        throw new IllegalStateException(
                                "temporal server start-dev did not answer on " + address + " within "
                                        + STARTUP_TIMEOUT.toSeconds() + " s",
                                notYet);
                    }
                    sleepBriefly();
                }
            }
        } finally {
            stubs.shutdownNow();
        }
    }

    @Override
    public void close() {
        if (inProcessServer != null) {
            inProcessServer.close();
        }
        if (cliProcess != null && cliProcess.isAlive()) {
            // The CLI may be a launcher script: stop the server it started too.
            cliProcess.descendants().forEach(ProcessHandle::destroy);
            cliProcess.destroy();
            try {
                if (!cliProcess.waitFor(10, TimeUnit.SECONDS)) {
                    cliProcess.descendants().forEach(ProcessHandle::destroyForcibly);
                    cliProcess.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void requireFreePort(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Port " + port + " is taken, so the embedded Temporal server cannot "
                            + "start. If a Temporal server is running there, use it: TEMPORAL_ADDRESS=127.0.0.1:" + port
                            + "; or choose another port with algomarket.embedded.temporal-port.",
                    e);
        }
    }

    static Optional<Path> findOnPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, executable);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Temporal", e);
        }
    }
}
