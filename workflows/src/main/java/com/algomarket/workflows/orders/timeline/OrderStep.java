package com.algomarket.workflows.orders.timeline;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of an order's life in plain words, with its facts as strings in {@code details} (quantities, prices, fees,
 * failure kinds, attempts): never a payload as it was, never a credential, never an exchange's error message.
 */
public record OrderStep(Instant at, OrderStepKind kind, String text, Map<String, String> details) {

    public OrderStep {
        // In the order given: the JSON answer lists quantity before price.
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public static OrderStep of(Instant at, OrderStepKind kind, String text) {
        return new OrderStep(at, kind, text, Map.of());
    }
}
