package com.algomarket.activities.connections;

import com.algomarket.db.connections.EncryptedCredentials;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.hybrid.HybridConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.UUID;

/**
 * Opens exchange API keys, secrets and passphrases stored encrypted: the worker's side of the credentials keys.
 *
 * <p>API nodes seal new credentials with the credentials PUBLIC keyset (Tink hybrid encryption, HPKE with X25519 and
 * AES-256-GCM); only workers hold the PRIVATE keyset ({@code CREDENTIALS_PRIVATE_KEYSET}) that opens them. Rows from
 * before were sealed with the old symmetric master keyset (Tink AES-256-GCM); a worker given that keyset
 * ({@code CREDENTIALS_MASTER_KEYSET}) still opens them, and {@link CredentialReencryption} reseals them with the public
 * key, after which the old keyset can be dropped.
 *
 * <p>A keyset can hold several keys: the primary one encrypts, every key decrypts, and each ciphertext names the key
 * that made it; that is how keys rotate. Each ciphertext is bound to its connection and column (Tink's context info,
 * as the AEAD's associated data before), so a ciphertext copied into another row or column does not decrypt.
 */
public final class CredentialCipher {

    private final HybridDecrypt decrypt;
    private final HybridEncrypt encrypt;
    /** The old symmetric keyset, only while rows sealed with it remain; null otherwise. */
    private final Aead legacy;

    private CredentialCipher(KeysetHandle privateKeyset, KeysetHandle legacyKeyset) throws GeneralSecurityException {
        this.decrypt = privateKeyset.getPrimitive(RegistryConfiguration.get(), HybridDecrypt.class);
        this.encrypt =
                privateKeyset.getPublicKeysetHandle().getPrimitive(RegistryConfiguration.get(), HybridEncrypt.class);
        this.legacy = legacyKeyset == null ? null : legacyKeyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    /**
     * From the private keyset in Tink's JSON format ({@code tinkey create-keyset --key-template
     * DHKEM_X25519_HKDF_SHA256_HKDF_SHA256_AES_256_GCM}) and, while old rows remain, the old symmetric keyset (or null).
     */
    public static CredentialCipher fromJsonKeysets(String privateKeysetJson, String legacyMasterKeysetJson) {
        try {
            register();
            return new CredentialCipher(
                    TinkJsonProtoKeysetFormat.parseKeyset(privateKeysetJson, InsecureSecretKeyAccess.get()),
                    legacyMasterKeysetJson == null || legacyMasterKeysetJson.isBlank()
                            ? null
                            : TinkJsonProtoKeysetFormat.parseKeyset(
                                    legacyMasterKeysetJson, InsecureSecretKeyAccess.get()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("The credentials keysets are not valid Tink JSON keysets", e);
        }
    }

    /** Seals with the public key, exactly as API nodes do (for re-encryption and tests). */
    public byte[] encrypt(String plaintext, UUID connectionId, String column) {
        return EncryptedCredentials.seal(encrypt::encrypt, plaintext, connectionId, column);
    }

    public String decrypt(byte[] ciphertext, UUID connectionId, String column) {
        byte[] context = EncryptedCredentials.context(connectionId, column);
        try {
            if (EncryptedCredentials.isHybrid(ciphertext)) {
                return new String(
                        decrypt.decrypt(EncryptedCredentials.unmarkHybrid(ciphertext), context),
                        StandardCharsets.UTF_8);
            }
            if (legacy == null) {
                throw new IllegalStateException("exchange_connections/" + connectionId + "/" + column + " is still "
                        + "sealed with the old symmetric keyset, and this worker has no CREDENTIALS_MASTER_KEYSET");
            }
            return new String(legacy.decrypt(ciphertext, context), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // Never include the ciphertext or anything derived from it in the message.
            throw new IllegalStateException(
                    "Could not decrypt exchange_connections/" + connectionId + "/" + column
                            + ": wrong credentials keyset, or the row was tampered with",
                    e);
        }
    }

    /**
     * Opens a secret that an API node sealed with the public key for {@code context} (a webhook's signing secret,
     * {@link com.algomarket.db.notifications.WebhookSecrets}); only the hybrid scheme ever sealed those.
     */
    public String open(byte[] sealed, byte[] context) {
        if (!EncryptedCredentials.isHybrid(sealed)) {
            throw new IllegalStateException("Not a secret sealed with the credentials public key");
        }
        try {
            return new String(
                    decrypt.decrypt(EncryptedCredentials.unmarkHybrid(sealed), context), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // Never include the ciphertext or anything derived from it in the message.
            throw new IllegalStateException(
                    "Could not open " + new String(context, StandardCharsets.UTF_8)
                            + ": wrong credentials keyset, or the row was tampered with",
                    e);
        }
    }

    private static void register() throws GeneralSecurityException {
        AeadConfig.register();
        HybridConfig.register();
    }
}
