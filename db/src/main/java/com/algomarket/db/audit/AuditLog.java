package com.algomarket.db.audit;

import static com.algomarket.db.jooq.Tables.AUDIT_LOG;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.JSONEntry;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Appends to the audit log. The table refuses updates and deletes, so there is nothing else to offer. */
@Repository
@RequiredArgsConstructor
public class AuditLog {

    private final DSLContext dsl;

    /** {@code detailsJson} must never contain secrets: the audit log is read by operators. */
    public void append(String actor, String entityType, String entityId, String action, String detailsJson) {
        insert(actor, entityType, entityId, action, DSL.val(JSONB.valueOf(detailsJson)));
    }

    /**
     * Appends with details as a JSON object of the given values (as text; null values are left out), built by the
     * database so that no value can break the JSON.
     */
    public void append(String actor, String entityType, String entityId, String action, Map<String, ?> details) {
        List<JSONEntry<?>> entries = new ArrayList<>();
        details.forEach((key, value) -> {
            if (value != null) {
                entries.add(DSL.key(key).value(DSL.val(value.toString())));
            }
        });
        insert(actor, entityType, entityId, action, DSL.jsonbObject(entries));
    }

    private void insert(String actor, String entityType, String entityId, String action, Field<JSONB> details) {
        dsl.insertInto(AUDIT_LOG)
                .set(AUDIT_LOG.ACTOR, actor)
                .set(AUDIT_LOG.ENTITY_TYPE, entityType)
                .set(AUDIT_LOG.ENTITY_ID, entityId)
                .set(AUDIT_LOG.ACTION, action)
                .set(AUDIT_LOG.DETAILS, details)
                .execute();
    }
}
