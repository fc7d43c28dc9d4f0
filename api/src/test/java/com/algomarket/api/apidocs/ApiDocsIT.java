package com.algomarket.api.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.api.support.Http;
import com.algomarket.api.support.RealServers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document is a contract a client can be generated from: the bearer scheme, on every operation that
 * needs a token and on none that is public; the problem answers of every operation; the request records' constraints.
 */
@RealServers
class ApiDocsIT {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    @LocalServerPort
    int port;

    private JsonNode docs;

    @BeforeEach
    void read() {
        Http.Response response = new Http(port).get("/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        docs = response.body();
    }

    @Test
    void givenTheDocument_whenRead_thenItHasTheBearerScheme() {
        JsonNode scheme = docs.at("/components/securitySchemes/" + OpenApiConfiguration.BEARER);

        assertThat(scheme.get("type").asString()).isEqualTo("http");
        assertThat(scheme.get("scheme").asString()).isEqualTo("bearer");
        assertThat(scheme.get("bearerFormat").asString()).isEqualTo("JWT");
    }

    @Test
    void givenEveryOperation_whenRead_thenItNamesEachProblemAnswerAndItsSecurity() {
        List<String> missing = new ArrayList<>();
        int operations = 0;
        for (Map.Entry<String, JsonNode> path : docs.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (!METHODS.contains(operation.getKey())) {
                    continue;
                }
                operations++;
                String name = operation.getKey().toUpperCase() + " " + path.getKey();
                for (String status : OpenApiConfiguration.PROBLEM_RESPONSES.keySet()) {
                    JsonNode problem = operation.getValue().at("/responses/" + status + "/content");
                    if (!problem.has("application/problem+json")) {
                        missing.add(name + " " + status);
                    }
                }
                boolean bearer =
                        operation.getValue().path("security").toString().contains("\"bearer\"");
                boolean isPublic = path.getKey().startsWith("/api/v1/auth/")
                        || path.getKey().startsWith("/api/v1/dev/")
                        || path.getKey().startsWith("/api/v1/paper/")
                        || path.getKey().equals("/api/v1/payments/stripe/webhook")
                        || path.getKey().startsWith("/api/v1/hooks/signals/");
                if (bearer == isPublic) {
                    missing.add(name + (isPublic ? " is public but asks for a token" : " has no bearer requirement"));
                }
            }
        }
        assertThat(operations).isGreaterThan(20);
        assertThat(missing).isEmpty();
    }

    @Test
    void givenTheRequestRecords_whenRead_thenTheirConstraintsAreInTheSchemas() {
        JsonNode schemas = docs.at("/components/schemas");

        JsonNode login = schemas.get("LoginRequest");
        assertThat(login.get("required")).extracting(JsonNode::asString).contains("email", "password");
        assertThat(login.at("/properties/password/maxLength").asInt()).isEqualTo(1024);
        JsonNode purchase = schemas.get("PurchaseRequest");
        assertThat(purchase.at("/properties/periods/minimum").asInt()).isEqualTo(1);
        assertThat(purchase.at("/properties/periods/maximum").asInt()).isEqualTo(120);
        assertThat(purchase.at("/properties/couponCode/pattern").asString()).isEqualTo("[A-Za-z0-9_-]{3,64}");
        JsonNode signal = schemas.get("SignalRequest");
        assertThat(signal.at("/properties/timeoutSeconds/maximum").asInt()).isEqualTo(7 * 24 * 3_600);
        assertThat(signal.at("/properties/limitPrice/exclusiveMinimum").isMissingNode())
                .as(signal.toString())
                .isFalse();
        assertThat(schemas.get("Sizing")
                        .at("/properties/portfolioFraction/maximum")
                        .asInt())
                .isEqualTo(1);
        JsonNode verify = schemas.get("VerifyRequest");
        assertThat(verify.at("/properties/code/pattern").asString()).isEqualTo("\\d{6}");
        JsonNode connect = schemas.get("ConnectRequest");
        assertThat(connect.get("required")).extracting(JsonNode::asString).contains("apiKey", "apiSecret");
        assertThat(connect.at("/properties/apiSecret/maxLength").asInt()).isEqualTo(4_096);
    }
}
