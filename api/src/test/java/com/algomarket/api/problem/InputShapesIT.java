package com.algomarket.api.problem;

import static com.algomarket.api.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.api.support.Http;
import com.algomarket.api.support.RealServers;
import com.algomarket.api.support.TestUsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * No input shape reaches a 500: every operation of the OpenAPI document, called with a body it cannot read, answers a
 * 4xx problem; and so do the parameters that once did (an empty verification token, a non-ASCII digit in a limit).
 */
@RealServers
class InputShapesIT {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void givenMultipartWithoutBoundary_whenAnyOperationIsCalled_thenNever5xx() {
        String token = users.login(users.verified("DEVELOPER").email());
        JsonNode paths = new Http(port).get("/v3/api-docs").body().get("paths");
        assertThat(paths.propertyNames()).hasSizeGreaterThan(20);

        List<String> failures = new ArrayList<>();
        int called = 0;
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            String concrete =
                    path.getKey().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            for (String method : path.getValue().propertyNames()) {
                if (!METHODS.contains(method)) {
                    continue;
                }
                for (String bearer : new String[] {token, null}) {
                    HttpResponse<String> response =
                            send(method.toUpperCase(), concrete, bearer, "multipart/form-data", "--x\r\n\r\n--x--");
                    called++;
                    if (response.statusCode() >= 500) {
                        failures.add(method.toUpperCase() + " " + path.getKey() + " -> " + response.statusCode() + " "
                                + response.body());
                    } else if (response.statusCode() >= 400 && !response.body().isEmpty()) {
                        assertThat(response.headers().firstValue("Content-Type"))
                                .as(method + " " + path.getKey())
                                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
                    }
                }
            }
        }
        assertThat(called).isGreaterThan(40);
        assertThat(failures).isEmpty();
    }

    @Test
    void givenAnEmptyVerificationToken_whenVerifying_then4xxProblem() {
        Http.Response response = new Http(port).get("/api/v1/auth/verify?token=");

        assertThat(response.status()).as(response.raw()).isBetween(400, 499);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void givenANonAsciiDigitInLimit_whenListing_then400() {
        Http user = users.verified("USER").http();
        String portfolio = UUID.randomUUID().toString();
        String arabicThree = URLEncoder.encode("٣", StandardCharsets.UTF_8);

        for (String list : List.of("orders", "trades")) {
            Http.Response response = user.get("/api/v1/portfolios/" + portfolio + "/" + list + "?limit=" + arabicThree);
            assertProblem(response, 400, "invalid-parameter");
        }
    }

    @Test
    void givenAnUnsupportedContentType_whenPosting_then415Problem() {
        HttpResponse<String> response =
                send("POST", "/api/v1/auth/login", null, "text/plain", "email=a@example.com&password=x");

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    private HttpResponse<String> send(String method, String path, String bearer, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
