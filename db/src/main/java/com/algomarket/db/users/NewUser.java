package com.algomarket.db.users;

import com.algomarket.workflows.users.UserRole;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A user as registration creates it; {@code email} is already normalised and {@code passwordHash} already hashed. */
public record NewUser(
        UUID id,
        String email,
        String username,
        String passwordHash,
        UserRole role,
        String notificationsJson,
        OffsetDateTime termsAcceptedAt) {}
