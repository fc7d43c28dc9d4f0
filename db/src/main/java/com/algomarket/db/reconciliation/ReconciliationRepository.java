package com.algomarket.db.reconciliation;

import static com.algomarket.db.jooq.Tables.RECONCILIATION_RUNS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** What each reconciliation run compared and found, for operators and the next run (which starts where it ended). */
@Repository
@RequiredArgsConstructor
public class ReconciliationRepository {

    private final DSLContext dsl;

    public record Run(
            UUID id,
            UUID connectionId,
            OffsetDateTime startedAt,
            OffsetDateTime finishedAt,
            int openOrders,
            int fillsImported,
            int adopted,
            int resolved,
            int manualOrders,
            List<String> mismatches) {}

    public void insert(Run run) {
        dsl.insertInto(RECONCILIATION_RUNS)
                .set(RECONCILIATION_RUNS.ID, run.id())
                .set(RECONCILIATION_RUNS.CONNECTION_ID, run.connectionId())
                .set(RECONCILIATION_RUNS.STARTED_AT, run.startedAt())
                .set(RECONCILIATION_RUNS.FINISHED_AT, run.finishedAt())
                .set(RECONCILIATION_RUNS.OPEN_ORDERS, run.openOrders())
                .set(RECONCILIATION_RUNS.FILLS_IMPORTED, run.fillsImported())
                .set(RECONCILIATION_RUNS.ADOPTED, run.adopted())
                .set(RECONCILIATION_RUNS.RESOLVED, run.resolved())
                .set(RECONCILIATION_RUNS.MANUAL_ORDERS, run.manualOrders())
                .set(RECONCILIATION_RUNS.MISMATCHES, run.mismatches().size())
                .set(
                        RECONCILIATION_RUNS.DETAILS,
                        DSL.jsonbObject(DSL.key("mismatches")
                                .value(DSL.jsonbArray(
                                        run.mismatches().stream().map(DSL::val).toList()))))
                .execute();
    }

    /** When the connection's last run started: the next run reads fills from a little before it. */
    public Optional<OffsetDateTime> lastStart(UUID connectionId) {
        return dsl.select(DSL.max(RECONCILIATION_RUNS.STARTED_AT))
                .from(RECONCILIATION_RUNS)
                .where(RECONCILIATION_RUNS.CONNECTION_ID.eq(connectionId))
                .fetchOptional(0, OffsetDateTime.class);
    }
}
