package com.algomarket.workflows.reconciliation;

import java.util.List;

/**
 * What one comparison found: the exchange's open orders, fills imported that the database did not have, our orders
 * the database had lost and adopted, database orders the exchange no longer lists and that were resolved through their
 * final state, the user's own manual orders (left alone, reported), and mismatches nothing explains (each pauses its
 * portfolio). {@code connectionGone}: the connection was deleted; the workflow ends. {@code streamConnected}: the
 * connection's account stream (a WebSocket stream, not a polled exchange's reads) was connected when the comparison
 * ended, as the database says across workers; false in results recorded before it existed.
 */
public record ReconciliationResult(
        String runId,
        long finishedAtEpochMillis,
        int openOrders,
        int fillsImported,
        int adopted,
        int resolved,
        int manualOrders,
        List<String> mismatches,
        boolean connectionGone,
        boolean streamConnected) {}
