package com.algomarket.db.audit;

import static com.algomarket.db.jooq.Tables.AUDIT_LOG;

import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.stereotype.Repository;

/** Appends to the audit log. The table refuses updates and deletes, so there is nothing else to offer. */
@Repository
public class AuditLog {

    private final DSLContext dsl;

    public AuditLog(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** {@code detailsJson} must never contain secrets: the audit log is read by operators. */
    public void append(String actor, String entityType, String entityId, String action, String detailsJson) {
        dsl.insertInto(AUDIT_LOG)
                .set(AUDIT_LOG.ACTOR, actor)
                .set(AUDIT_LOG.ENTITY_TYPE, entityType)
                .set(AUDIT_LOG.ENTITY_ID, entityId)
                .set(AUDIT_LOG.ACTION, action)
                .set(AUDIT_LOG.DETAILS, JSONB.valueOf(detailsJson))
                .execute();
    }
}
