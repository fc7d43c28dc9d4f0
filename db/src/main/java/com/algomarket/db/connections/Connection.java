package com.algomarket.db.connections;

import com.algomarket.workflows.connections.ConnectionStatus;
import com.algomarket.workflows.connections.KeyPermissions;
import com.algomarket.workflows.exchange.Exchange;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An exchange connection without its credentials, with what its key may do as the exchange said at the check. */
public record Connection(
        UUID id,
        UUID userId,
        Exchange exchange,
        String name,
        KeyPermissions permissions,
        ConnectionStatus status,
        String statusReason,
        OffsetDateTime createdAt) {}
