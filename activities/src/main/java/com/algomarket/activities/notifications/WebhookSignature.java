package com.algomarket.activities.notifications;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code AlgoMarket-Signature} header of a webhook delivery: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>">}, keyed with the endpoint's whole secret ({@code whsec_...}) as UTF-8 bytes. The time is signed with
 * the body, so a receiver that refuses old timestamps cannot be replayed an old delivery; each attempt signs anew.
 */
public final class WebhookSignature {

    public static final String HEADER = "AlgoMarket-Signature";

    private static final String HMAC = "HmacSHA256";

    private WebhookSignature() {}

    public static String header(String secret, long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + v1(secret, unixSeconds, body);
    }

    /** The hex HMAC-SHA256 of {@code "<t>.<body>"} under the secret. */
    static String v1(String secret, long unixSeconds, String body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
            return HexFormat.of().formatHex(mac.doFinal((unixSeconds + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has " + HMAC, e);
        }
    }
}
