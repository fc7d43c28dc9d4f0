package com.algomarket.workflows.connections;

/** Why a key could not be checked. */
public enum KeyCheckFailure {
    /** The exchange did not accept the key (AUTH or REJECTED): the user must fix it. */
    INVALID_CREDENTIALS,
    /** The exchange could not answer now (down, rate limited, timed out): trying again later may work. */
    EXCHANGE_UNAVAILABLE,
    /** This server has no gateway for the exchange. */
    EXCHANGE_NOT_CONFIGURED
}
