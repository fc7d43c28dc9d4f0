package com.algomarket.api.codec;

import static com.algomarket.api.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.api.support.Http;
import com.algomarket.api.support.OnOperatorEndpoints;
import com.algomarket.api.support.RealServers;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Health is public but says only UP or DOWN; its components and every other actuator endpoint are for the operator
 * token only, never a user's token.
 */
@RealServers
class ActuatorAccessIT extends OnOperatorEndpoints {

    private static final List<String> OPERATORS_ONLY = List.of(
            "/actuator",
            "/actuator/metrics",
            "/actuator/metrics/jvm.memory.used",
            "/actuator/info",
            "/actuator/prometheus");

    @Test
    void givenNoCredential_whenHealthOrMetrics_thenHealthOnly() {
        Http anonymous = anonymous();

        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);
        for (String path : OPERATORS_ONLY) {
            assertProblem(anonymous.get(path), 401, "unauthenticated");
        }
    }

    @Test
    void givenHealth_whenAskedWithoutAndWithTheOperatorToken_thenOnlyTheOperatorSeesItsComponents() {
        Http.Response anonymous = anonymous().get("/actuator/health");
        Http.Response user = users.verified("USER").http().get("/actuator/health");
        Http.Response operator = operator().get("/actuator/health");

        assertThat(anonymous.body().get("status").asString()).isEqualTo("UP");
        assertThat(anonymous.body().has("components")).isFalse();
        assertThat(user.body().has("components")).isFalse();
        assertThat(operator.body().at("/components/db/status").asString()).isEqualTo("UP");
        assertThat(operator.body().at("/components/temporal/status").asString()).isEqualTo("UP");
    }

    @Test
    void givenAUsersAndADevelopersToken_whenMetrics_thenRefused() {
        for (String role : List.of("USER", "DEVELOPER")) {
            Http user = users.verified(role).http();
            assertThat(user.get("/api/v1/me/onboarding").status())
                    .as("the token is valid")
                    .isEqualTo(200);
            for (String path : OPERATORS_ONLY) {
                assertThat(user.get(path).status()).as(role + " " + path).isIn(401, 403);
            }
        }
    }

    @Test
    void givenTheOperatorToken_whenMetrics_thenAnswered() {
        Http operator = operator();

        for (String path : OPERATORS_ONLY) {
            assertThat(operator.get(path).status()).as(path).isEqualTo(200);
        }
        // The scrape holds the JVM's meters and the Temporal SDK's (its workers poll, so they report at once).
        assertThat(operator.get("/actuator/prometheus").raw()).contains("jvm_memory_used_bytes", "temporal_");
    }
}
