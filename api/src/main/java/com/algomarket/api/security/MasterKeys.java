package com.algomarket.api.security;

import com.algomarket.db.connections.EncryptedCredentials;
import com.algomarket.workflows.exchange.Exchange;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What the API node does with the master keyset ({@code algomarket.credentials.master-keyset}, a Tink AES-256-GCM
 * keyset): it seals new exchange credentials and fingerprints their keys, and it encrypts and decrypts its own stored
 * idempotent answers. It never opens a stored credential: only the worker does, at the moment of an exchange call.
 *
 * <p>The ciphertexts are exactly the worker's (activities' CredentialCipher and CredentialVault): Tink AEAD with the
 * associated data {@code exchange_connections/<id>/<column>}, and the fingerprint an HMAC keyed by the keyset, so
 * that either side reads what the other wrote.
 */
@Component
public class MasterKeys {

    private static final String API_KEY = "api_key";
    private static final String API_SECRET = "api_secret";
    private static final String PASSPHRASE = "passphrase";

    private final Aead aead;
    private final byte[] fingerprintKey;

    public MasterKeys(@Value("${algomarket.credentials.master-keyset}") String masterKeyset) {
        if (masterKeyset == null || masterKeyset.isBlank()) {
            throw new IllegalStateException("algomarket.credentials.master-keyset (CREDENTIALS_MASTER_KEYSET) is not "
                    + "set: give a Tink AES256_GCM JSON keyset; see README \"Secrets\".");
        }
        try {
            AeadConfig.register();
            this.aead = TinkJsonProtoKeysetFormat.parseKeyset(masterKeyset, InsecureSecretKeyAccess.get())
                    .getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("The master keyset is not a valid Tink JSON AEAD keyset", e);
        }
        // The same derivation as the worker's CredentialVault: a keyed hash, so that the stored fingerprint of a
        // low-entropy key cannot be brute-forced offline without the master keyset.
        this.fingerprintKey = sha256("algomarket/key-fingerprint/" + masterKeyset);
    }

    /** A new keyset with one AES-256-GCM key, in Tink's JSON format: for the embedded default and tests. */
    public static String newJsonKeyset() {
        try {
            AeadConfig.register();
            return TinkJsonProtoKeysetFormat.serializeKeyset(
                    KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not generate a keyset", e);
        }
    }

    /** A new connection's credentials, each bound to the connection and its column. */
    public EncryptedCredentials seal(
            UUID connectionId, Exchange exchange, String apiKey, String apiSecret, String passphrase) {
        return new EncryptedCredentials(
                exchange,
                encrypt(apiKey, connectionContext(connectionId, API_KEY)),
                encrypt(apiSecret, connectionContext(connectionId, API_SECRET)),
                passphrase == null ? null : encrypt(passphrase, connectionContext(connectionId, PASSPHRASE)));
    }

    /** Spots the same key connected twice without storing it; changes when the keyset rotates. */
    public String fingerprint(Exchange exchange, String apiKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(fingerprintKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((exchange + "/" + apiKey).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    /** Encrypts anything else worth keeping secret at rest, bound to {@code context} (where it is stored). */
    public byte[] encrypt(String plaintext, String context) {
        try {
            return aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), context.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    public String decrypt(byte[] ciphertext, String context) {
        try {
            return new String(
                    aead.decrypt(ciphertext, context.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // Never include the ciphertext or anything derived from it in the message.
            throw new IllegalStateException(
                    "Could not decrypt " + context + ": wrong master key, or the row was tampered with", e);
        }
    }

    private static String connectionContext(UUID connectionId, String column) {
        return "exchange_connections/" + connectionId + "/" + column;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
