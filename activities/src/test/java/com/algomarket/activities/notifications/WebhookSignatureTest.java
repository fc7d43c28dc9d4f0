package com.algomarket.activities.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The signature header, against a value computed apart from the code (`openssl dgst -sha256 -hmac`). */
class WebhookSignatureTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String BODY = "{\"id\":\"e-1\",\"type\":\"order.filled\"}";

    @Test
    void givenSecretTimeAndBody_whenSigned_thenTheHmacOfTimeDotBodyAsApiMdSays() {
        // printf '%s' '1700000000.{"id":"e-1","type":"order.filled"}' | openssl dgst -sha256 -hmac "$SECRET"
        assertThat(WebhookSignature.header(SECRET, 1_700_000_000L, BODY))
                .isEqualTo("t=1700000000,v1=d62fb9b890a9174cf91a816e630f1c413d82d521e98bb24b81b6f8929eda21b3");
    }

    @Test
    void givenAnotherTimeBodyOrSecret_whenSigned_thenAnotherSignature() {
        String signed = WebhookSignature.v1(SECRET, 1_700_000_000L, BODY);

        assertThat(WebhookSignature.v1(SECRET, 1_700_000_001L, BODY)).isNotEqualTo(signed);
        assertThat(WebhookSignature.v1(SECRET, 1_700_000_000L, BODY + " ")).isNotEqualTo(signed);
        assertThat(WebhookSignature.v1(SECRET + "x", 1_700_000_000L, BODY)).isNotEqualTo(signed);
    }
}
