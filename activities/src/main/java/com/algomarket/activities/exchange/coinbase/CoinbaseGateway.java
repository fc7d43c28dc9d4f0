package com.algomarket.activities.exchange.coinbase;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.Balance;
import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeGateway;
import com.algomarket.activities.exchange.ExchangeOrder;
import com.algomarket.activities.exchange.Fill;
import com.algomarket.activities.exchange.InstrumentRules;
import com.algomarket.activities.exchange.KeyPermissions;
import com.algomarket.activities.exchange.OrderRequest;
import com.algomarket.activities.exchange.transport.ExchangeHttpClient;
import com.algomarket.activities.exchange.transport.ExchangeRateLimiter;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.exchange.ExchangeFailure;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@link ExchangeGateway} for Coinbase Advanced Trade ({@code /api/v3/brokerage}), authenticated with a CDP API key:
 * {@link ApiCredentials#apiKey()} is the key name ({@code organizations/{org}/apiKeys/{key}}), the secret its EC
 * private key, and every request carries its own ES256 JWT ({@link CoinbaseJwt}).
 *
 * <p><b>Client order ids.</b> Coinbase documents order creation as idempotent on {@code client_order_id}: "If the ID
 * provided is not unique, the order will not be created and the order corresponding with that ID will be returned
 * instead" (Create Order, docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/orders/create-order). A
 * resubmission after UNKNOWN with the same id therefore cannot become a second order; it answers with the first one.
 * There is no supported lookup by client order id: Get Order marks its {@code client_order_id} parameter deprecated
 * and List Orders has no such filter. {@link #orderByClientOrderId} therefore reads the product's orders newest first
 * and matches locally, over at most {@value #CLIENT_ORDER_ID_SCAN_PAGES} pages; an order older than that reads as
 * absent, which the idempotent create makes harmless.
 *
 * <p><b>Failures.</b> Statuses are classified by {@link ExchangeHttpClient#classify}; a 429 also stops this key's
 * calls for the Retry-After (or {@value #DEFAULT_BACKOFF_SECONDS} s). A create answered with {@code success=false}
 * is REJECTED with Coinbase's reason (e.g. {@code INSUFFICIENT_FUND}) as the exchange code.
 *
 * <p>Symbols are {@code BASE/QUOTE} here and {@code BASE-QUOTE} product ids at Coinbase.
 */
public final class CoinbaseGateway implements ExchangeGateway {

    private static final int CLIENT_ORDER_ID_SCAN_PAGES = 10;
    private static final long DEFAULT_BACKOFF_SECONDS = 1;

    private static final String API = "/api/v3/brokerage";
    private static final int PAGE_SIZE = 100;
    /** The documented maximum of List Accounts; a key sees one account per currency it ever held. */
    private static final int ACCOUNTS_PAGE_SIZE = 250;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String origin;
    private final String jwtHost;
    private final ExchangeRateLimiter rateLimiter;
    private final ExchangeHttpClient http;
    private final Clock clock;
    private final CoinbaseJwt jwt = new CoinbaseJwt();

    /**
     * {@code baseUrl} is scheme, host and port only ({@code https://api.coinbase.com}); the JWT's {@code uri} names
     * its host (with the port when the URL has one).
     */
    public CoinbaseGateway(URI baseUrl, ExchangeRateLimiter rateLimiter, ExchangeHttpClient http, Clock clock) {
        this.origin = baseUrl.getScheme() + "://" + baseUrl.getRawAuthority();
        this.jwtHost = baseUrl.getHost() + (baseUrl.getPort() == -1 ? "" : ":" + baseUrl.getPort());
        this.rateLimiter = rateLimiter;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public Exchange exchange() {
        return Exchange.COINBASE;
    }

    @Override
    public KeyPermissions permissions(ApiCredentials credentials) {
        JsonNode permissions = get(credentials, "/key_permissions", Map.of());
        return new KeyPermissions(
                permissions.path("can_view").asBoolean(false),
                permissions.path("can_trade").asBoolean(false),
                permissions.path("can_transfer").asBoolean(false));
    }

    @Override
    public List<Balance> balances(ApiCredentials credentials) {
        List<Balance> balances = new ArrayList<>();
        for (JsonNode account :
                readAll(credentials, "/accounts", Map.of("limit", String.valueOf(ACCOUNTS_PAGE_SIZE)), "accounts")) {
            BigDecimal free = decimal(account.path("available_balance"), "value");
            BigDecimal locked = decimal(account.path("hold"), "value");
            // Coinbase lists a wallet for every currency the user ever touched; empty ones say nothing.
            if (free.signum() != 0 || locked.signum() != 0) {
                balances.add(new Balance(account.path("currency").asText(), free, locked));
            }
        }
        return balances;
    }

    /** Get Product's {@code price}: the product's current (last traded) price. */
    @Override
    public BigDecimal lastPrice(ApiCredentials credentials, String symbol) {
        JsonNode product = get(credentials, "/products/" + pathSegment(productId(symbol)), Map.of());
        BigDecimal price = decimalOrNull(product, "price");
        if (price == null) {
            throw new ExchangeCallException(ExchangeFailure.UNAVAILABLE, "Coinbase gives no price for " + symbol);
        }
        return price;
    }

    @Override
    public InstrumentRules instrumentRules(ApiCredentials credentials, String symbol) {
        JsonNode product = get(credentials, "/products/" + pathSegment(productId(symbol)), Map.of());
        // price_increment is the tick of prices; quote_increment, the tick of quote amounts, stands in where a
        // product does not give it.
        BigDecimal priceStep = decimalOrNull(product, "price_increment");
        return new InstrumentRules(
                symbol,
                priceStep != null ? priceStep : decimalOrNull(product, "quote_increment"),
                decimalOrNull(product, "base_increment"),
                decimalOrNull(product, "base_min_size"),
                decimalOrNull(product, "quote_min_size"));
    }

    /**
     * Coinbase's answer names the order, not its state, and after a resubmission it names the earlier order: the
     * order is reported as accepted (OPEN, nothing filled); its progress comes from {@link #orderByExchangeOrderId}.
     */
    @Override
    public ExchangeOrder placeOrder(ApiCredentials credentials, OrderRequest request) {
        ObjectNode order = JSON.createObjectNode()
                .put("client_order_id", request.clientOrderId())
                .put("product_id", productId(request.symbol()))
                .put("side", request.side().name());
        order.set("order_configuration", configuration(request));
        ExchangeHttpClient.Response response = send(credentials, "POST", "/orders", Map.of(), order.toString());
        if (!response.isSuccess()) {
            throw failure(credentials, response, true);
        }
        JsonNode answer = json(response, true);
        if (!answer.path("success").asBoolean(false)) {
            JsonNode error = answer.path("error_response");
            String code = rejectionCode(answer);
            String message = text(error, "message");
            throw new ExchangeCallException(
                    ExchangeFailure.REJECTED,
                    "COINBASE refused the order: " + code + (message == null ? "" : " (" + message + ")"),
                    code,
                    null,
                    null);
        }
        JsonNode created = answer.path("success_response");
        String orderId = text(created, "order_id");
        if (orderId == null) {
            throw new ExchangeCallException(
                    ExchangeFailure.UNKNOWN,
                    "COINBASE accepted the order without naming it; look it up by its client order id");
        }
        String clientOrderId = text(created, "client_order_id");
        return new ExchangeOrder(
                orderId,
                clientOrderId != null ? clientOrderId : request.clientOrderId(),
                request.symbol(),
                request.side(),
                request.type(),
                request.quantity(),
                BigDecimal.ZERO,
                null,
                ExchangeOrder.Status.OPEN,
                clock.instant());
    }

    @Override
    public Optional<ExchangeOrder> orderByClientOrderId(
            ApiCredentials credentials, String symbol, String clientOrderId) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("product_ids", productId(symbol));
        query.put("limit", String.valueOf(PAGE_SIZE));
        JsonNode[] match = new JsonNode[1];
        readPages(credentials, "/orders/historical/batch", query, "orders", CLIENT_ORDER_ID_SCAN_PAGES, order -> {
            if (clientOrderId.equals(order.path("client_order_id").asText())) {
                match[0] = order;
                return true;
            }
            return false;
        });
        return Optional.ofNullable(match[0]).map(CoinbaseGateway::order);
    }

    @Override
    public Optional<ExchangeOrder> orderByExchangeOrderId(
            ApiCredentials credentials, String symbol, String exchangeOrderId) {
        ExchangeHttpClient.Response response =
                send(credentials, "GET", "/orders/historical/" + pathSegment(exchangeOrderId), Map.of(), null);
        if (response.status() == 404) {
            return Optional.empty();
        }
        if (!response.isSuccess()) {
            throw failure(credentials, response, false);
        }
        return Optional.of(order(json(response, false).path("order")));
    }

    @Override
    public ExchangeOrder cancelOrder(ApiCredentials credentials, String symbol, String exchangeOrderId) {
        ObjectNode request = JSON.createObjectNode();
        request.putArray("order_ids").add(exchangeOrderId);
        ExchangeHttpClient.Response response =
                send(credentials, "POST", "/orders/batch_cancel", Map.of(), request.toString());
        if (!response.isSuccess()) {
            throw failure(credentials, response, true);
        }
        JsonNode result = json(response, true).path("results").path(0);
        boolean initiated = result.path("success").asBoolean(false);
        String reason = text(result, "failure_reason");
        // Coinbase only confirms that the cancellation was initiated, and refuses it for an order that is done:
        // what the order is now decides the answer.
        ExchangeOrder order = orderByExchangeOrderId(credentials, symbol, exchangeOrderId)
                .orElseThrow(() -> new ExchangeCallException(
                        ExchangeFailure.REJECTED, "COINBASE has no order " + exchangeOrderId, reason, null, null));
        if (!initiated && !order.status().isFinal()) {
            throw new ExchangeCallException(
                    ExchangeFailure.REJECTED,
                    "COINBASE refused to cancel order " + exchangeOrderId + ": " + reason,
                    reason,
                    null,
                    null);
        }
        return order;
    }

    @Override
    public List<ExchangeOrder> openOrders(ApiCredentials credentials, String symbol) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("order_status", "OPEN");
        query.put("product_ids", productId(symbol));
        query.put("limit", String.valueOf(PAGE_SIZE));
        return readAll(credentials, "/orders/historical/batch", query, "orders").stream()
                .map(CoinbaseGateway::order)
                .toList();
    }

    @Override
    public List<Fill> fillsForOrder(ApiCredentials credentials, String symbol, String exchangeOrderId) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("order_ids", exchangeOrderId);
        query.put("limit", String.valueOf(PAGE_SIZE));
        return fills(credentials, query);
    }

    @Override
    public List<Fill> fillsSince(ApiCredentials credentials, String symbol, Instant since) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("product_ids", productId(symbol));
        query.put("start_sequence_timestamp", since.toString());
        query.put("limit", String.valueOf(PAGE_SIZE));
        return fills(credentials, query);
    }

    private List<Fill> fills(ApiCredentials credentials, Map<String, String> query) {
        return readAll(credentials, "/orders/historical/fills", query, "fills").stream()
                .map(CoinbaseGateway::fill)
                .toList();
    }

    private static ObjectNode configuration(OrderRequest request) {
        ObjectNode configuration = JSON.createObjectNode();
        String size = request.quantity().toPlainString();
        switch (request.type()) {
            case MARKET -> configuration.putObject("market_market_ioc").put("base_size", size);
            case LIMIT -> {
                String price = required(request.limitPrice(), "a LIMIT order needs a limit price")
                        .toPlainString();
                OrderRequest.TimeInForce timeInForce =
                        request.timeInForce() == null ? OrderRequest.TimeInForce.GTC : request.timeInForce();
                String name = switch (timeInForce) {
                    case GTC -> "limit_limit_gtc";
                    case IOC -> "sor_limit_ioc";
                    case FOK -> "limit_limit_fok";
                };
                ObjectNode limit =
                        configuration.putObject(name).put("base_size", size).put("limit_price", price);
                if (timeInForce == OrderRequest.TimeInForce.GTC) {
                    limit.put("post_only", false);
                }
            }
            case STOP_LOSS -> {
                // Coinbase has no stop-market order for spot: a stop-limit, whose limit the caller chooses,
                // is the closest, and the limit bounds how far below the stop a sell may fill.
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
                                request.side() == OrderRequest.OrderSide.SELL
                                        ? "STOP_DIRECTION_STOP_DOWN"
                                        : "STOP_DIRECTION_STOP_UP");
            }
        }
        return configuration;
    }

    private static BigDecimal required(BigDecimal value, String why) {
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
    private static String rejectionCode(JsonNode answer) {
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

    private static ExchangeOrder order(JsonNode order) {
        BigDecimal filled = decimal(order, "filled_size");
        // Only the configuration the order was placed with is set; its base_size is the ordered quantity. An
        // order sized in quote currency (placed by hand) has none, and its size is what filled.
        Iterator<JsonNode> configurations = order.path("order_configuration").elements();
        BigDecimal quantity = configurations.hasNext() ? decimalOrNull(configurations.next(), "base_size") : null;
        return new ExchangeOrder(
                order.path("order_id").asText(),
                text(order, "client_order_id"),
                symbol(order.path("product_id").asText()),
                OrderRequest.OrderSide.valueOf(order.path("side").asText()),
                orderType(order.path("order_type").asText()),
                quantity != null ? quantity : filled,
                filled,
                filled.signum() > 0 ? decimalOrNull(order, "average_filled_price") : null,
                status(order.path("status").asText(), filled),
                updatedAt(order));
    }

    private static ExchangeOrder.Status status(String coinbaseStatus, BigDecimal filled) {
        return switch (coinbaseStatus) {
            case "FILLED" -> ExchangeOrder.Status.FILLED;
            case "CANCELLED" -> ExchangeOrder.Status.CANCELLED;
            case "EXPIRED" -> ExchangeOrder.Status.EXPIRED;
            case "FAILED" -> ExchangeOrder.Status.REJECTED;
            // OPEN, PENDING, QUEUED, CANCEL_QUEUED, EDIT_QUEUED, and whatever Coinbase adds: not done yet, so
            // the order is still watched.
            default -> filled.signum() > 0 ? ExchangeOrder.Status.PARTIALLY_FILLED : ExchangeOrder.Status.OPEN;
        };
    }

    private static OrderRequest.OrderType orderType(String coinbaseType) {
        return switch (coinbaseType) {
            case "MARKET" -> OrderRequest.OrderType.MARKET;
            case "STOP", "STOP_LIMIT" -> OrderRequest.OrderType.STOP_LOSS;
            // LIMIT, and the kinds we never place (bracket, TWAP): all rest with a limit price.
            default -> OrderRequest.OrderType.LIMIT;
        };
    }

    private static Instant updatedAt(JsonNode order) {
        for (String field : new String[] {"last_update_time", "last_fill_time", "created_time"}) {
            Instant time = instantOrNull(order, field);
            if (time != null) {
                return time;
            }
        }
        return null;
    }

    private static Fill fill(JsonNode fill) {
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
                OrderRequest.OrderSide.valueOf(fill.path("side").asText()),
                price,
                quantity,
                decimal(fill, "commission"),
                feeAsset,
                instantOrNull(fill, "trade_time"));
    }

    private List<JsonNode> readAll(
            ApiCredentials credentials, String path, Map<String, String> query, String itemsField) {
        List<JsonNode> items = new ArrayList<>();
        readPages(credentials, path, query, itemsField, Integer.MAX_VALUE, item -> {
            items.add(item);
            return false;
        });
        return items;
    }

    /**
     * Reads a cursor-paginated list, page after page, handing each item to {@code visit} until it answers true,
     * the list ends or {@code maxPages} were read.
     */
    private void readPages(
            ApiCredentials credentials,
            String path,
            Map<String, String> query,
            String itemsField,
            int maxPages,
            Predicate<JsonNode> visit) {
        String cursor = null;
        for (int page = 0; page < maxPages; page++) {
            Map<String, String> pageQuery = new LinkedHashMap<>(query);
            if (cursor != null) {
                pageQuery.put("cursor", cursor);
            }
            JsonNode body = get(credentials, path, pageQuery);
            for (JsonNode item : body.path(itemsField)) {
                if (visit.test(item)) {
                    return;
                }
            }
            String next = text(body, "cursor");
            // Lists of orders and accounts say has_next; the list of fills only gives an empty cursor at its end.
            boolean more = body.has("has_next") ? body.path("has_next").asBoolean(false) : next != null;
            if (!more || next == null || next.equals(cursor)) {
                return;
            }
            cursor = next;
        }
    }

    private JsonNode get(ApiCredentials credentials, String path, Map<String, String> query) {
        ExchangeHttpClient.Response response = send(credentials, "GET", path, query, null);
        if (!response.isSuccess()) {
            throw failure(credentials, response, false);
        }
        return json(response, false);
    }

    /** One call: the rate limiter first, then a fresh token naming exactly this method, host and path. */
    private ExchangeHttpClient.Response send(
            ApiCredentials credentials, String method, String path, Map<String, String> query, String body) {
        ECPrivateKey key = CoinbaseJwt.privateKey(credentials.secret());
        rateLimiter.acquire(Exchange.COINBASE, credentials.keyId(), 1);
        String fullPath = API + path;
        String token = jwt.token(credentials.apiKey(), key, method, jwtHost + fullPath, clock.instant());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(origin + fullPath + queryString(query)))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request, body != null);
    }

    /**
     * Classifies a non-2xx answer. Coinbase's error body is {@code {"error": ..., "message": ...}}; only those two
     * fields reach the message, never the raw body.
     */
    private ExchangeCallException failure(
            ApiCredentials credentials, ExchangeHttpClient.Response response, boolean mutating) {
        JsonNode error = parseOrNull(response.body());
        String code = text(error, "error");
        ExchangeCallException failure = http.classify(response, mutating, code, text(error, "message"));
        if (failure.failure() != ExchangeFailure.RATE_LIMITED) {
            return failure;
        }
        Duration wait =
                failure.retryAfter() != null ? failure.retryAfter() : Duration.ofSeconds(DEFAULT_BACKOFF_SECONDS);
        rateLimiter.backOff(Exchange.COINBASE, credentials.keyId(), wait);
        return failure.retryAfter() != null
                ? failure
                : new ExchangeCallException(ExchangeFailure.RATE_LIMITED, failure.getMessage(), code, wait, null);
    }

    /** A 2xx body that cannot be read: after a place or cancel the request may well have been executed. */
    private static JsonNode json(ExchangeHttpClient.Response response, boolean mutating) {
        JsonNode body = parseOrNull(response.body());
        if (body == null || !body.isObject()) {
            throw new ExchangeCallException(
                    mutating ? ExchangeFailure.UNKNOWN : ExchangeFailure.UNAVAILABLE,
                    "COINBASE answered HTTP " + response.status() + " with an unreadable body"
                            + (mutating ? "; the request may have been executed" : ""));
        }
        return body;
    }

    private static JsonNode parseOrNull(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    private static String queryString(Map<String, String> query) {
        StringBuilder out = new StringBuilder();
        query.forEach((name, value) -> out.append(out.isEmpty() ? '?' : '&')
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return out.toString();
    }

    private static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String productId(String symbol) {
        int slash = symbol.indexOf('/');
        if (slash <= 0 || slash == symbol.length() - 1 || symbol.indexOf('/', slash + 1) >= 0) {
            throw new ExchangeCallException(
                    ExchangeFailure.REJECTED, "COINBASE: symbol " + symbol + " is not BASE/QUOTE", null, null, null);
        }
        return symbol.substring(0, slash) + "-" + symbol.substring(slash + 1);
    }

    private static String symbol(String productId) {
        return productId.replaceFirst("-", "/");
    }

    private static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        BigDecimal value = decimalOrNull(node, field);
        return value != null ? value : BigDecimal.ZERO;
    }

    private static BigDecimal decimalOrNull(JsonNode node, String field) {
        String text = text(node, field);
        return text == null ? null : new BigDecimal(text);
    }

    private static Instant instantOrNull(JsonNode node, String field) {
        String text = text(node, field);
        try {
            return text == null ? null : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }
}
