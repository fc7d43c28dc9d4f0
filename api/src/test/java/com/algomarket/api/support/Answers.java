package com.algomarket.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;

/** Reading the app's JSON answers in ITs: a 200's body, and a decimal field as the API writes it (a string). */
public final class Answers {

    private Answers() {}

    /** The body of a 200 answer; anything else fails with the answer as it came. */
    public static JsonNode ok(Http.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body();
    }

    /** The decimal {@code field} of {@code node}, which must be present; null where the answer says null. */
    public static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        assertThat(value).as(field + " in " + node).isNotNull();
        return value.isNull() ? null : new BigDecimal(value.asString());
    }
}
