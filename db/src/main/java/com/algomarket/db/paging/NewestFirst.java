package com.algomarket.db.paging;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.impl.DSL;

/**
 * Keyset paging of rows newest first, rows created in the same instant by id: a page goes on after the creation time
 * and id of the previous page's last row, so that rows added meanwhile neither repeat nor skip a row, as an offset
 * would.
 *
 * @param createdAt the rows' creation time
 * @param id the rows' id, which orders rows of the same creation time
 */
public record NewestFirst(Field<OffsetDateTime> createdAt, Field<UUID> id) {

    /** The rows after the position {@code (afterCreatedAt, afterId)}; every row when {@code afterCreatedAt} is null. */
    public Condition after(OffsetDateTime afterCreatedAt, UUID afterId) {
        if (afterCreatedAt == null) {
            return DSL.noCondition();
        }
        return createdAt.lt(afterCreatedAt).or(createdAt.eq(afterCreatedAt).and(id.gt(afterId)));
    }

    /** The order of the pages: newest first, then by id. */
    public List<SortField<?>> order() {
        return List.of(createdAt.desc(), id.asc());
    }
}
