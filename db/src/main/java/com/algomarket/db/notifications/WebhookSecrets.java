package com.algomarket.db.notifications;

import com.algomarket.db.connections.EncryptedCredentials;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.UUID;

/**
 * A webhook's signing secret ({@code whsec_...}) at rest: sealed like an exchange secret, with the credentials public
 * key (API nodes) and opened only by workers, bound to its endpoint so that a ciphertext copied to another row does not
 * open.
 */
public final class WebhookSecrets {

    public static final String PREFIX = "whsec_";

    private WebhookSecrets() {}

    /** What the secret of {@code endpointId} is bound to (Tink's context info). */
    public static byte[] context(UUID endpointId) {
        return ("webhook_endpoints/" + endpointId + "/secret").getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] seal(EncryptedCredentials.PublicKeyEncryption publicKey, String secret, UUID endpointId) {
        try {
            return EncryptedCredentials.markHybrid(
                    publicKey.encrypt(secret.getBytes(StandardCharsets.UTF_8), context(endpointId)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }
}
