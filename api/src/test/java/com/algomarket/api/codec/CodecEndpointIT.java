package com.algomarket.api.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.api.support.Http;
import com.algomarket.api.support.OnOperatorEndpoints;
import com.algomarket.api.support.RealServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The codec endpoints are for operators only: the operator token opens them, nothing else does (not even a user's
 * valid JWT), and browsers may call them only from the configured Temporal Web UI origin.
 */
@RealServers
class CodecEndpointIT extends OnOperatorEndpoints {

    private static final String WEB_UI_ORIGIN = "http://127.0.0.1:8233";
    private static final String PLAIN = """
            {"payloads":[{"metadata":{"encoding":"%s"},"data":"%s"}]}""".formatted(base64("json/plain"), base64("\"BTC/EUR\""));

    @Test
    void givenNoCredential_whenEncoding_then401() {
        assertThat(anonymous().postJson("/api/v1/codec/encode", PLAIN).status()).isEqualTo(401);
    }

    @Test
    void givenAUsersValidJwt_whenEncodingOrDecoding_then401() {
        Http user = users.verified("USER").http();

        assertThat(user.get("/api/v1/me/onboarding").status())
                .as("the JWT is valid")
                .isEqualTo(200);
        assertThat(user.postJson("/api/v1/codec/encode", PLAIN).status()).isEqualTo(401);
        assertThat(user.postJson("/api/v1/codec/decode", PLAIN).status()).isEqualTo(401);
    }

    @Test
    void givenTheOperatorToken_whenEncodedThenDecoded_thenTheSamePayloadAndNothingInClearBetween() {
        Http operator = operator();

        Http.Response encoded = operator.postJson("/api/v1/codec/encode", PLAIN, "X-Namespace", "default");

        assertThat(encoded.status()).as(encoded.raw()).isEqualTo(200);
        assertThat(decode(encoded.body().at("/payloads/0/metadata/encoding").asString()))
                .isEqualTo("binary/encrypted");
        assertThat(decode(encoded.body().at("/payloads/0/data").asString())).doesNotContain("BTC/EUR");
        Http.Response decoded = operator.postJson("/api/v1/codec/decode", encoded.raw(), "X-Namespace", "default");
        assertThat(decoded.status()).as(decoded.raw()).isEqualTo(200);
        assertThat(decode(decoded.body().at("/payloads/0/data").asString())).isEqualTo("\"BTC/EUR\"");
        assertThat(decode(decoded.body().at("/payloads/0/metadata/encoding").asString()))
                .isEqualTo("json/plain");
    }

    @Test
    void givenAPreflightFromTheWebUi_thenAllowed_andFromAnotherOrigin_thenRefused() throws Exception {
        HttpResponse<String> fromUi = preflight(WEB_UI_ORIGIN);
        HttpResponse<String> fromElsewhere = preflight("https://evil.example");

        assertThat(fromUi.statusCode()).isEqualTo(200);
        assertThat(fromUi.headers().firstValue("Access-Control-Allow-Origin")).hasValue(WEB_UI_ORIGIN);
        assertThat(fromUi.headers()
                        .firstValue("Access-Control-Allow-Headers")
                        .orElse("")
                        .toLowerCase())
                .contains("authorization", "x-namespace");
        assertThat(fromElsewhere.statusCode()).isEqualTo(403);
        assertThat(fromElsewhere.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
    }

    private HttpResponse<String> preflight(String origin) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/codec/decode"))
                            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                            .header("Origin", origin)
                            .header("Access-Control-Request-Method", "POST")
                            .header("Access-Control-Request-Headers", "authorization,content-type,x-namespace")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
