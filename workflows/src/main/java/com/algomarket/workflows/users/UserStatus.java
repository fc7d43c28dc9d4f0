package com.algomarket.workflows.users;

/** A user's status; the names are those of the REST contract and the database. */
public enum UserStatus {
    PENDING_VERIFICATION,
    VERIFIED,
    DISABLED
}
