package com.algomarket.db.users;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The two secrets of a verification email: a 6-digit code to type and a token for the link. Only their SHA-256
 * hashes are stored. The code hash is salted with the verification id; a 6-digit code could still be brute-forced
 * from a stolen hash, which is why codes expire and verification attempts are limited.
 */
public record VerificationSecrets(String code, String token) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static VerificationSecrets generate() {
        String code = "%06d".formatted(RANDOM.nextInt(1_000_000));
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        return new VerificationSecrets(
                code, Base64.getUrlEncoder().withoutPadding().encodeToString(token));
    }

    public static String hashCode(UUID verificationId, String code) {
        return sha256(verificationId + ":" + code);
    }

    public static String hashToken(String token) {
        return sha256(token);
    }

    /**
     * Hex SHA-256 of a secret's text: how every secret stored only as its hash is kept (verification tokens here,
     * developers' API keys and hook tokens in the api).
     */
    public static String sha256(String value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
