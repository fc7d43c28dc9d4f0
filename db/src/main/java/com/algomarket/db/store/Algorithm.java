package com.algomarket.db.store;

import com.algomarket.workflows.store.AlgorithmStatus;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** An algorithm in the store; {@code seatsTotal} null means unlimited seats. */
public record Algorithm(
        UUID id,
        UUID developerId,
        String name,
        String description,
        List<String> exchanges,
        String quoteCurrency,
        List<String> symbols,
        BigDecimal priceAmount,
        String priceCurrency,
        int periodDays,
        Integer seatsTotal,
        int seatsTaken,
        AlgorithmStatus status,
        OffsetDateTime createdAt) {

    public Integer seatsAvailable() {
        return seatsTotal == null ? null : Math.max(0, seatsTotal - seatsTaken);
    }
}
