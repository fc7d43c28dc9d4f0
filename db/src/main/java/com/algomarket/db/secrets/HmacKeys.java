package com.algomarket.db.secrets;

import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 keys this system is given in its configuration (the JWT signing key, the key fingerprint key): base64
 * of at least 32 random bytes, or the process refuses to start and says which setting to give.
 */
public final class HmacKeys {

    /** HMAC-SHA256 wants a key at least as long as its output. */
    static final int MIN_BYTES = 32;

    private HmacKeys() {}

    /**
     * The key that {@code base64} holds.
     *
     * @param property the setting it came from, e.g. {@code algomarket.auth.jwt-secret}
     * @param variable the environment variable that sets it, e.g. {@code JWT_SECRET}
     * @throws IllegalStateException when it is not set or holds fewer than 32 bytes
     */
    public static SecretKeySpec fromBase64(String base64, String property, String variable) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalStateException(property + " (" + variable + ") is not set: give base64 of at least "
                    + MIN_BYTES + " random bytes, e.g. `openssl rand -base64 48`.");
        }
        byte[] bytes = Base64.getDecoder().decode(base64.strip());
        if (bytes.length < MIN_BYTES) {
            throw new IllegalStateException(property + " must hold at least " + MIN_BYTES + " bytes for HMAC-SHA256");
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }
}
