package com.algomarket.api.connections;

import com.algomarket.db.connections.ConnectionRepository;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * What a worker does for every connection when it starts (its reconciliation, its account stream): one connection
 * that cannot be reached is logged and skipped, so that it does not keep the others waiting.
 */
public final class EveryConnection {

    private EveryConnection() {}

    /**
     * Runs {@code action} for each connection not deleted; a failure is logged on {@code log} as "Could not
     * {@code what} of connection ...". Answers how many succeeded.
     */
    public static int forEach(ConnectionRepository connections, Consumer<UUID> action, Logger log, String what) {
        int done = 0;
        for (UUID connectionId : connections.idsNotDeleted()) {
            try {
                action.accept(connectionId);
                done++;
            } catch (RuntimeException e) {
                log.warn("Could not {} of connection {}: {}", what, connectionId, e.getMessage());
            }
        }
        return done;
    }
}
