package com.algomarket.activities.support;

import com.algomarket.db.connections.Connection;
import com.algomarket.workflows.connections.ConnectionStatus;
import com.algomarket.workflows.exchange.Exchange;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Connections to the paper venue as the activities' tests find them stored. */
public final class PaperConnections {

    private PaperConnections() {}

    /** An active connection of {@code userId} named {@code name} whose key may read and trade but not withdraw. */
    public static Connection active(UUID id, UUID userId, String name) {
        return new Connection(
                id,
                userId,
                Exchange.PAPER,
                name,
                true,
                true,
                false,
                ConnectionStatus.ACTIVE,
                null,
                OffsetDateTime.now());
    }
}
