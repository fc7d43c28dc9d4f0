package com.algomarket.api.security;

import com.algomarket.api.Roles;
import com.algomarket.db.connections.EncryptedCredentials;
import com.algomarket.db.connections.KeyFingerprints;
import com.algomarket.db.notifications.WebhookSecrets;
import com.algomarket.workflows.exchange.Exchange;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyTemplates;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.hybrid.HybridConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * The API node's keys. It seals new exchange credentials with the credentials PUBLIC keyset
 * ({@code algomarket.credentials.public-keyset}, Tink hybrid encryption): it can store a key but never open one,
 * because only workers hold the private keyset (activities' CredentialCipher). It fingerprints keys with the
 * fingerprint key ({@link KeyFingerprints}), digests idempotent request bodies with a key derived from it, and encrypts and decrypts its own stored idempotent answers with a
 * symmetric keyset of its own ({@code algomarket.api.data-keyset}), which opens no credential. Only API nodes have
 * it: a worker-only node needs neither the public keyset nor the API data keyset.
 *
 * <p>The ciphertexts are exactly the worker's: marked as hybrid ({@link EncryptedCredentials#markHybrid}) and bound to
 * {@code exchange_connections/<id>/<column>} (Tink's context info).
 */
@Component
@ConditionalOnBooleanProperty(Roles.API_PROPERTY)
public class MasterKeys {

    /** HPKE with X25519, HKDF-SHA256 and AES-256-GCM. */
    static final String CREDENTIALS_TEMPLATE = "DHKEM_X25519_HKDF_SHA256_HKDF_SHA256_AES_256_GCM";

    private static final String HMAC = "HmacSHA256";
    private static final byte[] REQUEST_DIGEST_LABEL =
            "algomarket/idempotent_requests/request_hash/v1".getBytes(StandardCharsets.UTF_8);

    private final HybridEncrypt credentials;
    private final Aead own;
    private final KeyFingerprints fingerprints;
    private final SecretKeySpec requestDigestKey;

    public MasterKeys(
            @Value("${algomarket.credentials.public-keyset:}") String credentialsPublicKeyset,
            @Value("${algomarket.api.data-keyset:}") String dataKeyset,
            @Value("${algomarket.credentials.fingerprint-key:}") String fingerprintKey) {
        require(credentialsPublicKeyset, "algomarket.credentials.public-keyset (CREDENTIALS_PUBLIC_KEYSET)");
        require(dataKeyset, "algomarket.api.data-keyset (API_DATA_KEYSET)");
        try {
            register();
            this.credentials = TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(credentialsPublicKeyset)
                    .getPrimitive(RegistryConfiguration.get(), HybridEncrypt.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "The credentials public keyset is not a Tink JSON public hybrid keyset "
                            + "(`tinkey create-public-keyset`); an API node must not be given the private one",
                    e);
        }
        try {
            this.own = TinkJsonProtoKeysetFormat.parseKeyset(dataKeyset, InsecureSecretKeyAccess.get())
                    .getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("The API data keyset is not a valid Tink JSON AEAD keyset", e);
        }
        this.fingerprints = KeyFingerprints.fromBase64Key(fingerprintKey);
        // A key of its own for request digests, derived from the fingerprint key
        // rather than one more secret to deploy; the label keeps the two uses' outputs apart.
        this.requestDigestKey =
                new SecretKeySpec(hmac(KeyFingerprints.key(fingerprintKey), REQUEST_DIGEST_LABEL), HMAC);
    }

    /** A new keyset with one AES-256-GCM key, in Tink's JSON format: for the embedded default and tests. */
    public static String newJsonKeyset() {
        try {
            register();
            return TinkJsonProtoKeysetFormat.serializeKeyset(
                    KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not generate a keyset", e);
        }
    }

    /** A new credentials private keyset (workers), in Tink's JSON format: for the embedded default and tests. */
    public static String newCredentialsPrivateKeyset() {
        try {
            register();
            return TinkJsonProtoKeysetFormat.serializeKeyset(
                    KeysetHandle.generateNew(KeyTemplates.get(CREDENTIALS_TEMPLATE)), InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not generate a keyset", e);
        }
    }

    /** The public keyset (API nodes) of a credentials private keyset, as {@code tinkey create-public-keyset}. */
    public static String credentialsPublicKeysetOf(String privateKeyset) {
        try {
            register();
            return TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(
                    TinkJsonProtoKeysetFormat.parseKeyset(privateKeyset, InsecureSecretKeyAccess.get())
                            .getPublicKeysetHandle());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not a Tink JSON private hybrid keyset", e);
        }
    }

    /** A new connection's credentials, each sealed with the public key and bound to the connection and its column. */
    public EncryptedCredentials seal(
            UUID connectionId, Exchange exchange, String apiKey, String apiSecret, String passphrase) {
        return new EncryptedCredentials(
                exchange,
                seal(apiKey, connectionId, EncryptedCredentials.API_KEY_COLUMN),
                seal(apiSecret, connectionId, EncryptedCredentials.API_SECRET_COLUMN),
                passphrase == null ? null : seal(passphrase, connectionId, EncryptedCredentials.PASSPHRASE_COLUMN));
    }

    /** A webhook's signing secret, sealed with the credentials public key for its endpoint: only workers open it. */
    public byte[] sealWebhookSecret(String secret, UUID endpointId) {
        return WebhookSecrets.seal(credentials::encrypt, secret, endpointId);
    }

    /** Spots the same key connected twice without storing it. */
    public String fingerprint(Exchange exchange, String apiKey) {
        return fingerprints.of(exchange, apiKey);
    }

    /**
     * A keyed digest (HMAC-SHA256, hex) of a request body stored to recognise its retry, bound to {@code context}
     * (where it is stored). Unlike a plain hash, a database backup alone cannot confirm a guessed body, such as a
     * password.
     */
    public String requestDigest(byte[] body, String context) {
        byte[] contextBytes = context.getBytes(StandardCharsets.UTF_8);
        byte[] message = ByteBuffer.allocate(Integer.BYTES + contextBytes.length + body.length)
                .putInt(contextBytes.length)
                .put(contextBytes)
                .put(body)
                .array();
        return HexFormat.of().formatHex(hmac(requestDigestKey, message));
    }

    /** Encrypts the API's own data at rest (not credentials), bound to {@code context} (where it is stored). */
    public byte[] encrypt(String plaintext, String context) {
        try {
            return own.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), context.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    public String decrypt(byte[] ciphertext, String context) {
        try {
            return new String(
                    own.decrypt(ciphertext, context.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // Never include the ciphertext or anything derived from it in the message.
            throw new IllegalStateException(
                    "Could not decrypt " + context + ": wrong API data keyset, or the row was tampered with", e);
        }
    }

    private byte[] seal(String plaintext, UUID connectionId, String column) {
        return EncryptedCredentials.seal(credentials::encrypt, plaintext, connectionId, column);
    }

    private static byte[] hmac(SecretKeySpec key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has " + HMAC, e);
        }
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set; see README \"Security model\".");
        }
    }

    private static void register() throws GeneralSecurityException {
        AeadConfig.register();
        HybridConfig.register();
    }
}
