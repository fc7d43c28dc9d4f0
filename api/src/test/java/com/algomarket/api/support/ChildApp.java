package com.algomarket.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.workflows.support.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole app (REST API and workers) as a child JVM from the repackaged jar, so that a test can kill it with
 * SIGKILL ({@link Process#destroyForcibly()} on Linux) and start it again on the same port.
 */
public final class ChildApp implements AutoCloseable {

    // Measured: 20-45 s on an idle 2-core machine, 91 s with the same machine loaded by parallel builds, 197 s (health
    // UP later still) with a load average of 24 on it: -Dcrash.start-minutes= allows more there.
    private static final Duration START_DEADLINE = Duration.ofMinutes(Long.getLong("crash.start-minutes", 5));

    private final Map<String, String> environment;
    private final Path log;
    private final List<String> jvmOptions;
    private final int port = Ports.free();
    private Process process;
    private int starts;

    public ChildApp(Map<String, String> environment, Path log) {
        this(environment, log, List.of("-Xmx768m"));
    }

    /** {@code jvmOptions} go before {@code -jar}: heap size, flags for a profiler. */
    public ChildApp(Map<String, String> environment, Path log, List<String> jvmOptions) {
        this.environment = environment;
        this.log = log;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    public int port() {
        return port;
    }

    /** The running JVM's process id, for what only the operating system or jcmd can tell about it. */
    public long pid() {
        return process.pid();
    }

    /** Starts the app and waits until its health endpoint answers UP. */
    public void start() {
        start(START_DEADLINE);
    }

    /** Starts the app and waits up to {@code deadline} until its health endpoint answers UP. */
    public void start(Duration deadline) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", AppJar.path().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("PORT", Integer.toString(port));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        starts++;
        Http http = new Http(port);
        Await.until(
                deadline,
                () -> {
                    assertThat(process.isAlive())
                            .as("the app exited; its log:\n" + tail())
                            .isTrue();
                    return http.get("/actuator/health").status();
                },
                status -> status == 200);
    }

    /** kill -9: no shutdown hook, no graceful end of workers or connections. */
    public void kill() {
        process.destroyForcibly();
        try {
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the app's process still runs: after {@link #kill()} it must not. */
    public boolean alive() {
        return process != null && process.isAlive();
    }

    public int starts() {
        return starts;
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            stop(process);
        }
    }

    /** SIGTERM, so that the process ends as it would in a deployment; SIGKILL if it has not after 20 s. */
    public static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
