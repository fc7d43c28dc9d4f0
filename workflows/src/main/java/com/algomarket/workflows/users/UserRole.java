package com.algomarket.workflows.users;

/** A user's role; the names are those of the REST contract, the database and the access token's role claim. */
public enum UserRole {
    USER,
    DEVELOPER
}
