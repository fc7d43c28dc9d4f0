package com.algomarket.db.developers;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An algorithm's API key as listed to its owner: never the key itself, which only its hash remembers. */
public record ApiKey(
        UUID id,
        UUID algorithmId,
        String name,
        OffsetDateTime createdAt,
        OffsetDateTime expiresAt,
        OffsetDateTime lastUsedAt) {}
