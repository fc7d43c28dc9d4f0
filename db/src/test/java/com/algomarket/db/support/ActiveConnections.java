package com.algomarket.db.support;

import com.algomarket.db.connections.Connection;
import com.algomarket.workflows.connections.ConnectionStatus;
import com.algomarket.workflows.exchange.Exchange;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Exchange connections as tests of every module store them or find them stored: active, keys that may not withdraw. */
public final class ActiveConnections {

    private ActiveConnections() {}

    /** An active PAPER connection of {@code userId} named {@code name} whose key may read and trade but not withdraw. */
    public static Connection paper(UUID id, UUID userId, String name) {
        return active(id, userId, Exchange.PAPER, name);
    }

    /** An active connection to {@code exchange} whose key may read and trade but not withdraw, created now. */
    public static Connection active(UUID id, UUID userId, Exchange exchange, String name) {
        return new Connection(
                id, userId, exchange, name, true, true, false, ConnectionStatus.ACTIVE, null, OffsetDateTime.now());
    }
}
