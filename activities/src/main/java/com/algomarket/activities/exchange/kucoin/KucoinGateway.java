package com.algomarket.activities.exchange.kucoin;

import static com.algomarket.activities.exchange.kucoin.KucoinMapping.fill;
import static com.algomarket.activities.exchange.kucoin.KucoinMapping.kucoinSymbol;
import static com.algomarket.activities.exchange.kucoin.KucoinMapping.order;
import static com.algomarket.activities.exchange.kucoin.KucoinMapping.plain;
import static com.algomarket.activities.exchange.kucoin.KucoinMapping.positive;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.Balance;
import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeOrder;
import com.algomarket.activities.exchange.Fill;
import com.algomarket.activities.exchange.InstrumentRules;
import com.algomarket.activities.exchange.KeyPermissions;
import com.algomarket.activities.exchange.OrderLookups;
import com.algomarket.activities.exchange.OrderRequest;
import com.algomarket.activities.exchange.kucoin.KucoinSignedCalls.Fills;
import com.algomarket.activities.exchange.kucoin.KucoinSignedCalls.NewOrder;
import com.algomarket.activities.exchange.kucoin.KucoinSignedCalls.Order;
import com.algomarket.activities.exchange.transport.ExchangeRateLimiter;
import com.algomarket.activities.exchange.transport.RestEndpoint;
import com.algomarket.activities.exchange.transport.SignedXChangeGateway;
import com.algomarket.workflows.exchange.ExchangeFailure;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.TimeInForce;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.knowm.xchange.kucoin.dto.response.OrderCreateResponse;
import org.knowm.xchange.kucoin.dto.response.SymbolResponse;
import org.knowm.xchange.kucoin.dto.response.TradeResponse;

/**
 * KuCoin Spot through its current ("HF") order API, signed by XChange's {@code KucoinDigest} (module 5.2.4):
 * KC-API-SIGN is Base64 HMAC-SHA256 of timestamp + method + path and query + body; KC-API-PASSPHRASE is the
 * passphrase HMAC-signed the same way, with KC-API-KEY-VERSION 2 (which KuCoin accepts for version 2 and 3 keys).
 * The calls are declared in {@link KucoinSignedCalls}; why XChange's own cannot be used is said there.
 *
 * <p><b>Client order id.</b> Sent as {@code clientOid} on {@code POST /api/v1/hf/orders}; ours is a UUID, within
 * KuCoin's at most 40 characters of {@code [A-Za-z0-9_-]}.
 *
 * <p><b>Lookup by client order id.</b> {@code GET /api/v1/hf/orders/client-order/{clientOid}?symbol=}, which finds
 * active and done (filled, cancelled) orders alike.
 *
 * <p><b>Duplicates.</b> KuCoin asks "Please do not initiate requests using the same clientOid" and answers a reused
 * one with an error (126044 "clientOid duplicate"; on the old API 400100 "clientOidDuplicated"), classified
 * REJECTED. Its reference does not say how long it remembers a clientOid, so the lookup before a resubmission
 * remains what prevents a second order.
 *
 * <p><b>Key permissions.</b> Readable: {@code GET /api/v1/user/api-key} lists them ("General,Spot,Transfer,...").
 * Read is General, trade is Spot, withdraw is Transfer, which on KuCoin covers withdrawals (or Withdrawal, the name
 * its withdrawal endpoints give the permission).
 *
 * <p><b>Rate limits.</b> KuCoin weighs each call within resource pools (Spot, Management, Public) per account and
 * answers HTTP 429 with code 429000 when a pool is empty, saying in {@code gw-ratelimit-reset} how many milliseconds
 * until it refills; this key then stops for that long.
 *
 * <p>KuCoin's HF orders have no stop-loss; such requests are refused before any call.
 */
public class KucoinGateway extends SignedXChangeGateway<KucoinCalls> {

    // Request weights from KuCoin's API reference (pool in brackets).
    private static final int WEIGHT_PLACE = 1; // Spot
    private static final int WEIGHT_ORDER = 2; // Spot: one order, by orderId or clientOid
    private static final int WEIGHT_CANCEL = 1; // Spot
    private static final int WEIGHT_ACTIVE_ORDERS = 2; // Spot
    private static final int WEIGHT_FILLS = 2; // Spot
    private static final int WEIGHT_ACCOUNTS = 5; // Management
    private static final int WEIGHT_API_KEY = 20; // Management
    private static final int WEIGHT_SYMBOL = 4; // Public
    private static final int WEIGHT_LEVEL1 = 2; // Public
    private static final int FILLS_PAGE = 100;
    /** The span one fills query covers at most. */
    private static final Duration FILLS_WINDOW = Duration.ofDays(7);

