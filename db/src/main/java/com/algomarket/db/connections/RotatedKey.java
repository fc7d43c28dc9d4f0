package com.algomarket.db.connections;

/**
 * A connection's new key, sealed for the connection, with what the exchange said of it at the check: its
 * fingerprint, its permissions and the exchange's account identifier (null where the exchange names none).
 */
public record RotatedKey(
        EncryptedCredentials sealed,
        String keyFingerprint,
        boolean canRead,
        boolean canTrade,
        Boolean canWithdraw,
        String exchangeAccountId) {

    @Override
    public String toString() {
        return "RotatedKey[canRead=" + canRead + ", canTrade=" + canTrade + ", canWithdraw=" + canWithdraw + "]";
    }
}
