package com.algomarket.activities.exchange;

/**
 * A decrypted exchange key. Lives only in memory inside activities; never in workflow inputs, logs or responses.
 * {@code passphrase} is for KuCoin (null elsewhere); for Coinbase {@code apiKey} is the CDP key name and
 * {@code secret} its EC private key in PEM.
 */
public record ApiCredentials(String apiKey, String secret, String passphrase) {

    @Override
    public String toString() {
        return "ApiCredentials[apiKey=" + fingerprint() + "…, secret=***]";
    }

    /** Identifies the key (per-key rate limits, logs) by a hash: it cannot be turned back into the key. */
    public String keyId() {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(apiKey).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The first characters of the key only: enough to tell keys apart in a log, not to use one. */
    public String fingerprint() {
        return apiKey == null ? "null" : apiKey.substring(0, Math.min(6, apiKey.length()));
    }
}
