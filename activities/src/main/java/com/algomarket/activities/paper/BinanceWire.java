package com.algomarket.activities.paper;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Binance's wire format as the paper venue speaks it: form parameters, signatures, decimals, JSON answers. */
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

    static Map<String, String> parse(String form) {
        Map<String, String> params = new LinkedHashMap<>();
        if (form == null || form.isEmpty()) {
            return params;
        }
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            params.put(
                    URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
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

    static String hmacSha256(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
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
