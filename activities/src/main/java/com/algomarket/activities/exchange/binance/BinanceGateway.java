package com.algomarket.activities.exchange.binance;

import static com.algomarket.activities.exchange.binance.BinanceMapping.averagePrice;
import static com.algomarket.activities.exchange.binance.BinanceMapping.binanceSymbol;
import static com.algomarket.activities.exchange.binance.BinanceMapping.fill;
import static com.algomarket.activities.exchange.binance.BinanceMapping.order;
import static com.algomarket.activities.exchange.binance.BinanceMapping.orderId;
import static com.algomarket.activities.exchange.binance.BinanceMapping.pair;
import static com.algomarket.activities.exchange.binance.BinanceMapping.side;
import static com.algomarket.activities.exchange.binance.BinanceMapping.status;
import static com.algomarket.activities.exchange.binance.BinanceMapping.timeInForce;
import static com.algomarket.activities.exchange.binance.BinanceMapping.type;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.Balance;
import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeGateway;
import com.algomarket.activities.exchange.ExchangeOrder;
import com.algomarket.activities.exchange.Fill;
import com.algomarket.activities.exchange.InstrumentRules;
import com.algomarket.activities.exchange.KeyPermissions;
import com.algomarket.activities.exchange.OrderLookups;
import com.algomarket.activities.exchange.OrderRequest;
import com.algomarket.activities.exchange.binance.BinanceClients.Client;
import com.algomarket.activities.exchange.transport.ExchangeRateLimiter;
import com.algomarket.activities.exchange.transport.RestEndpoint;
import com.algomarket.activities.exchange.transport.SinglePostTransport;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.exchange.ExchangeFailure;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.knowm.xchange.binance.dto.meta.exchangeinfo.BinanceExchangeInfo;
import org.knowm.xchange.binance.dto.meta.exchangeinfo.Symbol;
import org.knowm.xchange.binance.dto.trade.BinanceCancelledOrder;
import org.knowm.xchange.binance.dto.trade.BinanceNewOrder;
import org.knowm.xchange.binance.dto.trade.BinanceOrder;
import org.knowm.xchange.binance.dto.trade.BinanceTrade;
import org.knowm.xchange.binance.dto.trade.OrderType;
import org.knowm.xchange.binance.dto.trade.TimeInForce;
import org.knowm.xchange.currency.CurrencyPair;

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

    private static final Duration EXCHANGE_INFO_TTL = Duration.ofMinutes(10);
    /** {@code GET /api/v3/ticker/price} with a symbol weighs 2. */
    private static final int WEIGHT_TICKER_PRICE = 2;
    /** {@code GET /api/v3/ticker/bookTicker} with a symbol weighs 2. */
    private static final int WEIGHT_BOOK_TICKER = 2;

    static {
        SinglePostTransport.ensure();
    }

    private final Exchange exchange;
    private final BinanceCalls calls;
    private final Clock clock;
    private final BinanceClients clients;
    private volatile CachedExchangeInfo exchangeInfo;

    private record CachedExchangeInfo(BinanceExchangeInfo info, Instant fetchedAt) {}

    /** {@code exchange} is BINANCE or PAPER; {@code endpoint} e.g. at {@code https://api.binance.com}. */
    public BinanceGateway(Exchange exchange, RestEndpoint endpoint, ExchangeRateLimiter rateLimiter, Clock clock) {
        if (exchange != Exchange.BINANCE && exchange != Exchange.PAPER) {
            throw new IllegalArgumentException("BinanceGateway serves BINANCE and PAPER, not " + exchange);
        }
        // Before XChange's first HttpURLConnection: an order POST must never be re-sent by the JDK.
        SinglePostTransport.ensure();
        this.exchange = exchange;
        this.calls = new BinanceCalls(exchange, rateLimiter);
        this.clients = new BinanceClients(endpoint);
        this.clock = clock;
    }

    @Override
    public Exchange exchange() {
        return exchange;
    }

    @Override
    public KeyPermissions permissions(ApiCredentials credentials) {
        BinanceSignedCalls.ApiRestrictions restrictions = calls.call(
                credentials,
                WEIGHT_API_RESTRICTIONS,
                false,
                clients.client(credentials).signedCall(BinanceSignedCalls::apiRestrictions));
        return new KeyPermissions(
                restrictions.enableReading(),
                restrictions.enableSpotAndMarginTrading(),
                restrictions.enableWithdrawals());
    }

    /** Binance's account uid, from the account endpoint (weight 20, once per key check). */
    @Override
    public Optional<String> accountId(ApiCredentials credentials) {
        BinanceSignedCalls.AccountUid account = calls.call(
                credentials,
                WEIGHT_ACCOUNT,
                false,
                clients.client(credentials)
                        .signedCall((api, window, timestamp, key, signature) ->
                                api.account(true, window, timestamp, key, signature)));
        return Optional.ofNullable(account.uid()).map(String::valueOf);
    }

    @Override
    public List<Balance> balances(ApiCredentials credentials) {
        Client client = clients.client(credentials);
        return calls
                .call(credentials, WEIGHT_ACCOUNT, false, () -> client.account().account())
                .balances
                .stream()
                .filter(balance -> balance.getTotal().signum() > 0)
                .map(balance -> new Balance(
                        balance.getCurrency().getCurrencyCode(), balance.getAvailable(), balance.getLocked()))
                .toList();
    }

    @Override
    public BigDecimal lastPrice(ApiCredentials credentials, String symbol) {
        Client client = clients.client(credentials);
        return calls.call(
                credentials,
                WEIGHT_TICKER_PRICE,
                false,
                () -> client.signed().tickerPrice(binanceSymbol(symbol)).price());
    }

    @Override
    public Optional<BigDecimal> bestAsk(ApiCredentials credentials, String symbol) {
        Client client = clients.client(credentials);
        BigDecimal ask = calls.call(
                credentials,
                WEIGHT_BOOK_TICKER,
                false,
                () -> client.signed().bookTicker(binanceSymbol(symbol)).askPrice());
        return Optional.ofNullable(ask).filter(price -> price.signum() > 0);
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
        return BinanceMapping.instrumentRules(found, symbol);
    }

    @Override
    public ExchangeOrder placeOrder(ApiCredentials credentials, OrderRequest request) {
        Client client = clients.client(credentials);
        CurrencyPair pair = pair(request.symbol());
        org.knowm.xchange.binance.dto.trade.OrderSide side = side(request);
        OrderType type = type(request);
        TimeInForce timeInForce = timeInForce(request);
        BinanceNewOrder placed = calls.call(
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
        return orderOrEmpty(
                credentials,
                symbol,
                clients.client(credentials)
                        .signedCall((api, window, timestamp, key, signature) -> api.orderByClientOrderId(
                                binanceSymbol(symbol), clientOrderId, window, timestamp, key, signature)));
    }

    @Override
    public Optional<ExchangeOrder> orderByExchangeOrderId(
            ApiCredentials credentials, String symbol, String exchangeOrderId) {
        Client client = clients.client(credentials);
        long orderId = orderId(exchangeOrderId);
        return orderOrEmpty(
                credentials, symbol, () -> client.trade().orderStatusAllProducts(pair(symbol), orderId, null));
    }

    @Override
    public ExchangeOrder cancelOrder(ApiCredentials credentials, String symbol, String exchangeOrderId) {
        Client client = clients.client(credentials);
        long orderId = orderId(exchangeOrderId);
        try {
            BinanceCancelledOrder cancelled = calls.call(
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
        Client client = clients.client(credentials);
        return readEach(
                credentials,
                WEIGHT_OPEN_ORDERS,
                () -> client.trade().openOrdersAllProducts(pair(symbol)),
                order -> order(order, symbol));
    }

    @Override
    public List<Fill> fillsForOrder(ApiCredentials credentials, String symbol, String exchangeOrderId) {
        Client client = clients.client(credentials);
        long orderId = orderId(exchangeOrderId);
        return readEach(
                credentials,
                WEIGHT_MY_TRADES_BY_ORDER,
                () -> client.trade().myTradesAllProducts(pair(symbol), orderId, null, null, null, TRADES_PAGE),
                trade -> fill(trade, symbol));
    }

    @Override
    public List<Fill> fillsSince(ApiCredentials credentials, String symbol, Instant since) {
        Client client = clients.client(credentials);
        CurrencyPair pair = pair(symbol);
        Map<Long, Fill> fills = new LinkedHashMap<>();
        long now = clock.millis();
        long start = since.toEpochMilli();
        // Binance answers at most 24 hours and 1,000 trades per call: walk the windows, and within a full page
        // continue from the last trade's time (trades at that same millisecond come again and are deduplicated).
        while (start <= now) {
            long windowStart = start;
            long windowEnd = Math.min(start + TRADES_WINDOW.toMillis() - 1, now);
            List<BinanceTrade> page = calls.call(
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

    /** A read that answers a list, each of its elements mapped to ours. */
    private <A, R> List<R> readEach(
            ApiCredentials credentials, int weight, BinanceCalls.BinanceCall<List<A>> read, Function<A, R> mapping) {
        return calls.call(credentials, weight, false, read).stream()
                .map(mapping)
                .toList();
    }

    private Optional<ExchangeOrder> orderOrEmpty(
            ApiCredentials credentials, String symbol, BinanceCalls.BinanceCall<BinanceOrder> query) {
        return OrderLookups.orEmpty(
                () -> Optional.of(order(calls.call(credentials, WEIGHT_QUERY_ORDER, false, query), symbol)),
                e -> "-2013".equals(e.exchangeCode())); // "Order does not exist."
    }

    private BinanceExchangeInfo exchangeInfo(ApiCredentials credentials) {
        CachedExchangeInfo cached = exchangeInfo;
        if (cached != null && cached.fetchedAt().plus(EXCHANGE_INFO_TTL).isAfter(clock.instant())) {
            return cached.info();
        }
        Client client = clients.client(credentials);
        BinanceExchangeInfo info = calls.call(
                credentials,
                WEIGHT_EXCHANGE_INFO,
                false,
                () -> client.marketData().getExchangeInfo());
        exchangeInfo = new CachedExchangeInfo(info, clock.instant());
        return info;
    }
}
