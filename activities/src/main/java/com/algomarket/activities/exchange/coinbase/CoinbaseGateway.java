package com.algomarket.activities.exchange.coinbase;

import static com.algomarket.activities.exchange.coinbase.CoinbaseJson.JSON;
import static com.algomarket.activities.exchange.coinbase.CoinbaseJson.configuration;
import static com.algomarket.activities.exchange.coinbase.CoinbaseJson.decimal;
import static com.algomarket.activities.exchange.coinbase.CoinbaseJson.decimalOrNull;
import static com.algomarket.activities.exchange.coinbase.CoinbaseJson.json;
import static com.algomarket.activities.exchange.coinbase.CoinbaseJson.order;
import static com.algomarket.activities.exchange.coinbase.CoinbaseJson.pathSegment;
import static com.algomarket.activities.exchange.coinbase.CoinbaseJson.productId;
import static com.algomarket.activities.exchange.coinbase.CoinbaseJson.rejectionCode;
import static com.algomarket.activities.exchange.coinbase.CoinbaseJson.symbol;
import static com.algomarket.activities.exchange.coinbase.CoinbaseJson.text;

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
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    private static final int PAGE_SIZE = 100;
    /** The documented maximum of List Accounts; a key sees one account per currency it ever held. */
    private static final int ACCOUNTS_PAGE_SIZE = 250;

    private final CoinbaseRequests requests;
    private final Clock clock;

    /** {@code baseUrl} is scheme, host and port only, e.g. {@code https://api.coinbase.com}. */
    public CoinbaseGateway(URI baseUrl, ExchangeRateLimiter rateLimiter, ExchangeHttpClient http, Clock clock) {
        this.requests = new CoinbaseRequests(baseUrl, rateLimiter, http, clock);
        this.clock = clock;
    }

    @Override
    public Exchange exchange() {
        return Exchange.COINBASE;
    }

    @Override
    public KeyPermissions permissions(ApiCredentials credentials) {
        JsonNode permissions = requests.get(credentials, "/key_permissions", Map.of());
        return new KeyPermissions(
                permissions.path("can_view").asBoolean(false),
                permissions.path("can_trade").asBoolean(false),
                permissions.path("can_transfer").asBoolean(false));
    }

    @Override
    public List<Balance> balances(ApiCredentials credentials) {
        List<Balance> balances = new ArrayList<>();
        for (JsonNode account : requests.readAll(
                credentials, "/accounts", Map.of("limit", String.valueOf(ACCOUNTS_PAGE_SIZE)), "accounts")) {
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
        JsonNode product = requests.get(credentials, "/products/" + pathSegment(productId(symbol)), Map.of());
        BigDecimal price = decimalOrNull(product, "price");
        if (price == null) {
            throw new ExchangeCallException(ExchangeFailure.UNAVAILABLE, "Coinbase gives no price for " + symbol);
        }
        return price;
    }

    /**
     * Get Best Bid/Ask for the one product: {@code {"pricebooks": [{"product_id", "bids": [{"price", "size"}],
     * "asks": [...], "time"}]}}, the first ask being the best. Empty when the book has no ask or no book is answered
     * for the product; the last price, read next, then tells whether Coinbase lists it at all.
     */
    @Override
    public Optional<BigDecimal> bestAsk(ApiCredentials credentials, String symbol) {
        String productId = productId(symbol);
        JsonNode answer = requests.get(credentials, "/best_bid_ask", Map.of("product_ids", productId));
        for (JsonNode book : answer.path("pricebooks")) {
            if (productId.equals(book.path("product_id").asText())) {
                return Optional.ofNullable(decimalOrNull(book.path("asks").path(0), "price"))
                        .filter(ask -> ask.signum() > 0);
            }
        }
        return Optional.empty();
    }

    @Override
    public InstrumentRules instrumentRules(ApiCredentials credentials, String symbol) {
        JsonNode product = requests.get(credentials, "/products/" + pathSegment(productId(symbol)), Map.of());
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
        ExchangeHttpClient.Response response =
                requests.send(credentials, "POST", "/orders", Map.of(), order.toString());
        if (!response.isSuccess()) {
            throw requests.failure(credentials, response, true);
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
        return ExchangeOrder.accepted(
                orderId, clientOrderId != null ? clientOrderId : request.clientOrderId(), request, clock.instant());
    }

    @Override
    public Optional<ExchangeOrder> orderByClientOrderId(
            ApiCredentials credentials, String symbol, String clientOrderId) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("product_ids", productId(symbol));
        query.put("limit", String.valueOf(PAGE_SIZE));
        JsonNode[] match = new JsonNode[1];
        requests.readPages(
                credentials, "/orders/historical/batch", query, "orders", CLIENT_ORDER_ID_SCAN_PAGES, order -> {
                    if (clientOrderId.equals(order.path("client_order_id").asText())) {
                        match[0] = order;
                        return true;
                    }
                    return false;
                });
        return Optional.ofNullable(match[0]).map(CoinbaseJson::order);
    }

    @Override
    public Optional<ExchangeOrder> orderByExchangeOrderId(
            ApiCredentials credentials, String symbol, String exchangeOrderId) {
        ExchangeHttpClient.Response response =
                requests.send(credentials, "GET", "/orders/historical/" + pathSegment(exchangeOrderId), Map.of(), null);
        if (response.status() == 404) {
            return Optional.empty();
        }
        if (!response.isSuccess()) {
            throw requests.failure(credentials, response, false);
        }
        return Optional.of(order(json(response, false).path("order")));
    }

    @Override
    public ExchangeOrder cancelOrder(ApiCredentials credentials, String symbol, String exchangeOrderId) {
        ObjectNode request = JSON.createObjectNode();
        request.putArray("order_ids").add(exchangeOrderId);
        ExchangeHttpClient.Response response =
                requests.send(credentials, "POST", "/orders/batch_cancel", Map.of(), request.toString());
        if (!response.isSuccess()) {
            throw requests.failure(credentials, response, true);
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
        return requests.readAll(credentials, "/orders/historical/batch", query, "orders").stream()
                .map(CoinbaseJson::order)
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

    /**
     * List Orders without {@code product_ids} lists the open orders of every product: one paged read for all the
     * symbols, told apart here by product.
     */
    @Override
    public List<ExchangeOrder> accountOpenOrders(ApiCredentials credentials, Collection<String> symbols) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("order_status", "OPEN");
        query.put("limit", String.valueOf(PAGE_SIZE));
        return requests.readAll(credentials, "/orders/historical/batch", query, "orders").stream()
                .map(CoinbaseJson::order)
                .filter(order -> symbols.contains(order.symbol()))
                .toList();
    }

    /** List Fills without {@code product_ids} lists the trades of every product: one paged read for all the symbols. */
    @Override
    public List<Fill> accountFillsSince(ApiCredentials credentials, Collection<String> symbols, Instant since) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("start_sequence_timestamp", since.toString());
        query.put("limit", String.valueOf(PAGE_SIZE));
        return Fill.oldestFirst(fills(credentials, query).stream()
                .filter(fill -> symbols.contains(fill.symbol()))
                .toList());
    }

    private List<Fill> fills(ApiCredentials credentials, Map<String, String> query) {
        return requests.readAll(credentials, "/orders/historical/fills", query, "fills").stream()
                .map(CoinbaseJson::fill)
                .toList();
    }
}
