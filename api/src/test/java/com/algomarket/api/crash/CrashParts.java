package com.algomarket.api.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.paper.PaperFaults;
import com.algomarket.activities.paper.PaperFaults.Fault;
import com.algomarket.activities.paper.PaperFaults.Kind;
import com.algomarket.api.support.ChildApp;
import com.algomarket.api.support.ChildAppEnvironment;
import com.algomarket.api.support.Http;
import com.algomarket.api.support.PaperVenue;
import com.algomarket.api.support.Ports;
import com.algomarket.api.support.ServerEnvironment;
import com.algomarket.api.support.SmtpInbox;
import com.algomarket.api.support.TestUsers;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a crash IT's child app talks to besides Temporal, for the whole class: the real PostgreSQL (checked, never
 * skipped), a paper venue in this JVM and a GreenMail SMTP server whose inbox stands in for the users' mailboxes.
 */
final class CrashParts implements BeforeAllCallback, AfterAllCallback {

    private final PaperVenue.Venue venue;
    private final GreenMail smtp = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", "smtp"));

    CrashParts(long seed) {
        // The child app's own rate limits are what the crash ITs exercise; the venue's would only slow them down.
        this.venue = PaperVenue.Venue.start(seed, 1_000_000);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ServerEnvironment.owner();
        smtp.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        venue.close();
        smtp.stop();
    }

    PaperVenue.Venue venue() {
        return venue;
    }

    /**
     * Faults the order workflow must ride out, each at a rate between {@code minRate} and twice it: lost answers to
     * order placements, rate limits and server errors anywhere. None is final, so every order must still FILL.
     */
    void addTransientFaults(Random random, double minRate) {
        PaperFaults faults = venue.faults();
        // Each kind strikes once for certain first, so that a short run sees it too; then at random.
        for (Kind kind : List.of(Kind.LOST_RESPONSE, Kind.HTTP_429, Kind.HTTP_5XX)) {
            String endpoint = kind == Kind.LOST_RESPONSE ? "POST /api/v3/order" : "*";
            faults.add(new Fault(endpoint, kind, 1, null, 1));
            faults.add(new Fault(endpoint, kind, rate(random, minRate), null, null));
        }
    }

    private static double rate(Random random, double minRate) {
        return minRate + random.nextDouble() * minRate;
    }

    /** A run whose faults never struck proves nothing about them: each kind added must have struck at least once. */
    Map<Kind, Integer> assertEachFaultStruck() {
        Map<Kind, Integer> injected = venue.faults().injected();
        assertThat(injected)
                .as("faults injected")
                .containsKeys(Kind.LOST_RESPONSE, Kind.HTTP_429, Kind.HTTP_5XX)
                .allSatisfy((kind, count) -> assertThat(count).as(kind.name()).isPositive());
        return injected;
    }

    /** The child app's environment: this class's venue and SMTP server, the given Temporal and data directory. */
    Map<String, String> environment(String temporalAddress, Path dataDirectory) {
        return ChildAppEnvironment.of(
                temporalAddress, venue.server().baseUrl(), smtp.getSmtp().getPort(), dataDirectory);
    }

    /** The child app of a run in {@code directory}: its data under {@code data}, its log in {@code app.log}. */
    ChildApp app(String temporalAddress, Path directory) {
        return new ChildApp(environment(temporalAddress, directory.resolve("data")), directory.resolve("app.log"));
    }

    /** A crash run against the child app on {@code appPort}, reading users' emails from this SMTP server. */
    CrashRun run(int appPort) throws SQLException {
        return new CrashRun(venue.exchange(), appPort, this::inbox);
    }

    /** Users registered at the child app on {@code appPort}, who read their emails from this SMTP server. */
    TestUsers users(int appPort) {
        return new TestUsers(new Http(appPort), this::inbox);
    }

    private List<String> inbox(String address) {
        return SmtpInbox.bodiesTo(smtp, address);
    }
}
