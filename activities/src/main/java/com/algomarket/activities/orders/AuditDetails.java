package com.algomarket.activities.orders;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** How the order activities write values into the audit log's details. */
final class AuditDetails {

    private AuditDetails() {}

    /** Key-value pairs for the audit log, where (unlike Map.of) a value may be null. */
    static Map<String, Object> details(Object... keysAndValues) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            details.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return details;
    }

    static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
