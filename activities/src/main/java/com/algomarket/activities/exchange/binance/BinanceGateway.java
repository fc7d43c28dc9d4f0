package com.algomarket.activities.exchange.binance;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.Balance;
import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeFailures;
import com.algomarket.activities.exchange.ExchangeGateway;
import com.algomarket.activities.exchange.ExchangeOrder;
import com.algomarket.activities.exchange.Fill;
import com.algomarket.activities.exchange.InstrumentRules;
import com.algomarket.activities.exchange.KeyPermissions;
import com.algomarket.activities.exchange.OrderRequest;
import com.algomarket.activities.exchange.transport.ExchangeRateLimiter;
import com.algomarket.activities.exchange.transport.SinglePostTransport;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.exchange.ExchangeFailure;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchange.ExchangeFactory;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.binance.BinanceExchange;
import org.knowm.xchange.binance.dto.BinanceException;
import org.knowm.xchange.binance.dto.meta.exchangeinfo.BinanceExchangeInfo;
import org.knowm.xchange.binance.dto.meta.exchangeinfo.Filter;
import org.knowm.xchange.binance.dto.meta.exchangeinfo.Symbol;
import org.knowm.xchange.binance.dto.trade.BinanceCancelledOrder;
import org.knowm.xchange.binance.dto.trade.BinanceNewOrder;
import org.knowm.xchange.binance.dto.trade.BinanceOrder;
import org.knowm.xchange.binance.dto.trade.BinanceTrade;
import org.knowm.xchange.binance.dto.trade.OrderStatus;
import org.knowm.xchange.binance.dto.trade.OrderType;
import org.knowm.xchange.binance.dto.trade.TimeInForce;
import org.knowm.xchange.binance.service.BinanceAccountServiceRaw;
import org.knowm.xchange.binance.service.BinanceHmacDigest;
import org.knowm.xchange.binance.service.BinanceMarketDataServiceRaw;
import org.knowm.xchange.binance.service.BinanceTradeServiceRaw;
import org.knowm.xchange.client.ExchangeRestProxyBuilder;
import org.knowm.xchange.currency.CurrencyPair;
import si.mazi.rescu.HttpResponseAware;
import si.mazi.rescu.HttpStatusException;

/**
 * Binance Spot through XChange's Binance module, and the PAPER venue through exactly the same code: the paper venue
 * speaks Binance's API, so only the base URL differs.
 *
 * <p>XChange's own retries and rate limiters stay off (retries belong to Temporal; the shared
 * {@link ExchangeRateLimiter} keeps us under Binance's published weights). Its raw services are used rather than the
 * generic ones so that Binance's error codes reach the classification unchanged. One XChange instance is kept per key,
 * because XChange binds a key to an instance.
 */
public class BinanceGateway implements ExchangeGateway {

    // Binance's request weights (GET /api/v3/exchangeInfo rateLimits; weights per endpoint from the API docs).
    private static final int WEIGHT_ORDER = 1;
    private static final int WEIGHT_QUERY_ORDER = 4;
    private static final int WEIGHT_CANCEL = 1;
    private static final int WEIGHT_OPEN_ORDERS = 6;
    private static final int WEIGHT_MY_TRADES = 20;
    private static final int WEIGHT_MY_TRADES_BY_ORDER = 5;
    private static final int WEIGHT_ACCOUNT = 20;
    private static final int WEIGHT_EXCHANGE_INFO = 20;
    private static final int WEIGHT_API_RESTRICTIONS = 1;
    private static final int TRADES_PAGE = 1000;
    /** Binance answers myTrades for at most 24 hours between startTime and endTime. */
    private static final Duration TRADES_WINDOW = Duration.ofHours(24);

    private static final Duration DEFAULT_BACK_OFF = Duration.ofSeconds(10);
    private static final Duration EXCHANGE_INFO_TTL = Duration.ofMinutes(10);
    private static final int MAX_CACHED_KEYS = 10_000;
    private static final long RECV_WINDOW_MS = 5_000;

    static {
        SinglePostTransport.ensure();
    }

