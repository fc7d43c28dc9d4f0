package com.algomarket.api.support;

import static org.assertj.core.api.Assertions.fail;

import com.algomarket.api.embedded.DevServerCommand;
import com.algomarket.workflows.support.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import lombok.RequiredArgsConstructor;

/** A `temporal server start-dev` of the test's own, on a SQLite file, that the test can kill and start again. */
@RequiredArgsConstructor
public final class DevServer implements AutoCloseable {

    private final Path database;
    private final Path log;
    private final int port = Ports.free();
    private final int uiPort = Ports.free();
    private Process process;

    /** The temporal CLI on the PATH; CI installs it, so there its absence fails the test rather than skipping it. */
    public static boolean available() {
        try {
            Process version = new ProcessBuilder("temporal", "--version")
                    .redirectErrorStream(true)
                    .start();
            return version.waitFor(20, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    public void start() {
        try {
            process = new DevServerCommand("temporal", port, uiPort, database, false, null).start(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Await.until(Duration.ofSeconds(60), () -> Ports.isListening(port), listening -> listening);
    }

    /** kill -9 of the server: what was committed to the SQLite file is all that survives. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                fail("the dev server did not die");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                process.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