    private final KucoinSignedCalls kucoin;

    /** {@code endpoint} e.g. at {@code https://api.kucoin.com}. */
    public KucoinGateway(RestEndpoint endpoint, ExchangeRateLimiter rateLimiter, Clock clock) {
        super(new KucoinCalls(endpoint, rateLimiter, clock), clock);
        this.kucoin = calls.proxy(KucoinSignedCalls.class);
    }

    @Override
    public KeyPermissions permissions(ApiCredentials credentials) {
        String permission = calls.signed(credentials, WEIGHT_API_KEY, false, KucoinSignedCalls::apiKeyInfo)
                .permission();
        Set<String> granted = permission == null
                ? Set.of()
                : Arrays.stream(permission.split(",")).map(String::trim).collect(Collectors.toSet());
        return new KeyPermissions(
                granted.contains("General"),
                granted.contains("Spot"),
                granted.contains("Transfer") || granted.contains("Withdrawal"));
    }

    @Override
    public List<Balance> balances(ApiCredentials credentials) {
        return calls
                .signed(credentials, WEIGHT_ACCOUNTS, false, (api, timestamp) -> api.accounts(timestamp, "trade"))
                .stream()
                .filter(account ->
                        account.getBalance() != null && account.getBalance().signum() > 0)
                .map(account -> new Balance(account.getCurrency(), account.getAvailable(), account.getHolds()))
                .toList();
    }

    @Override
    public BigDecimal lastPrice(ApiCredentials credentials, String symbol) {
        return level1(credentials, symbol).price();
    }

    @Override
    public Optional<BigDecimal> bestAsk(ApiCredentials credentials, String symbol) {
        return Optional.ofNullable(level1(credentials, symbol).bestAsk()).filter(ask -> ask.signum() > 0);
    }

    private KucoinSignedCalls.Level1 level1(ApiCredentials credentials, String symbol) {
        String kucoinSymbol = kucoinSymbol(symbol);
        KucoinSignedCalls.Level1 level1 =
                calls.call(credentials, WEIGHT_LEVEL1, false, () -> kucoin.level1(kucoinSymbol));
        if (level1 == null || level1.price() == null) {
            // KuCoin answers an unknown symbol with success and no data.
            throw new ExchangeCallException(ExchangeFailure.REJECTED, "KuCoin does not trade " + symbol);
        }
        return level1;
    }

    @Override
    public InstrumentRules instrumentRules(ApiCredentials credentials, String symbol) {
        String kucoinSymbol = kucoinSymbol(symbol);
        SymbolResponse info = calls.call(credentials, WEIGHT_SYMBOL, false, () -> kucoin.symbol(kucoinSymbol));
        if (info == null || !info.isEnableTrading()) {
            throw new ExchangeCallException(ExchangeFailure.REJECTED, "KuCoin does not trade " + symbol);
        }
        return new InstrumentRules(
                symbol,
                positive(info.getPriceIncrement()),
                positive(info.getBaseIncrement()),
                positive(info.getBaseMinSize()),
                positive(info.getMinFunds()));
    }

    @Override
    public ExchangeOrder placeOrder(ApiCredentials credentials, OrderRequest request) {
        String type = switch (request.type()) {
            case MARKET -> "market";
            case LIMIT -> "limit";
            case STOP_LOSS ->
                throw new ExchangeCallException(ExchangeFailure.REJECTED, "KuCoin's spot orders have no stop-loss");
            case STOP_LIMIT ->
                throw new ExchangeCallException(
                        ExchangeFailure.REJECTED, "KuCoin's stop orders are a separate API this gateway does not use");
            case TRAILING_STOP -> throw ExchangeCallException.trailingStopIsOurs();
        };
        boolean limit = request.type() == OrderType.LIMIT;
        NewOrder order = new NewOrder(
                request.clientOrderId(),
                request.side().name().toLowerCase(Locale.ROOT),
                kucoinSymbol(request.symbol()),
                type,
                limit ? plain(request.limitPrice()) : null,
                plain(request.quantity()),
                !limit ? null : (request.timeInForce() == null ? TimeInForce.GTC : request.timeInForce()).name());
        OrderCreateResponse placed =
                calls.signed(credentials, WEIGHT_PLACE, true, (api, timestamp) -> api.placeOrder(timestamp, order));
        // KuCoin answers only the order id; the order's progress comes from the lookups.
        return ExchangeOrder.accepted(placed.getOrderId(), request.clientOrderId(), request, clock.instant());
    }

