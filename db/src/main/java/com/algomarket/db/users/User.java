package com.algomarket.db.users;

import com.algomarket.workflows.users.UserRole;
import com.algomarket.workflows.users.UserStatus;
import java.util.UUID;

/** The user fields the application reads; the password hash stays in the database layer. */
public record User(UUID id, String email, String username, UserRole role, UserStatus status) {}
