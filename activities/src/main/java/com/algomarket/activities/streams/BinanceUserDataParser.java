package com.algomarket.activities.streams;

import com.algomarket.activities.exchange.Balance;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the events of Binance's user-data stream (binance-spot-api-docs user-data-stream.md) as the WebSocket API
 * delivers them, {@code {"subscriptionId": 0, "event": {"e": "executionReport", ...}}}, or bare as a listen-key stream
 * did. Answers to requests (they carry an {@code id}) and event types this app does not use are no events.
 */
public final class BinanceUserDataParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BinanceUserDataParser() {}

    /** The event in {@code message}; empty for a request's answer or an event type not used here. */
    public static Optional<AccountEvent> parse(String message) {
        JsonNode root;
        try {
            root = JSON.readTree(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not JSON: a user-data stream message must be a JSON object", e);
        }
        if (root.has("id") && !root.has("event")) {
            return Optional.empty(); // an answer to one of our requests
        }
        JsonNode event = root.has("event") ? root.get("event") : root;
        return switch (event.path("e").asText("")) {
            case "executionReport" -> Optional.of(execution(event));
            case "outboundAccountPosition" -> Optional.of(balances(event));
            case "eventStreamTerminated", "serverShutdown" ->
                Optional.of(new AccountEvent.Terminated(event.path("e").asText(), millis(event, "E")));
            default -> Optional.empty(); // balanceUpdate, listStatus, externalLockUpdate: nothing to keep yet
        };
    }

    private static AccountEvent.Execution execution(JsonNode event) {
        long tradeId = event.path("t").asLong(-1);
        boolean trade = tradeId >= 0 && "TRADE".equals(event.path("x").asText());
        return new AccountEvent.Execution(
                event.path("s").asText(),
                text(event, "c"),
                event.path("i").asText(),
                event.path("S").asText(),
                event.path("x").asText(),
                event.path("X").asText(),
                trade ? Long.toString(tradeId) : null,
                decimal(event, "l"),
                decimal(event, "L"),
                decimal(event, "z"),
                decimal(event, "n"),
                text(event, "N"),
                millis(event, "T"),
                millis(event, "E"),
                AccountEvent.Source.STREAM);
    }

    private static AccountEvent.Balances balances(JsonNode event) {
        List<Balance> balances = new ArrayList<>();
        for (JsonNode balance : event.path("B")) {
            balances.add(new Balance(balance.path("a").asText(), decimal(balance, "f"), decimal(balance, "l")));
        }
        Instant updatedAt = event.has("u") ? millis(event, "u") : millis(event, "E");
        return new AccountEvent.Balances(List.copyOf(balances), updatedAt, millis(event, "E"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? BigDecimal.ZERO : new BigDecimal(value);
    }

    private static Instant millis(JsonNode node, String field) {
        return Instant.ofEpochMilli(node.path(field).asLong());
    }
}
