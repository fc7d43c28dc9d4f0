package com.algomarket.api.mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.algomarket.api.Roles;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The choice of mode and production mode's check, as pure functions of the configuration. */
class ModeTest {

    /** Everything production mode needs, as the properties application.yml fills from the environment. */
    private static final String COMPLETE = """
            algomarket.database.url=jdbc:postgresql://db:5432/algomarket
            algomarket.database.password=secret
            algomarket.temporal.address=temporal:7233
            algomarket.auth.jwt-secret=a-key
            algomarket.credentials.public-keyset={}
            algomarket.credentials.private-keyset={}
            algomarket.credentials.fingerprint-key=a-key
            algomarket.api.data-keyset={}
            algomarket.temporal.payload-codec-keyset={}
            algomarket.stripe.secret-key=sk_live_x
            algomarket.stripe.webhook-secret=whsec_x
            algomarket.mail.host=smtp""";

    /** {@link #COMPLETE} as a map the test may change. */
    private static Map<String, String> complete() {
        Map<String, String> properties = new HashMap<>();
        COMPLETE.lines().map(line -> line.split("=", 2)).forEach(pair -> properties.put(pair[0], pair[1]));
        return properties;
    }

    private static Function<String, String> of(Map<String, String> properties) {
        return properties::get;
    }

    @Test
    void givenNothingConfigured_whenSelected_thenEmbeddedDefault() {
        assertThat(Mode.select(of(Map.of()))).isEqualTo(Mode.EMBEDDED);
    }

    @Test
    void givenOnlyOneServerConfigured_whenSelected_thenProductionNotASilentEmbeddedDefault() {
        assertThat(Mode.select(of(Map.of("algomarket.database.url", "jdbc:postgresql://db/x"))))
                .isEqualTo(Mode.PRODUCTION);
        assertThat(Mode.select(of(Map.of("algomarket.temporal.address", "temporal:7233"))))
                .isEqualTo(Mode.PRODUCTION);
        assertThat(Mode.select(of(Map.of("algomarket.mail.host", "smtp")))).isEqualTo(Mode.PRODUCTION);
    }

    @Test
    void givenExplicitMode_whenSelected_thenThatModeWhateverElseIsSet() {
        Map<String, String> properties = complete();
        properties.put("algomarket.mode", "embedded");
        assertThat(Mode.select(of(properties))).isEqualTo(Mode.EMBEDDED);
        assertThat(Mode.select(of(Map.of("algomarket.mode", "Production")))).isEqualTo(Mode.PRODUCTION);
    }

    @Test
    void givenUnknownMode_whenSelected_thenRefusesToStart() {
        assertThatThrownBy(() -> Mode.select(of(Map.of("algomarket.mode", "dev"))))
                .isInstanceOf(StartupRefusedException.class)
                .hasMessageContaining("ALGOMARKET_MODE");
    }

    @Test
    void givenCompleteConfiguration_whenChecked_thenNoProblems() {
        assertThat(ProductionRequirements.problems(of(complete()))).isEmpty();
    }

    @Test
    void givenOnlyADatabase_whenChecked_thenNamesEveryMissingVariableAtOnce() {
        assertThat(ProductionRequirements.problems(of(Map.of("algomarket.database.url", "jdbc:postgresql://db/x"))))
                .containsExactly(
                        "DATABASE_PASSWORD",
                        "TEMPORAL_ADDRESS",
                        "PAYLOAD_CODEC_KEYSET",
                        "CREDENTIALS_FINGERPRINT_KEY",
                        "JWT_SECRET",
                        "CREDENTIALS_PUBLIC_KEYSET",
                        "API_DATA_KEYSET",
                        "CREDENTIALS_PRIVATE_KEYSET",
                        "STRIPE_SECRET_KEY (or PAYMENTS=free-only)",
                        "STRIPE_WEBHOOK_SECRET (or PAYMENTS=free-only)",
                        "MAIL_HOST (or EMAIL=none)");
    }

    @Test
    void givenExplicitFreeOnlyAndNoEmail_whenChecked_thenNeitherStripeNorSmtpIsRequired() {
        Map<String, String> properties = complete();
        properties.remove("algomarket.stripe.secret-key");
        properties.remove("algomarket.stripe.webhook-secret");
        properties.remove("algomarket.mail.host");
        properties.put("algomarket.payments.provider", "free-only");
        properties.put("algomarket.mail.delivery", "none");
        assertThat(ProductionRequirements.problems(of(properties))).isEmpty();
    }

    @Test
    void givenContradictionsAndDevelopmentSettings_whenChecked_thenEachIsNamed() {
        Map<String, String> properties = complete();
        properties.put("algomarket.payments.provider", "free-only");
        properties.put("algomarket.mail.delivery", "maybe");
        properties.put("algomarket.paper.serve", "true");
        properties.put("algomarket.temporal.tls.cert", "/certs/client.pem");
        assertThat(ProductionRequirements.problems(of(properties)))
                .containsExactly(
                        "PAYMENTS=free-only and STRIPE_SECRET_KEY (choose one)",
                        "EMAIL must be 'smtp' or 'none', not 'maybe'",
                        "PAPER_SERVE=true (the paper venue is served only in the embedded default)",
                        "TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY (both or neither)");
    }

    @Test
    void givenAnApiOnlyNode_whenChecked_thenItNeedsNoPrivateKeysetAndAWorkerNeedsNoApiKeys() {
        Map<String, String> api = complete();
        api.remove("algomarket.credentials.private-keyset");
        api.put(Roles.WORKER_PROPERTY, "false");
        assertThat(ProductionRequirements.problems(of(api))).isEmpty();

        Map<String, String> worker = complete();
        worker.remove("algomarket.auth.jwt-secret");
        worker.remove("algomarket.credentials.public-keyset");
        worker.remove("algomarket.api.data-keyset");
        worker.put(Roles.API_PROPERTY, "false");
        assertThat(ProductionRequirements.problems(of(worker))).isEmpty();

        worker.remove("algomarket.credentials.private-keyset");
        assertThat(ProductionRequirements.problems(of(worker))).containsExactly("CREDENTIALS_PRIVATE_KEYSET");
    }
}
