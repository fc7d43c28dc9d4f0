package com.algomarket.api.support;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on RFC 9457 problem answers. */
public final class Problems {

    private Problems() {}

    /** The answer is a problem detail of this status whose type ends in {@code /<type>}. */
    public static void assertProblem(Http.Response response, int status, String type) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("type").asString()).endsWith("/" + type);
    }
}
