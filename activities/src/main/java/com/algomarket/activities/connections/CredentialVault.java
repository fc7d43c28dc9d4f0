package com.algomarket.activities.connections;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.db.connections.ConnectionRepository;
import com.algomarket.db.connections.EncryptedCredentials;
import com.algomarket.workflows.exchange.Exchange;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.NoSuchElementException;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The only place where exchange credentials are encrypted and decrypted. Workflows and REST answers carry connection
 * ids; activities call {@link #open} at the moment they talk to the exchange and keep the plaintext only for that call.
 */
public class CredentialVault {

    static final String API_KEY = "api_key";
    static final String API_SECRET = "api_secret";
    static final String PASSPHRASE = "passphrase";

    private final CredentialCipher cipher;
    private final ConnectionRepository connections;
    private final byte[] fingerprintKey;

    public CredentialVault(CredentialCipher cipher, String masterKeysetJson, ConnectionRepository connections) {
        this.cipher = cipher;
        this.connections = connections;
        // A keyed hash, so that the stored fingerprint of a low-entropy key cannot be brute-forced offline without
        // the master keyset. It changes when the keyset rotates; it only serves to spot the same key connected twice.
        this.fingerprintKey = sha256("algomarket/key-fingerprint/" + masterKeysetJson);
    }

    public EncryptedCredentials seal(UUID connectionId, Exchange exchange, ApiCredentials credentials) {
        return new EncryptedCredentials(
                exchange,
                cipher.encrypt(credentials.apiKey(), connectionId, API_KEY),
                cipher.encrypt(credentials.secret(), connectionId, API_SECRET),
                credentials.passphrase() == null
                        ? null
                        : cipher.encrypt(credentials.passphrase(), connectionId, PASSPHRASE));
    }

    /** The decrypted credentials of a (not deleted) connection. */
    public ApiCredentials open(UUID connectionId) {
        EncryptedCredentials sealed = connections
                .findCredentials(connectionId)
                .orElseThrow(() -> new NoSuchElementException("No connection " + connectionId));
        return new ApiCredentials(
                cipher.decrypt(sealed.apiKey(), connectionId, API_KEY),
                cipher.decrypt(sealed.apiSecret(), connectionId, API_SECRET),
                sealed.passphrase() == null ? null : cipher.decrypt(sealed.passphrase(), connectionId, PASSPHRASE));
    }

    public String fingerprint(Exchange exchange, String apiKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(fingerprintKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((exchange + "/" + apiKey).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
