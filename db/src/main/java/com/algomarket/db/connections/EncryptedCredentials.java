package com.algomarket.db.connections;

import com.algomarket.workflows.exchange.Exchange;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.UUID;

/** The stored ciphertexts of a connection's key, secret and (KuCoin) passphrase; only activities decrypt them. */
public record EncryptedCredentials(Exchange exchange, byte[] apiKey, byte[] apiSecret, byte[] passphrase) {

    /** The column of exchange_connections each ciphertext is stored in, and bound to ({@link #context}). */
    public static final String API_KEY_COLUMN = "api_key";

    public static final String API_SECRET_COLUMN = "api_secret";
    public static final String PASSPHRASE_COLUMN = "passphrase";

    /**
     * What starts a ciphertext sealed with the credentials public key (Tink hybrid encryption). Ciphertexts from before
     * (Tink AEAD with the old symmetric master keyset) start with Tink's key prefix byte 0x01 instead, so the two
     * schemes cannot be mistaken for each other.
     */
    private static final byte[] HYBRID_PREFIX = "hyb1:".getBytes(StandardCharsets.US_ASCII);

    /**
     * What the ciphertext in {@code column} of connection {@code connectionId} is bound to (Tink's context info), so
     * that one copied into another row or column does not decrypt. API nodes seal and workers open with it: the one
     * definition keeps the two sides in agreement.
     */
    public static byte[] context(UUID connectionId, String column) {
        return ("exchange_connections/" + connectionId + "/" + column).getBytes(StandardCharsets.UTF_8);
    }

    /** A public-key encryption with context info, as Tink's {@code HybridEncrypt#encrypt}; db itself needs no Tink. */
    @FunctionalInterface
    public interface PublicKeyEncryption {
        byte[] encrypt(byte[] plaintext, byte[] contextInfo) throws GeneralSecurityException;
    }

    /**
     * {@code plaintext} sealed for {@code column} of connection {@code connectionId}: encrypted with the credentials
     * public key, bound to the connection and column, and marked as hybrid. API nodes and workers seal alike.
     */
    public static byte[] seal(PublicKeyEncryption publicKey, String plaintext, UUID connectionId, String column) {
        try {
            return markHybrid(
                    publicKey.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), context(connectionId, column)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    /** {@code ciphertext} marked as sealed with the public key. */
    public static byte[] markHybrid(byte[] ciphertext) {
        byte[] marked = Arrays.copyOf(HYBRID_PREFIX, HYBRID_PREFIX.length + ciphertext.length);
        System.arraycopy(ciphertext, 0, marked, HYBRID_PREFIX.length, ciphertext.length);
        return marked;
    }

    public static boolean isHybrid(byte[] stored) {
        return stored != null
                && stored.length > HYBRID_PREFIX.length
                && Arrays.equals(stored, 0, HYBRID_PREFIX.length, HYBRID_PREFIX, 0, HYBRID_PREFIX.length);
    }

    /** The hybrid ciphertext inside a stored value that {@link #isHybrid} says is one. */
    public static byte[] unmarkHybrid(byte[] stored) {
        return Arrays.copyOfRange(stored, HYBRID_PREFIX.length, stored.length);
    }

    /** Whether this row still holds ciphertexts of the old symmetric scheme (a deleted row holds none). */
    public boolean sealedSymmetrically() {
        return apiKey != null && apiKey.length > 0 && !isHybrid(apiKey);
    }
}
