package com.algomarket.db.connections;

import com.algomarket.workflows.connections.ConnectionStatus;
import com.algomarket.workflows.exchange.Exchange;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An exchange connection without its credentials; {@code canWithdraw} is null where the exchange does not say. */
public record Connection(
        UUID id,
        UUID userId,
        Exchange exchange,
        String name,
        boolean canRead,
        boolean canTrade,
        Boolean canWithdraw,
        ConnectionStatus status,
        String statusReason,
        OffsetDateTime createdAt) {}
