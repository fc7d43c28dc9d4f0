package com.algomarket.activities.exchange.coinbase;

import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeFailures;
import com.algomarket.activities.exchange.ExchangeOrder;
import com.algomarket.activities.exchange.Fill;
import com.algomarket.activities.exchange.OrderRequest;
import com.algomarket.activities.exchange.transport.ExchangeHttpClient;
import com.algomarket.workflows.exchange.ExchangeFailure;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.orders.TimeInForce;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;

/**
 * Coinbase Advanced Trade's JSON to the exchange port's records and back: order configurations, orders, statuses,
 * fills, product ids, and the fields and bodies they are read from.
 */
final class CoinbaseJson {

    private CoinbaseJson() {}

    static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode configuration(OrderRequest request) {
        ObjectNode configuration = JSON.createObjectNode();
        String size = request.quantity().toPlainString();
        switch (request.type()) {
            case MARKET -> configuration.putObject("market_market_ioc").put("base_size", size);
            case LIMIT -> {
                String price = required(request.limitPrice(), "a LIMIT order needs a limit price")
                        .toPlainString();
                TimeInForce timeInForce = request.timeInForce() == null ? TimeInForce.GTC : request.timeInForce();
                String name = switch (timeInForce) {
                    case GTC -> "limit_limit_gtc";
                    case IOC -> "sor_limit_ioc";
                    case FOK -> "limit_limit_fok";
                };
                ObjectNode limit =
                        configuration.putObject(name).put("base_size", size).put("limit_price", price);
                if (timeInForce == TimeInForce.GTC) {
                    limit.put("post_only", false);
                }
            }
            case STOP_LOSS, STOP_LIMIT -> {
                // Coinbase has no stop-market order for spot: a stop-limit, whose limit the caller chooses,
                // is the closest for a STOP_LOSS, and exactly a STOP_LIMIT; the limit bounds how far below the stop
                // a sell may fill.
                String limit = required(
                                request.limitPrice(),
                                "Coinbase has no stop-market order: a STOP_LOSS needs a limit price")
                        .toPlainString();
                String stop = required(request.stopPrice(), "a STOP_LOSS order needs a stop price")
                        .toPlainString();
                configuration
                        .putObject("stop_limit_stop_limit_gtc")
                        .put("base_size", size)
                        .put("limit_price", limit)
                        .put("stop_price", stop)
                        .put(
                                "stop_direction",
                                request.side() == Side.SELL ? "STOP_DIRECTION_STOP_DOWN" : "STOP_DIRECTION_STOP_UP");
            }
            case TRAILING_STOP -> throw ExchangeCallException.trailingStopIsOurs();
        }
        return configuration;
    }

    static BigDecimal required(BigDecimal value, String why) {
        if (value == null) {
            throw new ExchangeCallException(
                    ExchangeFailure.REJECTED,
                    "COINBASE order not sent: " + why,
                    "UNSUPPORTED_ORDER_CONFIGURATION",
                    null,
                    null);
        }
        return value;
    }

    /** Coinbase names the reason in several fields, often with an UNKNOWN_* placeholder in the others. */
    static String rejectionCode(JsonNode answer) {
        JsonNode error = answer.path("error_response");
        for (String candidate : new String[] {
            text(error, "error"),
            text(error, "new_order_failure_reason"),
            text(error, "preview_failure_reason"),
            text(answer, "failure_reason")
        }) {
            if (candidate != null && !candidate.startsWith("UNKNOWN")) {
                return candidate;
            }
        }
        return "UNKNOWN_FAILURE_REASON";
    }

    static ExchangeOrder order(JsonNode order) {
        BigDecimal filled = decimal(order, "filled_size");
        // Only the configuration the order was placed with is set; its base_size is the ordered quantity. An
        // order sized in quote currency (placed by hand) has none, and its size is what filled.
        Iterator<JsonNode> configurations = order.path("order_configuration").elements();
        BigDecimal quantity = configurations.hasNext() ? decimalOrNull(configurations.next(), "base_size") : null;
        return new ExchangeOrder(
                order.path("order_id").asText(),
                text(order, "client_order_id"),
                symbol(order.path("product_id").asText()),
                Side.valueOf(order.path("side").asText()),
                orderType(order.path("order_type").asText()),
                quantity != null ? quantity : filled,
                filled,
                filled.signum() > 0 ? decimalOrNull(order, "average_filled_price") : null,
                status(order.path("status").asText(), filled),
                updatedAt(order));
    }

