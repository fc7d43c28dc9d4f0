package com.algomarket.activities.reconciliation;

import com.algomarket.db.reconciliation.ReconciliationRepository;
import com.algomarket.workflows.reconciliation.ReconciliationResult;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What one reconciliation run of a connection counted, and the mismatches it found per portfolio. */
final class ReconciliationTally {

    int openOrders;
    int fillsImported;
    int adopted;
    int resolved;
    int manualOrders;
    final Map<UUID, List<String>> mismatchesByPortfolio = new LinkedHashMap<>();

    void mismatch(UUID portfolioId, String what) {
        mismatchesByPortfolio
                .computeIfAbsent(portfolioId, id -> new ArrayList<>())
                .add(what);
    }

    /** The run as the database records it. */
    ReconciliationRepository.Run run(
            UUID runId,
            UUID connectionId,
            OffsetDateTime startedAt,
            OffsetDateTime finishedAt,
            List<String> mismatches) {
        return new ReconciliationRepository.Run(
                runId,
                connectionId,
                startedAt,
                finishedAt,
                openOrders,
                fillsImported,
                adopted,
                resolved,
                manualOrders,
                mismatches);
    }

    /** The run as the reconciliation workflow reads it, with whether the account stream was connected at its end. */
    ReconciliationResult result(
            UUID runId, OffsetDateTime finishedAt, List<String> mismatches, boolean streamConnected) {
        return new ReconciliationResult(
                runId.toString(),
                finishedAt.toInstant().toEpochMilli(),
                openOrders,
                fillsImported,
                adopted,
                resolved,
                manualOrders,
                mismatches,
                false,
                streamConnected);
    }
}