    private final Exchange exchange;
    private final URI baseUrl;
    private final ExchangeRateLimiter rateLimiter;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Clock clock;
    private final Map<ApiCredentials, Client> clients =
            Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<ApiCredentials, Client> eldest) {
                    return size() > MAX_CACHED_KEYS;
                }
            });
    private volatile CachedExchangeInfo exchangeInfo;

    private record Client(
            BinanceExchange xchange,
            BinanceTradeServiceRaw trade,
            BinanceAccountServiceRaw account,
            BinanceMarketDataServiceRaw marketData,
            BinanceSignedCalls signed,
            BinanceHmacDigest signature,
            String apiKey) {}

    private record CachedExchangeInfo(BinanceExchangeInfo info, Instant fetchedAt) {}

    /** {@code exchange} is BINANCE or PAPER; {@code baseUrl} e.g. {@code https://api.binance.com}. */
    public BinanceGateway(
            Exchange exchange,
            URI baseUrl,
            ExchangeRateLimiter rateLimiter,
            Duration connectTimeout,
            Duration readTimeout,
            Clock clock) {
        if (exchange != Exchange.BINANCE && exchange != Exchange.PAPER) {
            throw new IllegalArgumentException("BinanceGateway serves BINANCE and PAPER, not " + exchange);
        }
        this.exchange = exchange;
        this.baseUrl = baseUrl;
        this.rateLimiter = rateLimiter;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.clock = clock;
    }

    @Override
    public Exchange exchange() {
        return exchange;
    }

    @Override
    public KeyPermissions permissions(ApiCredentials credentials) {
        Client client = client(credentials);
        BinanceSignedCalls.ApiRestrictions restrictions = call(
                credentials,
                WEIGHT_API_RESTRICTIONS,
                false,
                () -> client.signed()
                        .apiRestrictions(
                                RECV_WINDOW_MS,
                                client.xchange().getTimestampFactory(),
                                client.apiKey(),
                                client.signature()));
        return new KeyPermissions(
                restrictions.enableReading(),
                restrictions.enableSpotAndMarginTrading(),
                restrictions.enableWithdrawals());
    }

    @Override
    public List<Balance> balances(ApiCredentials credentials) {
        Client client = client(credentials);
        return call(credentials, WEIGHT_ACCOUNT, false, () -> client.account().account()).balances.stream()
                .filter(balance -> balance.getTotal().signum() > 0)
                .map(balance -> new Balance(
                        balance.getCurrency().getCurrencyCode(), balance.getAvailable(), balance.getLocked()))
                .toList();
    }

    @Override
    public BigDecimal lastPrice(ApiCredentials credentials, String symbol) {
        Client client = client(credentials);
        return call(
                credentials,
                WEIGHT_TICKER_PRICE,
                false,
                () -> client.signed().tickerPrice(binanceSymbol(symbol)).price());
    }

    @Override
    public InstrumentRules instrumentRules(ApiCredentials credentials, String symbol) {
        String binanceSymbol = binanceSymbol(symbol);
        List<Symbol> symbols = exchangeInfo(credentials).getSymbols();
        Symbol found = symbols == null
                ? null
                : symbols.stream()
                        .filter(candidate -> binanceSymbol.equals(candidate.getSymbol()))
                        .findFirst()
                        .orElse(null);
        if (found == null || !"TRADING".equals(found.getStatus())) {
            throw new ExchangeCallException(
                    ExchangeFailure.REJECTED, exchange + " does not trade " + symbol, "-1121", null, null);
        }
        BigDecimal tickSize = null;
        BigDecimal stepSize = null;
        BigDecimal minQty = null;
        BigDecimal minNotional = null;
        for (Filter filter : found.getFilters()) {
            switch (String.valueOf(filter.getFilterType())) {
                case "PRICE_FILTER" -> tickSize = positive(filter.getTickSize());
                case "LOT_SIZE" -> {
                    stepSize = positive(filter.getStepSize());
                    minQty = positive(filter.getMinQty());
                }
                case "MIN_NOTIONAL", "NOTIONAL" -> minNotional = positive(filter.getMinNotional());
                default -> {
                    // Other filters (PERCENT_PRICE, ICEBERG_PARTS, ...) are checked by the exchange itself.
                }
            }
        }
        return new InstrumentRules(symbol, tickSize, stepSize, minQty, minNotional);
    }

    @Override
    public ExchangeOrder placeOrder(ApiCredentials credentials, OrderRequest request) {
        Client client = client(credentials);
        CurrencyPair pair = pair(request.symbol());
        org.knowm.xchange.binance.dto.trade.OrderSide side = request.side() == OrderRequest.OrderSide.BUY
                ? org.knowm.xchange.binance.dto.trade.OrderSide.BUY
                : org.knowm.xchange.binance.dto.trade.OrderSide.SELL;
        OrderType type = switch (request.type()) {
            case MARKET -> OrderType.MARKET;
            case LIMIT -> OrderType.LIMIT;
            // Binance's STOP_LOSS is a market order triggered at stopPrice, which is what our STOP_LOSS means.
            case STOP_LOSS -> OrderType.STOP_LOSS;
        };
        TimeInForce timeInForce = request.type() != OrderRequest.OrderType.LIMIT
                ? null
                : switch (request.timeInForce() == null ? OrderRequest.TimeInForce.GTC : request.timeInForce()) {
                    case GTC -> TimeInForce.GTC;
                    case IOC -> TimeInForce.IOC;
                    case FOK -> TimeInForce.FOK;
                };
        BinanceNewOrder placed = call(
                credentials,
                WEIGHT_ORDER,
                true,
                () -> client.trade()
                        .newOrder(
                                pair,
                                side,
                                type,
                                timeInForce,
                                request.quantity(),
                                null,
                                request.limitPrice(),
                                request.clientOrderId(),
                                request.stopPrice(),
                                null,
                                null,
                                BinanceNewOrder.NewOrderResponseType.FULL));
        return new ExchangeOrder(
                Long.toString(placed.orderId),
                placed.clientOrderId,
                request.symbol(),
                request.side(),
                request.type(),
                placed.origQty,
                placed.executedQty,
                averagePrice(placed.fills),
                status(placed.status),
                Instant.ofEpochMilli(placed.transactTime));
    }

    @Override
    public Optional<ExchangeOrder> orderByClientOrderId(
            ApiCredentials credentials, String symbol, String clientOrderId) {
        Client client = client(credentials);
        return orderOrEmpty(
                credentials,
                symbol,
                () -> client.signed()
                        .orderByClientOrderId(
                                binanceSymbol(symbol),
                                clientOrderId,
                                RECV_WINDOW_MS,
                                client.xchange().getTimestampFactory(),
                                client.apiKey(),
                                client.signature()));
    }

    @Override
    public Optional<ExchangeOrder> orderByExchangeOrderId(
            ApiCredentials credentials, String symbol, String exchangeOrderId) {
        Client client = client(credentials);
        long orderId = orderId(exchangeOrderId);
        return orderOrEmpty(
                credentials, symbol, () -> client.trade().orderStatusAllProducts(pair(symbol), orderId, null));
    }

    @Override
    public ExchangeOrder cancelOrder(ApiCredentials credentials, String symbol, String exchangeOrderId) {
        Client client = client(credentials);
        long orderId = orderId(exchangeOrderId);
        try {
            BinanceCancelledOrder cancelled = call(
                    credentials,
                    WEIGHT_CANCEL,
                    true,
                    () -> client.trade().cancelOrderAllProducts(pair(symbol), orderId, null, null));
            if ("CANCELED".equals(cancelled.status)) {
                // The cancel answer lacks the order's type and average price: the order itself has them.
                return orderByExchangeOrderId(credentials, symbol, exchangeOrderId)
                        .orElseThrow(() -> new ExchangeCallException(
                                ExchangeFailure.UNKNOWN,
                                exchange + " cancelled order " + exchangeOrderId + " but no longer lists it"));
            }
        } catch (ExchangeCallException e) {
            // -2011 "Unknown order sent.": the order is no longer open, usually because it filled before the cancel
            // arrived. Its final state is what the caller needs, not an error.
            if (!"-2011".equals(e.exchangeCode())) {
                throw e;
            }
        }
        return orderByExchangeOrderId(credentials, symbol, exchangeOrderId)
                .orElseThrow(() -> new ExchangeCallException(
                        ExchangeFailure.REJECTED,
                        exchange + " has no order " + exchangeOrderId + " for " + symbol,
                        "-2013",
                        null,
                        null));
    }

    @Override
    public List<ExchangeOrder> openOrders(ApiCredentials credentials, String symbol) {
        Client client = client(credentials);
        return call(credentials, WEIGHT_OPEN_ORDERS, false, () -> client.trade().openOrdersAllProducts(pair(symbol)))
                .stream()
                .map(order -> order(order, symbol))
                .toList();
    }

    @Override
    public List<Fill> fillsForOrder(ApiCredentials credentials, String symbol, String exchangeOrderId) {
        Client client = client(credentials);
        long orderId = orderId(exchangeOrderId);
        return call(
                        credentials,
                        WEIGHT_MY_TRADES_BY_ORDER,
                        false,
                        () -> client.trade().myTradesAllProducts(pair(symbol), orderId, null, null, null, TRADES_PAGE))
                .stream()
                .map(trade -> fill(trade, symbol))
                .toList();
    }

    @Override
    public List<Fill> fillsSince(ApiCredentials credentials, String symbol, Instant since) {
        Client client = client(credentials);
        CurrencyPair pair = pair(symbol);
        Map<Long, Fill> fills = new LinkedHashMap<>();
        long now = clock.millis();
        long start = since.toEpochMilli();
        // Binance answers at most 24 hours and 1,000 trades per call: walk the windows, and within a full page
        // continue from the last trade's time (trades at that same millisecond come again and are deduplicated).
        while (start <= now) {
            long windowStart = start;
            long windowEnd = Math.min(start + TRADES_WINDOW.toMillis() - 1, now);
            List<BinanceTrade> page = call(
                    credentials,
                    WEIGHT_MY_TRADES,
                    false,
                    () -> client.trade().myTradesAllProducts(pair, null, windowStart, windowEnd, null, TRADES_PAGE));
            page.forEach(trade -> fills.putIfAbsent(trade.id, fill(trade, symbol)));
            if (page.size() < TRADES_PAGE) {
                start = windowEnd + 1;
            } else {
                long lastTime = page.get(page.size() - 1).time;
                start = lastTime > windowStart ? lastTime : windowStart + 1;
            }
        }
        return new ArrayList<>(fills.values());
    }

    // --- Calls and their failures -------------------------------------------------------------------------

    @FunctionalInterface
    private interface BinanceCall<T> {
        T call() throws IOException;
    }

    /** {@code GET /api/v3/ticker/price} with a symbol weighs 2. */
    private static final int WEIGHT_TICKER_PRICE = 2;

    /**
     * Makes one call under the rate limiter and classifies any failure. {@code mutating}: the call may change state
     * at the exchange, so a broken connection or a 5xx leaves its outcome UNKNOWN.
     */
    private <T> T call(ApiCredentials credentials, int weight, boolean mutating, BinanceCall<T> call) {
        rateLimiter.acquire(exchange, credentials.keyId(), weight);
        try {
            return call.call();
        } catch (BinanceException e) {
            throw classify(
                    credentials,
                    e.getHttpStatusCode(),
                    e.getResponseHeaders(),
                    Integer.toString(e.getCode()),
                    e.getMessage(),
                    mutating,
                    e);
        } catch (IOException e) {
            if (e instanceof HttpStatusException status) {
                // An answer that is not Binance's JSON error (a proxy's HTML page, an empty 5xx).
                Map<String, List<String>> headers =
                        e instanceof HttpResponseAware aware ? aware.getResponseHeaders() : Map.of();
                throw classify(credentials, status.getHttpStatusCode(), headers, null, null, mutating, e);
            }
            throw ExchangeFailures.transport(exchange, e, mutating);
        } catch (ExchangeCallException e) {
            throw e;
        } catch (RuntimeException e) {
            // rescu wraps some transport failures and unreadable answers; a mutating call may still have executed.
            throw ExchangeFailures.transport(exchange, e, mutating);
        }
    }

    private ExchangeCallException classify(
            ApiCredentials credentials,
            int httpStatus,
            Map<String, List<String>> headers,
            String code,
            String message,
            boolean mutating,
            Exception cause) {
        Duration retryAfter = retryAfter(headers);
        ExchangeCallException classified = switch (code == null ? "" : code) {
            // Invalid key, key without the permission, signature that does not verify with the secret.
            case "-2014", "-2015", "-1022", "-1002", "-2008" ->
                new ExchangeCallException(
                        ExchangeFailure.AUTH, exchange + " refused the key: " + message, code, null, cause);
            // The request arrived outside recvWindow or while the service was unavailable: it was not processed.
            case "-1021", "-1016" ->
                new ExchangeCallException(
                        ExchangeFailure.UNAVAILABLE,
                        exchange + " did not process the request: " + message,
                        code,
                        null,
                        cause);
            // "Timeout waiting for response from backend server. Send status unknown; execution status unknown."
            case "-1007", "-1006" ->
                new ExchangeCallException(
                        mutating ? ExchangeFailure.UNKNOWN : ExchangeFailure.UNAVAILABLE,
                        exchange + ": " + message,
                        code,
                        null,
                        cause);
            // Too many new orders for this account: a per-key limit.
            case "-1015" ->
                new ExchangeCallException(
                        ExchangeFailure.RATE_LIMITED,
                        exchange + ": " + message,
                        code,
                        retryAfter == null ? DEFAULT_BACK_OFF : retryAfter,
                        cause);
            default ->
                ExchangeFailures.byStatus(
                        exchange,
                        httpStatus,
                        retryAfter == null ? DEFAULT_BACK_OFF : retryAfter,
                        mutating,
                        code,
                        message);
        };
        if (classified.failure() == ExchangeFailure.RATE_LIMITED) {
            // Request weight and 418 bans count per IP, so every key of this process stops; -1015 counts per key.
            rateLimiter.backOff(exchange, "-1015".equals(code) ? credentials.keyId() : null, classified.retryAfter());
        }
        return classified;
    }

    private Optional<ExchangeOrder> orderOrEmpty(
            ApiCredentials credentials, String symbol, BinanceCall<BinanceOrder> query) {
        try {
            return Optional.of(order(call(credentials, WEIGHT_QUERY_ORDER, false, query), symbol));
        } catch (ExchangeCallException e) {
            if ("-2013".equals(e.exchangeCode())) { // "Order does not exist."
                return Optional.empty();
            }
            throw e;
        }
    }

    private static Duration retryAfter(Map<String, List<String>> headers) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if ("Retry-After".equalsIgnoreCase(header.getKey())
                    && !header.getValue().isEmpty()) {
                return ExchangeFailures.retryAfter(header.getValue().get(0), Instant.now());
            }
        }
        return null;
    }

    // --- XChange instances ---------------------------------------------------------------------------------

    private Client client(ApiCredentials credentials) {
        // Keyed by the whole credentials, in memory only: a key whose secret changed gets a new instance.
        return clients.computeIfAbsent(credentials, this::newClient);
    }

    private Client newClient(ApiCredentials credentials) {
        ExchangeSpecification spec = new ExchangeSpecification(BinanceExchange.class);
        spec.setSslUri(baseUrl.toString());
        spec.setHost(baseUrl.getHost());
        spec.setPort(baseUrl.getPort());
        spec.setApiKey(credentials.apiKey());
        spec.setSecretKey(credentials.secret());
        spec.setHttpConnTimeout((int) connectTimeout.toMillis());
        spec.setHttpReadTimeout((int) readTimeout.toMillis());
        // No remote init: it would call /sapi/v1/asset/assetDetail and exchangeInfo for every key; we fetch
        // exchangeInfo once per process and never need the asset details.
        spec.setShouldLoadRemoteMetaData(false);
        spec.getResilience().setRetryEnabled(false);
        spec.getResilience().setRateLimiterEnabled(false);
        BinanceExchange xchange = (BinanceExchange) ExchangeFactory.INSTANCE.createExchange(spec);
        BinanceSignedCalls signed = ExchangeRestProxyBuilder.forInterface(BinanceSignedCalls.class, spec)
                .build();
        return new Client(
                xchange,
                (BinanceTradeServiceRaw) xchange.getTradeService(),
                (BinanceAccountServiceRaw) xchange.getAccountService(),
                (BinanceMarketDataServiceRaw) xchange.getMarketDataService(),
                signed,
                BinanceHmacDigest.createInstance(credentials.secret()),
                credentials.apiKey());
    }

    private BinanceExchangeInfo exchangeInfo(ApiCredentials credentials) {
        CachedExchangeInfo cached = exchangeInfo;
        if (cached != null && cached.fetchedAt().plus(EXCHANGE_INFO_TTL).isAfter(clock.instant())) {
            return cached.info();
        }
        Client client = client(credentials);
        BinanceExchangeInfo info = call(
                credentials,
                WEIGHT_EXCHANGE_INFO,
                false,
                () -> client.marketData().getExchangeInfo());
        exchangeInfo = new CachedExchangeInfo(info, clock.instant());
        return info;
    }

    // --- Mapping ---------------------------------------------------------------------------------------------

    static CurrencyPair pair(String symbol) {
        int slash = symbol == null ? -1 : symbol.indexOf('/');
        if (slash <= 0 || slash == symbol.length() - 1) {
            throw new ExchangeCallException(
                    ExchangeFailure.REJECTED, "symbol must be BASE/QUOTE, was " + symbol, "-1121", null, null);
        }
        return new CurrencyPair(symbol.substring(0, slash), symbol.substring(slash + 1));
    }

    private static String binanceSymbol(String symbol) {
        CurrencyPair pair = pair(symbol);
        return pair.getBase().getCurrencyCode() + pair.getCounter().getCurrencyCode();
    }

    private static long orderId(String exchangeOrderId) {
        try {
            return Long.parseLong(exchangeOrderId);
        } catch (NumberFormatException e) {
            throw new ExchangeCallException(
                    ExchangeFailure.REJECTED,
                    "Binance order ids are numbers, was " + exchangeOrderId,
                    null,
                    null,
                    null);
        }
    }

    private static ExchangeOrder order(BinanceOrder order, String symbol) {
        BigDecimal average = order.executedQty.signum() > 0 && order.cumulativeQuoteQty != null
                ? order.cumulativeQuoteQty
                        .divide(order.executedQty, 8, RoundingMode.HALF_EVEN)
                        .stripTrailingZeros()
                : null;
        OrderRequest.OrderType type = switch (order.type) {
            case MARKET -> OrderRequest.OrderType.MARKET;
            case STOP_LOSS, STOP_LOSS_LIMIT, STOP, STOP_MARKET -> OrderRequest.OrderType.STOP_LOSS;
            default -> OrderRequest.OrderType.LIMIT;
        };
        return new ExchangeOrder(
                Long.toString(order.orderId),
                order.clientOrderId,
                symbol,
                order.side == org.knowm.xchange.binance.dto.trade.OrderSide.BUY
                        ? OrderRequest.OrderSide.BUY
                        : OrderRequest.OrderSide.SELL,
                type,
                order.origQty,
                order.executedQty,
                average,
                status(order.status),
                Instant.ofEpochMilli(order.time));
    }

    private static ExchangeOrder.Status status(OrderStatus status) {
        return switch (status) {
            case NEW, PENDING_CANCEL -> ExchangeOrder.Status.OPEN;
            case PARTIALLY_FILLED -> ExchangeOrder.Status.PARTIALLY_FILLED;
            case FILLED -> ExchangeOrder.Status.FILLED;
            case CANCELED -> ExchangeOrder.Status.CANCELLED;
            case REJECTED -> ExchangeOrder.Status.REJECTED;
            case EXPIRED, EXPIRED_IN_MATCH -> ExchangeOrder.Status.EXPIRED;
        };
    }

    private static BigDecimal averagePrice(List<BinanceTrade> fills) {
        if (fills == null || fills.isEmpty()) {
            return null;
        }
        BigDecimal quantity = BigDecimal.ZERO;
        BigDecimal notional = BigDecimal.ZERO;
        for (BinanceTrade fill : fills) {
            quantity = quantity.add(fill.qty);
            notional = notional.add(fill.qty.multiply(fill.price));
        }
        return quantity.signum() == 0
                ? null
                : notional.divide(quantity, 8, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }

    private static Fill fill(BinanceTrade trade, String symbol) {
        return new Fill(
                Long.toString(trade.id),
                Long.toString(trade.orderId),
                symbol,
                trade.isBuyer ? OrderRequest.OrderSide.BUY : OrderRequest.OrderSide.SELL,
                trade.price,
                trade.qty,
                trade.commission,
                trade.commissionAsset,
                Instant.ofEpochMilli(trade.time));
    }

    private static BigDecimal positive(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        BigDecimal decimal = new BigDecimal(value);
        return decimal.signum() > 0 ? decimal.stripTrailingZeros() : null;
    }
}
