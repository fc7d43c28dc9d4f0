package com.algomarket.api.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for tests that talk to the running app the way a REST client would. */
public final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String bearerToken;

    public Http(int port) {
        this("http://localhost:" + port, null);
    }

    private Http(String baseUrl, String bearerToken) {
        this.baseUrl = baseUrl;
        this.bearerToken = bearerToken;
    }

    /** The same client sending {@code Authorization: Bearer <token>}. */
    public Http withBearer(String token) {
        return new Http(baseUrl, token);
    }

    /** {@code body} is the parsed JSON, or a text node for any other content; {@code raw} the body as sent. */
    public record Response(int status, String contentType, JsonNode body, String raw, HttpHeaders headers) {

        /** The first value of the header, or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** Status and body, so that a failed wait says what the app answered (the problem's type and detail). */
        @Override
        public String toString() {
            return status + " " + raw;
        }
    }

    public Response postJson(String path, String json, String headerName, String headerValue) {
        return send(jsonRequest(path).header(headerName, headerValue).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE());
    }

    public Response putJson(String path, String json) {
        return send(jsonRequest(path).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A request to {@code path} whose body is JSON. */
    private HttpRequest.Builder jsonRequest(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json");
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    public Response postJson(String path, String json) {
        return send(jsonRequest(path).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Response send(HttpRequest.Builder request) {
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        try {
            HttpResponse<String> response =
                    client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode json = body.isBlank()
                    ? JSON.nullNode()
                    : contentType.contains("json")
                            ? JSON.readTree(body)
                            : JSON.getNodeFactory().stringNode(body);
            return new Response(response.statusCode(), contentType, json, body, response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
