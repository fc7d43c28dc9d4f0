package com.algomarket.db.developers;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What authenticating a presented key needs: its hash to compare, whether it still holds, and the developer who owns
 * its algorithm (a key acts for that developer, on that algorithm only).
 */
public record StoredApiKey(
        UUID id,
        UUID algorithmId,
        UUID developerId,
        String keyHash,
        OffsetDateTime expiresAt,
        OffsetDateTime revokedAt,
        OffsetDateTime lastUsedAt) {}
