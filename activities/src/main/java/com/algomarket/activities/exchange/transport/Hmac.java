package com.algomarket.activities.exchange.transport;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256, which most venues sign their requests with (and the paper venue checks them with). */
public final class Hmac {

    private static final String SHA256 = "HmacSHA256";

    private Hmac() {}

    /** The HMAC-SHA256 of {@code parts}, in order, keyed with {@code key}. */
    public static byte[] sha256(byte[] key, byte[]... parts) {
        return mac(SHA256, key, parts);
    }

    /**
     * The HMAC of {@code parts}, in order, keyed with {@code key}, by {@code algorithm}: a JCA name that every JDK
     * implements, e.g. {@code HmacSHA256} or {@code HmacSHA512}.
     */
    public static byte[] mac(String algorithm, byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }

    /** The HMAC-SHA256 of {@code payload} keyed with {@code secret} (both UTF-8), as lower-case hex. */
    public static String sha256Hex(String secret, String payload) {
        return HexFormat.of()
                .formatHex(sha256(secret.getBytes(StandardCharsets.UTF_8), payload.getBytes(StandardCharsets.UTF_8)));
    }
}
