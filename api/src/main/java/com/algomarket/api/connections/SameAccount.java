package com.algomarket.api.connections;

/**
 * Whether a rotated key belongs to the connection's exchange account, from the exchange's account identifiers: the one
 * recorded for the connection (or, for a connection made before they were recorded, what its old key still answers)
 * and the new key's. Exchanges whose API names no account (see ExchangeGateway#accountId) cannot be checked.
 */
enum SameAccount {
    /** Both keys name the same account. */
    SAME,
    /** The new key names another account: refused. */
    OTHER,
    /** The connection's account is known, or the new key names one, but the two cannot be compared: refused. */
    UNVERIFIABLE,
    /** The exchange names no account for either key: accepted on its permissions, and the answer says so. */
    NOT_NAMED;

    static SameAccount of(String connectionAccount, String newKeyAccount) {
        if (connectionAccount == null && newKeyAccount == null) {
            return NOT_NAMED;
        }
        if (connectionAccount == null || newKeyAccount == null) {
            return UNVERIFIABLE;
        }
        return connectionAccount.equals(newKeyAccount) ? SAME : OTHER;
    }

    boolean accepted() {
        return this == SAME || this == NOT_NAMED;
    }
}
