package com.algomarket.db.developers;

import static com.algomarket.db.jooq.Tables.ALGORITHMS;
import static com.algomarket.db.jooq.Tables.PURCHASES;

import com.algomarket.workflows.purchases.PurchaseStatus;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** A developer's sales, read from the purchases of their algorithms. */
@Repository
@RequiredArgsConstructor
public class SalesRepository {

    private final DSLContext dsl;

    /**
     * Per algorithm of the developer and currency: paid purchases, their gross amount and what went back to buyers. A
     * purchase was paid when it was activated (it has a start); what went back is what the Stripe webhook recorded of
     * it (refunds, partial ones included, and lost disputes).
     */
    public List<SalesLine> sales(UUID developerId) {
        return dsl.select(
                        ALGORITHMS.ID,
                        ALGORITHMS.NAME,
                        ALGORITHMS.SEATS_TAKEN,
                        ALGORITHMS.SEATS_TOTAL,
                        PURCHASES.CURRENCY,
                        DSL.count(PURCHASES.ID),
                        DSL.count(PURCHASES.ID).filterWhere(PURCHASES.STATUS.eq(PurchaseStatus.ACTIVE)),
                        DSL.coalesce(DSL.sum(PURCHASES.AMOUNT), BigDecimal.ZERO),
                        DSL.coalesce(DSL.sum(PURCHASES.REFUNDED_AMOUNT), BigDecimal.ZERO))
                .from(ALGORITHMS)
                .leftJoin(PURCHASES)
                .on(PURCHASES.ALGORITHM_ID.eq(ALGORITHMS.ID).and(PURCHASES.STARTS_AT.isNotNull()))
                .where(ALGORITHMS.DEVELOPER_ID.eq(developerId))
                .groupBy(
                        ALGORITHMS.ID,
                        ALGORITHMS.NAME,
                        ALGORITHMS.SEATS_TAKEN,
                        ALGORITHMS.SEATS_TOTAL,
                        ALGORITHMS.CREATED_AT,
                        PURCHASES.CURRENCY)
                .orderBy(ALGORITHMS.CREATED_AT, ALGORITHMS.ID, PURCHASES.CURRENCY)
                .fetch(Records.mapping(SalesLine::new));
    }
}
