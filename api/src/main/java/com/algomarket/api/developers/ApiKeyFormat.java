package com.algomarket.api.developers;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An algorithm API key: {@code ak_<lookup prefix>_<secret>}. The prefix (12 random characters) is stored in clear to
 * find the key's row; the secret (32 random bytes) makes the key unguessable; the whole key is stored only as its hash.
 */
record ApiKeyFormat(String lookupPrefix, String key) {

    static final String PREFIX = "ak_";
    private static final int LOOKUP_BYTES = 9; // 12 base64 characters
    private static final int SECRET_BYTES = 32;
    private static final Pattern SHAPE = Pattern.compile("ak_([A-Za-z0-9_-]{12})_([A-Za-z0-9_-]{43})");

    static ApiKeyFormat generate() {
        String lookupPrefix = Secrets.random(LOOKUP_BYTES);
        return new ApiKeyFormat(lookupPrefix, PREFIX + lookupPrefix + "_" + Secrets.random(SECRET_BYTES));
    }

    /** The key as presented, if it has a key's shape; anything else is no key of ours. */
    static Optional<ApiKeyFormat> parse(String presented) {
        Matcher matcher = SHAPE.matcher(presented);
        return matcher.matches() ? Optional.of(new ApiKeyFormat(matcher.group(1), presented)) : Optional.empty();
    }

    String hash() {
        return Secrets.sha256(key);
    }
}
