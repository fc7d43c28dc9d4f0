package com.algomarket.db.users;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A user as registration creates it; {@code email} is already normalised and {@code passwordHash} already hashed. */
public record NewUser(
        UUID id,
        String email,
        String username,
        String passwordHash,
        String role,
        String notificationsJson,
        OffsetDateTime termsAcceptedAt) {}
