package com.algomarket.activities.exchange.bitvavo;

import com.algomarket.activities.exchange.ExchangeOrder;
import com.algomarket.activities.exchange.Fill;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Bitvavo's JSON to the exchange port's records and back: orders, statuses, fills, markets, decimals, bodies. */
final class BitvavoJson {

    private BitvavoJson() {}

    static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Bitvavo's order as ours. The type is null for Bitvavo's types our model has no name for (takeProfit, takeProfitLimit: only the user's own orders have them); the quantity is null for an order placed
     * with {@code amountQuote}.
     */
    static ExchangeOrder order(JsonNode order) {
        BigDecimal filled = decimal(order, "filledAmount");
        BigDecimal filledQuote = decimal(order, "filledAmountQuote");
        BigDecimal averagePrice = filled != null && filled.signum() > 0 && filledQuote != null
                ? filledQuote.divide(filled, MathContext.DECIMAL64).stripTrailingZeros()
                : null;
        OrderType type = switch (order.path("orderType").asText()) {
            case "market" -> OrderType.MARKET;
            case "limit" -> OrderType.LIMIT;
            case "stopLoss" -> OrderType.STOP_LOSS;
            case "stopLossLimit" -> OrderType.STOP_LIMIT;
            default -> null;
        };
        long created = order.path("created").asLong();
        return new ExchangeOrder(
                order.path("orderId").asText(),
                order.path("clientOrderId").asText(null),
                symbol(order.path("market").asText()),
                side(order.path("side").asText()),
                type,
                decimal(order, "amount"),
                filled == null ? BigDecimal.ZERO : filled,
                averagePrice,
                status(order.path("status").asText()),
                Instant.ofEpochMilli(order.path("updated").asLong(created)));
    }

    static OrderStatus status(String status) {
        return switch (status) {
            case "new", "awaitingTrigger" -> OrderStatus.PENDING;
            case "partiallyFilled" -> OrderStatus.PARTIALLY_FILLED;
            case "filled" -> OrderStatus.FILLED;
            case "expired" -> OrderStatus.EXPIRED;
            case "rejected" -> OrderStatus.REJECTED;
            default -> {
                // canceled, canceledAuction, canceledSelfTradePrevention, canceledIOC, canceledFOK,
                // canceledMarketProtection, canceledPostOnly: Bitvavo names each reason canceledXxx.
                if (status.startsWith("canceled")) {
                    yield OrderStatus.CANCELLED;
                }
                throw new IllegalStateException("unknown order status '" + status + "'");
            }
        };
    }

    static Fill fill(String symbol, JsonNode trade) {
        return new Fill(
                trade.path("id").asText(),
                trade.path("orderId").asText(null),
                symbol,
                side(trade.path("side").asText()),
                decimal(trade, "price"),
                decimal(trade, "amount"),
                decimal(trade, "fee"),
                trade.path("feeCurrency").asText(null),
                Instant.ofEpochMilli(trade.path("timestamp").asLong()));
    }

    static Side side(String side) {
        return switch (side) {
            case "buy" -> Side.BUY;
            case "sell" -> Side.SELL;
            default -> throw new IllegalStateException("unknown side '" + side + "'");
        };
    }

    /** {@code BTC/EUR} as Bitvavo's market {@code BTC-EUR}. */
    static String market(String symbol) {
        int slash = symbol.indexOf('/');
        if (slash <= 0 || slash != symbol.lastIndexOf('/') || slash == symbol.length() - 1) {
            throw new IllegalArgumentException("symbol must be BASE/QUOTE: " + symbol);
        }
        return symbol.replace('/', '-');
    }

    static String symbol(String market) {
        return market.replace('-', '/');
    }

    static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() || value.asText().isEmpty()
                ? null
                : new BigDecimal(value.asText());
    }

    static void putPlain(Map<String, Object> body, String field, BigDecimal value) {
        if (value != null) {
            body.put(field, value.toPlainString());
        }
    }

    static Stream<JsonNode> elements(JsonNode array) {
        if (!array.isArray()) {
            throw new IllegalStateException("expected a JSON array");
        }
        return StreamSupport.stream(array.spliterator(), false);
    }

    static String query(String... namesAndValues) {
        StringJoiner query = new StringJoiner("&", "?", "");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            query.add(namesAndValues[i] + "=" + URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    static String json(Map<String, Object> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers is always JSON", e);
        }
    }

    static JsonNode readQuietly(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JsonProcessingException notJson) {
            return JSON.createObjectNode();
        }
    }
}
