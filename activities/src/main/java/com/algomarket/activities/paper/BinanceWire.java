package com.algomarket.activities.paper;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Binance's wire format as the paper venue speaks it: signatures, decimals, JSON answers. */
final class BinanceWire {

    private BinanceWire() {}

    static final ObjectMapper JSON = new ObjectMapper();
    // --- Helpers ------------------------------------------------------------------------------------------

    static void respond(HttpExchange http, int status, Object body, int usedWeight) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        http.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
        if (usedWeight > 0) {
            http.getResponseHeaders().add("X-MBX-USED-WEIGHT-1M", Integer.toString(usedWeight));
        }
        http.sendResponseHeaders(status, bytes.length);
        http.getResponseBody().write(bytes);
    }

    static String stripSignature(String form) {
        if (form == null || form.isEmpty()) {
            return "";
        }
        return String.join(
                "&",
                java.util.Arrays.stream(form.split("&"))
                        .filter(pair -> !pair.startsWith("signature="))
                        .toList());
    }

    static String decimal(BigDecimal value) {
        return value.setScale(8, RoundingMode.DOWN).toPlainString();
    }

    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
