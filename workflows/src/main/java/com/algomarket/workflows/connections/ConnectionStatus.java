package com.algomarket.workflows.connections;

/** An exchange connection's status; the names are those of the REST contract and the database. */
public enum ConnectionStatus {
    ACTIVE,
    PAUSED,
    REVOKED,
    DELETED
}
