package com.algomarket.api.mode;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.email.OutboxEmailSender;
import com.algomarket.api.AlgoMarketApplication;
import com.algomarket.api.support.Http;
import com.algomarket.api.support.Ports;
import com.algomarket.api.support.ServerEnvironment;
import com.algomarket.api.support.SmtpInbox;
import com.algomarket.api.support.TestUsers;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Production mode against every real part (PostgreSQL, the Temporal dev server, stripe-mock, SMTP): the development
 * endpoints of api.md "The embedded default only" answer 404, and without a payment provider no paid purchase can be
 * made, let alone simulated.
 */
class ProductionModeIT {

    private static final GreenMail SMTP = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", "smtp"));

    @TempDir
    Path dataDirectory;

    @BeforeAll
    static void startSmtp() {
        SMTP.start();
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @Test
    void givenStripeAndSmtp_whenDevelopmentEndpointsAreCalled_thenEachAnswers404() {
        try (ConfigurableApplicationContext app = start(
                "--algomarket.stripe.secret-key=sk_test_123",
                "--algomarket.stripe.api-base=" + ServerEnvironment.stripeApiBase(),
                "--algomarket.stripe.webhook-secret=whsec_production_mode_it",
                "--algomarket.mail.host=127.0.0.1",
                "--algomarket.mail.port=" + SMTP.getSmtp().getPort())) {
            Http anonymous = new Http(Ports.httpPort(app));
            TestUsers users = new TestUsers(anonymous, to -> SmtpInbox.bodiesTo(SMTP, to));
            Http buyer = users.verified("USER").http();
            String purchase = buyPaid(users.verified("DEVELOPER").http(), buyer, 201);

            for (Http http : List.of(anonymous, buyer)) {
                assertDevelopmentEndpointsAreAbsent(http);
            }
            assertThat(buyer.postJson(
                                    "/api/v1/purchases/" + purchase + "/simulate-payment",
                                    "{\"outcome\":\"succeeded\"}")
                            .status())
                    .isEqualTo(404);
            assertThat(buyer.get("/api/v1/purchases/" + purchase)
                            .body()
                            .get("status")
                            .asString())
                    .isEqualTo("AWAITING_PAYMENT");
        }
    }

    @Test
    void givenFreeAlgorithmsOnlyAndNoEmail_whenAPaidPurchaseIsAttempted_thenClear422AndNoSimulation() {
        try (ConfigurableApplicationContext app =
                start("--algomarket.payments.provider=free-only", "--algomarket.mail.delivery=none")) {
            Http anonymous = new Http(Ports.httpPort(app));
            // EMAIL=none: nothing is sent; the codes stay in the outbox table, which only this test reads.
            TestUsers users = new TestUsers(anonymous, app.getBean(OutboxEmailSender.class));
            Http buyer = users.verified("USER").http();

            buyPaid(users.verified("DEVELOPER").http(), buyer, 422);

            assertThat(buyer.postJson(
                                    "/api/v1/purchases/" + UUID.randomUUID() + "/simulate-payment",
                                    "{\"outcome\":\"succeeded\"}")
                            .status())
                    .isEqualTo(404);
            assertDevelopmentEndpointsAreAbsent(anonymous);
        }
    }

    private ConfigurableApplicationContext start(String... settings) {
        List<String> args = new ArrayList<>(List.of(
                "--algomarket.mode=production",
                "--algomarket.database.url=" + ServerEnvironment.owner().url(),
                "--algomarket.database.user=" + ServerEnvironment.owner().user(),
                "--algomarket.database.password=" + ServerEnvironment.owner().password(),
                "--algomarket.temporal.address=" + ServerEnvironment.temporalAddress(),
                "--algomarket.data-dir=" + dataDirectory,
                "--server.port=0"));
        args.addAll(List.of(settings));
        return new SpringApplicationBuilder(AlgoMarketApplication.class).run(args.toArray(String[]::new));
    }

    private static void assertDevelopmentEndpointsAreAbsent(Http http) {
        assertThat(http.get("/api/v1/dev/outbox?to=someone@example.com").status())
                .isEqualTo(404);
        assertThat(http.postJson("/api/v1/paper/keys", "{\"permissions\":[\"READ\",\"TRADE\"],\"balances\":{}}")
                        .status())
                .isEqualTo(404);
        assertThat(http.putJson("/api/v1/paper/markets/BTC-EUR", "{\"price\":\"1\"}")
                        .status())
                .isEqualTo(404);
        assertThat(http.postJson("/api/v1/paper/faults", "{\"endpoint\":\"x\",\"kind\":\"HTTP_5XX\",\"rate\":1}")
                        .status())
                .isEqualTo(404);
        assertThat(http.get("/api/v1/paper/stats").status()).isEqualTo(404);
    }

    /** A developer publishes a paid algorithm and the buyer buys it; answers the purchase's id when it was made. */
    private static String buyPaid(Http developer, Http buyer, int expectedStatus) {
        Http.Response published = developer.postJson("/api/v1/algorithms", """
                {"name": "Algo %s", "description": "Trend following.", "exchanges": ["PAPER"],
                 "quoteCurrency": "EUR", "symbols": ["BTC/EUR"], "price": {"amount": "50.00", "currency": "EUR"},
                 "periodDays": 30}
                """.formatted(UUID.randomUUID()));
        assertThat(published.status()).as(published.raw()).isEqualTo(201);
        Http.Response bought = buyer.postJson(
                "/api/v1/purchases",
                "{\"algorithmId\":\"%s\",\"periods\":1}"
                        .formatted(published.body().get("id").asString()));
        assertThat(bought.status()).as(bought.raw()).isEqualTo(expectedStatus);
        if (expectedStatus != 201) {
            assertThat(bought.body().get("type").asString()).endsWith("payments-unavailable");
            return null;
        }
        return bought.body().get("id").asString();
    }
}
