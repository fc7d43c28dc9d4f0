package com.algomarket.db.connections;

import com.algomarket.db.secrets.HmacKeys;
import com.algomarket.workflows.exchange.Exchange;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The stored fingerprint of an exchange API key: HMAC-SHA256 under the fingerprint key
 * ({@code algomarket.credentials.fingerprint-key}, {@code CREDENTIALS_FINGERPRINT_KEY}, base64 of at least 32
 * bytes), so that the same key connected twice is spotted without storing the key, and a low-entropy key cannot be
 * brute-forced from a database backup without that key. API nodes fingerprint new keys; the worker's re-encryption of
 * old rows fingerprints their keys again.
 */
public final class KeyFingerprints {

    private final SecretKeySpec key;

    private KeyFingerprints(SecretKeySpec key) {
        this.key = key;
    }

    public static KeyFingerprints fromBase64Key(String base64Key) {
        return new KeyFingerprints(key(base64Key));
    }

    /** The fingerprint key itself, checked: for a key of another use derived from it (the API's request digests). */
    public static SecretKeySpec key(String base64Key) {
        return HmacKeys.fromBase64(base64Key, "algomarket.credentials.fingerprint-key", "CREDENTIALS_FINGERPRINT_KEY");
    }

    public String of(Exchange exchange, String apiKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal((exchange + "/" + apiKey).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}
