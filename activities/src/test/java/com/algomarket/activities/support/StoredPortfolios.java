package com.algomarket.activities.support;

import com.algomarket.db.portfolios.Portfolio;
import com.algomarket.workflows.portfolios.PortfolioStatus;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Portfolios as the activities' tests find them stored: in EUR, of a purchase and algorithm nobody looks at. */
public final class StoredPortfolios {

    private StoredPortfolios() {}

    /** A portfolio of {@code size} EUR on the connection, in {@code status} for {@code statusReason} (or none). */
    public static Portfolio portfolio(
            UUID id, UUID userId, UUID connectionId, String size, PortfolioStatus status, String statusReason) {
        return new Portfolio(
                id,
                userId,
                UUID.randomUUID(),
                connectionId,
                UUID.randomUUID(),
                new BigDecimal(size),
                "EUR",
                status,
                statusReason,
                true,
                OffsetDateTime.now());
    }
}
