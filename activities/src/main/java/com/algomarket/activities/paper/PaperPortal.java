package com.algomarket.activities.paper;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;

/**
 * The paper venue's web portal, on the venue's own port under {@value #PATH}, like the page of an exchange where one
 * creates API keys: {@code POST keys}, {@code GET|POST|DELETE faults}, {@code GET markets}, {@code PUT
 * markets/BTCEUR} and {@code GET stats} (what the venue has been asked). The API's {@code /api/v1/paper} forwards to it in the embedded default; the venue listens on
 * 127.0.0.1 only. Answers JSON; a request it cannot apply answers 400 (404 for an unknown market) with a
 * {@code message}.
 */
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
@Slf4j
public final class PaperPortal implements HttpHandler {

    public static final String PATH = "/portal/";

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final PaperExchange exchange;
    private final PaperFaults faults;
    private final PaperStats stats;

    record KeyRequest(Set<PaperExchange.Permission> permissions, Map<String, BigDecimal> balances) {}

    record CreatedKey(String apiKey, String apiSecret, Set<PaperExchange.Permission> permissions) {}

    /** A fault as the portal reads and lists it; the delay in milliseconds. */
    record FaultJson(String endpoint, PaperFaults.Kind kind, double rate, Long delayMillis, Integer count) {

        static FaultJson of(PaperFaults.Fault fault) {
            return new FaultJson(
                    fault.endpoint(), fault.kind(), fault.rate(), fault.delay().toMillis(), fault.count());
        }

        PaperFaults.Fault fault() {
            return new PaperFaults.Fault(
                    endpoint, kind, rate, delayMillis == null ? null : Duration.ofMillis(delayMillis), count);
        }
    }

    record MarketRequest(BigDecimal price, BigDecimal depth) {}

    record Message(String message) {}

    @Override
    public void handle(HttpExchange http) throws IOException {
        try (http) {
            String route = http.getRequestMethod() + " "
                    + http.getRequestURI().getPath().substring(PATH.length());
            byte[] body = http.getRequestBody().readAllBytes();
            try {
                answer(http, route, body);
            } catch (IllegalArgumentException | IOException e) {
                // Unreadable JSON, an unknown enum value, or a fault the venue refuses.
                respond(http, 400, new Message(e.getMessage()));
            }
        } catch (RuntimeException e) {
            log.warn("Paper portal request failed", e);
        }
    }

    private void answer(HttpExchange http, String route, byte[] body) throws IOException {
        if (route.equals("POST keys")) {
            KeyRequest request = JSON.readValue(body, KeyRequest.class);
            PaperExchange.ApiKey key = exchange.createKey(
                    EnumSet.copyOf(request.permissions()), request.balances() == null ? Map.of() : request.balances());
            respond(http, 201, new CreatedKey(key.apiKey(), key.secret(), key.permissions()));
        } else if (route.equals("GET faults")) {
            respond(http, 200, faultList());
        } else if (route.equals("POST faults")) {
            faults.add(JSON.readValue(body, FaultJson.class).fault());
            respond(http, 201, faultList());
        } else if (route.equals("DELETE faults")) {
            faults.clear();
            respond(http, 204, null);
        } else if (route.equals("GET stats")) {
            respond(http, 200, stats.snapshot(exchange));
        } else if (route.equals("GET markets")) {
            respond(http, 200, exchange.marketViews());
        } else if (route.startsWith("PUT markets/")) {
            String symbol = route.substring("PUT markets/".length());
            if (exchange.marketViews().stream()
                    .noneMatch(market -> market.symbol().equals(symbol))) {
                respond(http, 404, new Message("The paper venue has no market " + symbol + "."));
                return;
            }
            MarketRequest request = JSON.readValue(body, MarketRequest.class);
            exchange.setMarket(symbol, request.price(), request.depth());
            respond(http, 200, exchange.marketView(symbol));
        } else {
            respond(http, 404, new Message("No portal page " + route + "."));
        }
    }

    private List<FaultJson> faultList() {
        return faults.list().stream().map(FaultJson::of).toList();
    }

    private static void respond(HttpExchange http, int status, Object body) throws IOException {
        if (body == null) {
            http.sendResponseHeaders(status, -1);
            return;
        }
        byte[] json = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        http.getResponseHeaders().set("Content-Type", "application/json");
        http.sendResponseHeaders(status, json.length);
        http.getResponseBody().write(json);
    }
}
