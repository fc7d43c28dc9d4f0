package com.algomarket.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.workflows.support.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lombok.Getter;

/**
 * The whole app (REST API and workers) as a child JVM from the repackaged jar, so that a test can kill it with
 * SIGKILL ({@link Process#destroyForcibly()} on Linux) and start it again on the same port.
 */
public final class ChildApp implements AutoCloseable {

    // Measured: 20-45 s on an idle 2-core machine, 91 s with the same machine loaded by parallel builds, 197 s (health
    // UP later still) with a load average of 24 on it: -Dcrash.start-minutes= allows more there.
    /** The banner comes within seconds of the JVM's start, also at a load of 24; silence this long is a hang. */
    private static final Duration SILENT_START = Duration.ofSeconds(Long.getLong("crash.silent-start-seconds", 90));

    private static final Duration START_DEADLINE = Duration.ofMinutes(Long.getLong("crash.start-minutes", 5));

    private final Map<String, String> environment;
    private final Path log;
    private final List<String> jvmOptions;
    /** Outside the ephemeral range: the port must still be free when the app starts again after a kill. */
    @Getter
    private final int port = Ports.freeOutsideEphemeralRange();

    private Process process;

    @Getter
    private int starts;
    /** Starts that hung silently and were replaced by a fresh JVM (see {@link #start(Duration)}). */
    @Getter
    private int silentStarts;

    private long logSizeAtSpawn;
    private Instant spawnedAt;

    public ChildApp(Map<String, String> environment, Path log) {
        this(environment, log, List.of("-Xmx768m"));
    }

    /** {@code jvmOptions} go before {@code -jar}: heap size, flags for a profiler. */
    public ChildApp(Map<String, String> environment, Path log, List<String> jvmOptions) {
        this.environment = environment;
        this.log = log;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** The running JVM's process id, for what only the operating system or jcmd can tell about it. */
    public long pid() {
        return process.pid();
    }

    /** Starts the app and waits until its health endpoint answers UP. */
    public void start() {
        start(START_DEADLINE);
    }

    /**
     * Starts the app and waits up to {@code deadline} until its health endpoint answers UP. A JVM that has written
     * nothing to its log {@link #SILENT_START} after it was spawned hangs before its first line (a CI run and a local
     * one each saw a restarted app write nothing for 5 minutes): it is killed and spawned again, as a supervisor
     * would, counted in {@link #silentStarts()} and described on standard output. A start that still fails says what
     * answered on the port, what the process was doing, and the log's end.
     */
    public void start(Duration deadline) {
        spawn();
        Http http = new Http(port);
        try {
            Await.until(deadline, () -> healthOrRespawn(http), status -> status == 200);
        } catch (AssertionError e) {
            throw new AssertionError(
                    "The app's health was not UP within " + deadline + " (" + e.getMessage() + "); " + diagnosis()
                            + "\nits log:\n" + tail(),
                    e);
        }
    }

    private int healthOrRespawn(Http http) {
        assertThat(process.isAlive()).as("the app exited; its log:\n" + tail()).isTrue();
        if (logSize() == logSizeAtSpawn
                && Duration.between(spawnedAt, Instant.now()).compareTo(SILENT_START) > 0) {
            System.out.println("The app wrote nothing " + SILENT_START + " after its start; killing it and starting "
                    + "it again. " + diagnosis());
            silentStarts++;
            kill();
            spawn();
        }
        return http.get("/actuator/health").status();
    }

    private void spawn() {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", AppJar.path().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("PORT", Integer.toString(port));
        logSizeAtSpawn = logSize();
        spawnedAt = Instant.now();
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        starts++;
    }

    private long logSize() {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            return -1;
        }
    }

    /** The process's state and command, who listens on the app's port, and where the JVM's main thread is. */
    private String diagnosis() {
        long pid = process.pid();
        return "process " + pid + " alive " + process.isAlive() + ", " + (logSize() - logSizeAtSpawn)
                + " bytes logged since its start; /proc status: " + firstLine(read("/proc/" + pid + "/status", "State"))
                + "; command: " + read("/proc/" + pid + "/cmdline", "").replace('\0', ' ')
                + "; listening on " + port + ": " + run("ss", "-ltnpH", "sport = :" + port)
                + "; main thread: " + mainThread(run("jcmd", Long.toString(pid), "Thread.print"));
    }

    /**
     * For a running app that stopped answering in time: its heap, and every thread's stack (virtual threads included,
     * which {@code Thread.print} leaves out: REST requests run on them) written to {@code threadDump}, with the
     * stacks of the threads serving requests or running activities in the answer.
     */
    public String hungReport(Path threadDump) {
        long pid = process.pid();
        run(
                "jcmd",
                Long.toString(pid),
                "Thread.dump_to_file",
                "-overwrite",
                threadDump.toAbsolutePath().toString());
        String dump = read(threadDump.toString(), "");
        return diagnosis() + "\nheap: " + run("jcmd", Long.toString(pid), "GC.heap_info") + "\nall threads in "
                + threadDump + " (" + dump.lines().count() + " lines); those in our code:\n"
                + stacksMentioning(dump, "com.algomarket");
    }

    private static String read(String file, String linePrefix) {
        try {
            return Files.readAllLines(Path.of(file)).stream()
                    .filter(line -> line.startsWith(linePrefix))
                    .reduce((a, b) -> a + "\n" + b)
                    .orElse("");
        } catch (IOException | RuntimeException e) {
            return "(" + e + ")";
        }
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }

    private static String mainThread(String threadDump) {
        int main = threadDump.indexOf("\"main\"");
        if (main < 0) {
            return threadDump.lines().limit(3).reduce("", (a, b) -> a + " " + b);
        }
        return threadDump.substring(main).lines().limit(25).reduce("", (a, b) -> a + "\n" + b);
    }

    /**
     * The blocks of the threads whose stack passes through {@code packagePrefix}, at most 40 of them, from a text dump
     * of {@code jcmd Thread.dump_to_file}: one blank-line-separated block per thread.
     */
    private static String stacksMentioning(String threadDump, String packagePrefix) {
        List<String> blocks = new ArrayList<>();
        for (String block : threadDump.split("\\R\\s*\\R")) {
            if (block.contains(packagePrefix) && blocks.size() < 40) {
                blocks.add(block.strip());
            }
        }
        return blocks.isEmpty() ? "(none)" : String.join("\n\n", blocks);
    }

    /** A command's output, for diagnostics only: what it could not do is said, never thrown. */
    private static String run(String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(20, TimeUnit.SECONDS);
            return output.isBlank() ? "(nothing)" : output.strip();
        } catch (IOException e) {
            return "(" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
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