    @Override
    public Optional<ExchangeOrder> orderByClientOrderId(
            ApiCredentials credentials, String symbol, String clientOrderId) {
        return orderOrEmpty(
                credentials,
                symbol,
                (api, timestamp) -> api.orderByClientOid(timestamp, clientOrderId, kucoinSymbol(symbol)));
    }

    @Override
    public Optional<ExchangeOrder> orderByExchangeOrderId(
            ApiCredentials credentials, String symbol, String exchangeOrderId) {
        return orderOrEmpty(
                credentials, symbol, (api, timestamp) -> api.order(timestamp, exchangeOrderId, kucoinSymbol(symbol)));
    }

    @Override
    public ExchangeOrder cancelOrder(ApiCredentials credentials, String symbol, String exchangeOrderId) {
        // "order_not_exist_or_not_allow_to_cancel": done already.
        return OrderLookups.cancelThenLookUp(
                () -> calls.signed(
                        credentials,
                        WEIGHT_CANCEL,
                        true,
                        (api, timestamp) -> api.cancelOrder(timestamp, exchangeOrderId, kucoinSymbol(symbol))),
                KucoinMapping::isNoSuchOrder,
                () -> orderByExchangeOrderId(credentials, symbol, exchangeOrderId),
                () -> new ExchangeCallException(ExchangeFailure.REJECTED, "KuCoin has no order " + exchangeOrderId));
    }

    @Override
    public List<ExchangeOrder> openOrders(ApiCredentials credentials, String symbol) {
        return calls
                .signed(
                        credentials,
                        WEIGHT_ACTIVE_ORDERS,
                        false,
                        (api, timestamp) -> api.activeOrders(timestamp, kucoinSymbol(symbol)))
                .stream()
                .map(order -> order(order, symbol))
                .toList();
    }

    @Override
    public List<Fill> fillsForOrder(ApiCredentials credentials, String symbol, String exchangeOrderId) {
        return fills(credentials, symbol, exchangeOrderId, null, null);
    }

    @Override
    public List<Fill> fillsSince(ApiCredentials credentials, String symbol, Instant since) {
        Map<String, Fill> fills = new LinkedHashMap<>();
        long now = clock.millis();
        for (long start = since.toEpochMilli(); start <= now; start += FILLS_WINDOW.toMillis()) {
            long end = Math.min(start + FILLS_WINDOW.toMillis() - 1, now);
            fills(credentials, symbol, null, start, end).forEach(fill -> fills.putIfAbsent(fill.tradeId(), fill));
        }
        return Fill.oldestFirst(fills.values());
    }

    private Optional<ExchangeOrder> orderOrEmpty(
            ApiCredentials credentials, String symbol, KucoinCalls.SignedCall<Order> query) {
        return OrderLookups.orEmpty(
                () -> Optional.ofNullable(calls.signed(credentials, WEIGHT_ORDER, false, query))
                        .map(found -> order(found, symbol)),
                KucoinMapping::isNoSuchOrder);
    }

    /** The trades of one order, or of a time span; newest first, a page of 100 at a time. */
    private List<Fill> fills(ApiCredentials credentials, String symbol, String orderId, Long startAt, Long endAt) {
        String kucoinSymbol = kucoinSymbol(symbol);
        List<Fill> fills = new ArrayList<>();
        Long lastId = null;
        while (true) {
            Long after = lastId;
            Fills page = calls.signed(
                    credentials,
                    WEIGHT_FILLS,
                    false,
                    (api, timestamp) -> api.fills(timestamp, kucoinSymbol, orderId, startAt, endAt, after, FILLS_PAGE));
            List<TradeResponse> items = page == null || page.items() == null ? List.of() : page.items();
            items.forEach(trade -> fills.add(fill(trade, symbol)));
            if (items.size() < FILLS_PAGE || page.lastId() == null) {
                return fills;
            }
            lastId = page.lastId();
        }
    }
}
