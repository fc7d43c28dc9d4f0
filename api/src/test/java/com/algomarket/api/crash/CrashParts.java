package com.algomarket.api.crash;

import com.algomarket.api.support.PaperVenue;
import com.algomarket.api.support.Ports;
import com.algomarket.api.support.ServerEnvironment;
import com.algomarket.api.support.SmtpInbox;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
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
        ServerEnvironment.databaseUrl();
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

    /** The child app's environment: this class's venue and SMTP server, the given Temporal and data directory. */
    Map<String, String> environment(String temporalAddress, Path dataDirectory) {
        return CrashEnvironment.of(
                temporalAddress, venue.server().baseUrl(), smtp.getSmtp().getPort(), dataDirectory);
    }

    /** A crash run against the child app on {@code appPort}, reading users' emails from this SMTP server. */
    CrashRun run(int appPort) throws SQLException {
        return new CrashRun(venue.exchange(), appPort, this::inbox);
    }

    private List<String> inbox(String address) {
        return SmtpInbox.bodiesTo(smtp, address);
    }
}
