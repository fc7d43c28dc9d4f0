package com.algomarket.api.developers;

import com.algomarket.db.users.VerificationSecrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secrets developers hold (API keys, hook tokens): random, shown once, stored as a SHA-256. A fast hash is enough
 * here, unlike for passwords: a slow hash protects a guessable secret against offline guessing, and these carry 256
 * random bits, which no amount of hashing speed makes guessable. A fast hash keeps checking a key on every signal cheap.
 */
final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private Secrets() {}

    /** {@code bytes} random bytes, URL-safe base64 without padding (letters, digits, '-' and '_'). */
    static String random(int bytes) {
        byte[] secret = new byte[bytes];
        RANDOM.nextBytes(secret);
        return URL_SAFE.encodeToString(secret);
    }

    static String sha256(String secret) {
        return VerificationSecrets.sha256(secret);
    }

    /** Compares two hashes in time that does not depend on where they differ. */
    static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
