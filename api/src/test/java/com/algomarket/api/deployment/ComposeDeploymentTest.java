package com.algomarket.api.deployment;

import static com.algomarket.api.support.ComposeFile.COMPOSE;
import static com.algomarket.api.support.ComposeFile.ROOT;
import static com.algomarket.api.support.ComposeFile.config;
import static com.algomarket.api.support.ComposeFile.environment;
import static com.algomarket.api.support.ComposeFile.list;
import static com.algomarket.api.support.ComposeFile.map;
import static com.algomarket.api.support.ComposeFile.maps;
import static com.algomarket.api.support.ComposeFile.mountTarget;
import static com.algomarket.api.support.ComposeFile.service;
import static com.algomarket.api.support.ComposeFile.services;
import static com.algomarket.api.support.ComposeFile.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml and the Dockerfile as deployed, checked from the files (no Docker engine here): every image is
 * pinned to an exact version, only the app is published beyond this machine, and the Temporal Web UI decodes payloads
 * through a codec proxy that carries the operator token (from the app's own secret file, never from git) to the app's
 * codec endpoints, for the Web UI's pages only.
 */
class ComposeDeploymentTest {

    /**
     * A tag that names one release: a version of at least two numbers (PostgreSQL's releases have two, the others
     * three), optionally a build number and a variant such as {@code -jre-noble}. What it rules out is a tag that moves:
     * {@code latest}, a major version alone ({@code 21-jdk}, {@code 15}), a distribution name alone ({@code alpine}).
     */
    private static final Pattern PINNED_TAG = Pattern.compile("v?\\d+(\\.\\d+)+(_\\d+)?(-[a-z0-9.]+)*");

    private static final Pattern FROM = Pattern.compile("(?m)^FROM\\s+(\\S+)");
    private static final String WEB_UI = "temporal-ui";
    private static final String CODEC_PROXY = "codec-proxy";
    private static final String CODEC_PROXY_CONFIG = "codec_proxy";

    @Test
    void givenTheComposeFile_whenItsImagesAreRead_thenEachIsPinnedToAnExactVersion() {
        Map<String, Object> services = services();
        assertThat(services).isNotEmpty();
        services.forEach((name, definition) -> {
            Map<String, Object> service = map(definition);
            if (service.containsKey("build")) {
                assertThat(service)
                        .as(name + " is built here, from the Dockerfile")
                        .doesNotContainKey("image");
            } else {
                assertPinned(name, (String) service.get("image"));
            }
        });
    }

    @Test
    void givenTheDockerfile_whenItsBaseImagesAreRead_thenEachIsPinnedToAnExactVersion() {
        Matcher from = FROM.matcher(text(ROOT.resolve("Dockerfile")));
        int images = 0;
        while (from.find()) {
            assertPinned("Dockerfile", from.group(1));
            images++;
        }
        assertThat(images).as("a build stage and a run stage").isEqualTo(2);
    }

    @Test
    void givenTheComposeFile_whenItsPortsAreRead_thenOnlyTheAppListensBeyondThisMachine() {
        services().forEach((name, definition) -> {
            List<Object> ports =
                    name.equals("app") ? List.of() : list(map(definition).get("ports"));
            for (Object port : ports) {
                assertThat(port.toString()).as(name + " publishes " + port).startsWith("127.0.0.1:");
            }
        });
        assertThat(service("temporal"))
                .as("Temporal's frontend: the compose network only")
                .doesNotContainKey("ports");
    }

    @Test
    void givenTheWebUi_whenItsCodecSettingsAreRead_thenItDecodesThroughTheCodecProxyOnThisMachine() {
        Map<String, Object> webUi = service(WEB_UI);
        URI endpoint = URI.create(environment(webUi, "TEMPORAL_CODEC_ENDPOINT"));

        // The operator's browser calls the endpoint: the proxy's port as published on this machine.
        assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
        assertThat(list(service(CODEC_PROXY).get("ports")))
                .anySatisfy(port -> assertThat(port.toString()).startsWith("127.0.0.1:" + endpoint.getPort() + ":"));
        assertThat(list(webUi.get("depends_on"))).contains(CODEC_PROXY);
        // No OIDC login here, so no access token to pass, and the app takes no cookie: the proxy adds the credential.
        assertThat(environment(webUi, "TEMPORAL_CODEC_PASS_ACCESS_TOKEN")).isEqualTo("false");
        assertThat(environment(webUi, "TEMPORAL_CODEC_INCLUDE_CREDENTIALS")).isEqualTo("false");
    }

    @Test
    void givenTheCodecProxy_whenItsConfigurationIsRead_thenItForwardsTheWebUisCallsToTheAppWithTheOperatorToken() {
        Map<String, Object> proxy = service(CODEC_PROXY);
        String server = (String) config(CODEC_PROXY_CONFIG).get("content");
        assertThat(mountTarget(proxy, CODEC_PROXY_CONFIG)).startsWith("/etc/nginx/conf.d/");

        // Only the two calls of the codec protocol, to the app's codec endpoints of api.md "Operators".
        assertThat(server)
                .contains("location = /decode {\n        proxy_pass http://app:8080/api/v1/codec/decode;")
                .contains("location = /encode {\n        proxy_pass http://app:8080/api/v1/codec/encode;")
                .contains("location / {\n        return 404;");
        // The token comes from the secret the app reads its OPERATOR_TOKEN from, written at start, never in git.
        assertThat(list(proxy.get("secrets"))).containsExactly("operator_token");
        assertThat(maps(service("app").get("secrets"))).anySatisfy(secret -> {
            assertThat(secret.get("source")).isEqualTo("operator_token");
            assertThat(secret.get("target")).isEqualTo("OPERATOR_TOKEN");
        });
        assertThat((String)
                        map(map(COMPOSE.get("secrets")).get("operator_token")).get("file"))
                .startsWith("./secrets/");
        String start = (String) list(proxy.get("command")).getLast();
        assertThat(start)
                .contains("$$(cat /run/secrets/operator_token)")
                .contains("proxy_set_header Authorization \"Bearer %s\"")
                .contains("> /etc/nginx/operator-token.conf")
                .contains("umask 077");
        assertThat(server).contains("include /etc/nginx/operator-token.conf;").doesNotContain("Bearer");
    }

    /**
     * Every request the proxy forwards carries the operator token, so it must come from the Web UI's own pages: the
     * proxy refuses any other Origin, and the origin it allows is the Web UI's published address and the one the app's
     * CORS rule for /codec/* allows (TEMPORAL_WEB_UI).
     */
    @Test
    void givenTheCodecProxy_whenARequestComesFromAnotherOrigin_thenItIsRefusedBeforeItGetsTheToken() {
        String server = (String) config(CODEC_PROXY_CONFIG).get("content");
        Matcher refusal = Pattern.compile("if \\(\\$\\$http_origin != \"([^\"]+)\"\\) \\{\\s*return 403;\\s*}")
                .matcher(server);
        assertThat(refusal.find()).as("the proxy refuses other origins").isTrue();
        String allowed = refusal.group(1);
        assertThat(server.indexOf(refusal.group())).isLessThan(server.indexOf("location"));

        URI appsWebUi = URI.create(environment(service("app"), "TEMPORAL_WEB_UI"));
        assertThat(allowed).isEqualTo(appsWebUi.getScheme() + "://" + appsWebUi.getAuthority());
        assertThat(list(service(WEB_UI).get("ports")))
                .anySatisfy(port -> assertThat(port.toString()).startsWith(appsWebUi.getAuthority() + ":"));
        assertThat(environment(service(WEB_UI), "TEMPORAL_CORS_ORIGINS")).isEqualTo(allowed);
    }

    private static void assertPinned(String where, String image) {
        assertThat(image).as(where + " names an image").isNotNull();
        String reference = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int colon = reference.lastIndexOf(':');
        assertThat(colon).as(where + ": " + image + " has a tag").isPositive();
        assertThat(reference.substring(colon + 1))
                .as(where + ": " + image + " names one release")
                .matches(PINNED_TAG);
    }

    /** The images this test would refuse, so that its pattern is seen to refuse them. */
    @Test
    void givenTagsThatMove_whenChecked_thenNoneCountsAsPinned() {
        for (String moving : List.of("latest", "21-jdk", "21-jre", "15", "alpine", "2", "3-alpine")) {
            assertThat(PINNED_TAG.matcher(moving).matches()).as(moving).isFalse();
        }
        for (String pinned : List.of("15.14", "1.29.1", "v3.5.0", "21.0.9_10-jre-noble", "1.28.0-alpine3.21")) {
            assertThat(PINNED_TAG.matcher(pinned).matches()).as(pinned).isTrue();
        }
    }
}
