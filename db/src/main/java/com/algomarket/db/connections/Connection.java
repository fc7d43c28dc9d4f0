package com.algomarket.db.connections;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An exchange connection without its credentials; {@code canWithdraw} is null where the exchange does not say. */
public record Connection(
        UUID id,
        UUID userId,
        String exchange,
        String name,
        boolean canRead,
        boolean canTrade,
        Boolean canWithdraw,
        String status,
        String statusReason,
        OffsetDateTime createdAt) {}