    static OrderStatus status(String coinbaseStatus, BigDecimal filled) {
        return switch (coinbaseStatus) {
            case "FILLED" -> OrderStatus.FILLED;
            case "CANCELLED" -> OrderStatus.CANCELLED;
            case "EXPIRED" -> OrderStatus.EXPIRED;
            case "FAILED" -> OrderStatus.REJECTED;
            // OPEN, PENDING, QUEUED, CANCEL_QUEUED, EDIT_QUEUED, and whatever Coinbase adds: not done yet, so
            // the order is still watched.
            default -> filled.signum() > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.PENDING;
        };
    }

    static OrderType orderType(String coinbaseType) {
        return switch (coinbaseType) {
            case "MARKET" -> OrderType.MARKET;
            case "STOP", "STOP_LIMIT" -> OrderType.STOP_LOSS;
            // LIMIT, and the kinds we never place (bracket, TWAP): all rest with a limit price.
            default -> OrderType.LIMIT;
        };
    }

    static Instant updatedAt(JsonNode order) {
        for (String field : new String[] {"last_update_time", "last_fill_time", "created_time"}) {
            Instant time = instantOrNull(order, field);
            if (time != null) {
                return time;
            }
        }
        return null;
    }

    static Fill fill(JsonNode fill) {
        String symbol = symbol(fill.path("product_id").asText());
        BigDecimal price = decimal(fill, "price");
        BigDecimal size = decimal(fill, "size");
        // For an order placed by quote amount Coinbase reports the fill's size in the quote currency.
        BigDecimal quantity = fill.path("size_in_quote").asBoolean(false) && price.signum() != 0
                ? size.divide(price, MathContext.DECIMAL64).stripTrailingZeros()
                : size;
        // Spot commissions are charged in the quote currency.
        String feeAsset = symbol.substring(symbol.indexOf('/') + 1);
        return new Fill(
                fill.path("trade_id").asText(),
                text(fill, "order_id"),
                symbol,
                Side.valueOf(fill.path("side").asText()),
                price,
                quantity,
                decimal(fill, "commission"),
                feeAsset,
                instantOrNull(fill, "trade_time"));
    }

    /** A 2xx body that cannot be read: after a place or cancel the request may well have been executed. */
    static JsonNode json(ExchangeHttpClient.Response response, boolean mutating) {
        JsonNode body = parseOrNull(response.body());
        if (body == null || !body.isObject()) {
            throw ExchangeFailures.mayHaveExecuted(
                    mutating, "COINBASE answered HTTP " + response.status() + " with an unreadable body", null, null);
        }
        return body;
    }

    static JsonNode parseOrNull(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    static String queryString(Map<String, String> query) {
        StringBuilder out = new StringBuilder();
        query.forEach((name, value) -> out.append(out.isEmpty() ? '?' : '&')
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return out.toString();
    }

    static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String productId(String symbol) {
        int slash = symbol.indexOf('/');
        if (slash <= 0 || slash == symbol.length() - 1 || symbol.indexOf('/', slash + 1) >= 0) {
            throw new ExchangeCallException(
                    ExchangeFailure.REJECTED, "COINBASE: symbol " + symbol + " is not BASE/QUOTE", null, null, null);
        }
        return symbol.substring(0, slash) + "-" + symbol.substring(slash + 1);
    }

    static String symbol(String productId) {
        return productId.replaceFirst("-", "/");
    }

    static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.asText().isBlank() ? value.asText() : null;
    }

    static BigDecimal decimal(JsonNode node, String field) {
        BigDecimal value = decimalOrNull(node, field);
        return value != null ? value : BigDecimal.ZERO;
    }

    static BigDecimal decimalOrNull(JsonNode node, String field) {
        String text = text(node, field);
        return text == null ? null : new BigDecimal(text);
    }

    static Instant instantOrNull(JsonNode node, String field) {
        String text = text(node, field);
        try {
            return text == null ? null : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }
}
