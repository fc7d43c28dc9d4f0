package com.algomarket.db.users;

import java.util.UUID;

/** The user fields the application reads; the password hash stays in the database layer. */
public record User(UUID id, String email, String username, String role, String status) {}
