package com.algomarket.activities.connections;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.UUID;

/**
 * Encrypts exchange API keys, secrets and passphrases at rest with AES-256-GCM (Google Tink).
 *
 * <p>The master key is a Tink keyset. A keyset can hold several keys: the primary one encrypts, every key decrypts,
 * and each ciphertext names the key that made it. That is how the key rotates without downtime: add a new key and
 * make it primary ({@code tinkey rotate-keyset}), deploy, re-encrypt the stored rows, then remove the old key.
 *
 * <p>Each ciphertext is bound to its connection and column (associated data), so a ciphertext copied into another row
 * or column does not decrypt.
 */
public final class CredentialCipher {

    private final Aead aead;

    private CredentialCipher(KeysetHandle keyset) {
        try {
            this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("The master keyset is not an AEAD keyset", e);
        }
    }

    /** From a keyset in Tink's JSON format, as {@code tinkey create-keyset --key-template AES256_GCM} writes it. */
    public static CredentialCipher fromJsonKeyset(String keysetJson) {
        try {
            AeadConfig.register();
            return new CredentialCipher(
                    TinkJsonProtoKeysetFormat.parseKeyset(keysetJson, InsecureSecretKeyAccess.get()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("The master keyset is not a valid Tink JSON keyset", e);
        }
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

    /**
     * The keyset with a new AES-256-GCM key added as primary: new ciphertexts use the new key, old ones still decrypt.
     * The same as {@code tinkey rotate-keyset}.
     */
    public static String rotate(String keysetJson) {
        try {
            AeadConfig.register();
            KeysetHandle current = TinkJsonProtoKeysetFormat.parseKeyset(keysetJson, InsecureSecretKeyAccess.get());
            KeysetHandle rotated = KeysetHandle.newBuilder(current)
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId()
                            .makePrimary())
                    .build();
            return TinkJsonProtoKeysetFormat.serializeKeyset(rotated, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Could not rotate the keyset", e);
        }
    }

    public byte[] encrypt(String plaintext, UUID connectionId, String column) {
        return encrypt(plaintext, "exchange_connections/" + connectionId + "/" + column);
    }

    public String decrypt(byte[] ciphertext, UUID connectionId, String column) {
        return decrypt(ciphertext, "exchange_connections/" + connectionId + "/" + column);
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
}
