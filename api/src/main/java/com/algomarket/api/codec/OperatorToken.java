package com.algomarket.api.codec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import lombok.extern.slf4j.Slf4j;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The operators' credential ({@code algomarket.operator.token}, {@code OPERATOR_TOKEN}): a bearer token for the
 * endpoints that show what users cannot see, such as decoded workflow payloads. It is not a user's JWT and no user
 * can obtain it. Unset, nothing matches it, so those endpoints answer 401 to everyone.
 */
@Component
@Slf4j
public class OperatorToken {

    /** Shorter tokens could be guessed; {@code openssl rand -base64 32} gives 44 characters. */
    private static final int MINIMUM_LENGTH = 32;

    private final byte[] expectedDigest;

    OperatorToken(@Value("${algomarket.operator.token:}") String token) {
        if (token == null || token.isBlank()) {
            log.warn("algomarket.operator.token (OPERATOR_TOKEN) is not set: the codec endpoints refuse everyone");
            this.expectedDigest = null;
        } else if (token.strip().length() < MINIMUM_LENGTH) {
            throw new IllegalStateException("algomarket.operator.token (OPERATOR_TOKEN) must be at least "
                    + MINIMUM_LENGTH + " characters, e.g. `openssl rand -base64 32`.");
        } else {
            this.expectedDigest = sha256(token.strip());
        }
    }

    /**
     * Whether {@code presented} is the operator token. Both sides are hashed first, so that the comparison takes the
     * same time whatever the presented value's length and content.
     */
    public boolean matches(String presented) {
        if (expectedDigest == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(expectedDigest, sha256(presented));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
