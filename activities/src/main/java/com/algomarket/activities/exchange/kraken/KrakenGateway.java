package com.algomarket.activities.exchange.kraken;

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
import com.algomarket.activities.exchange.kraken.KrakenSignedCalls.AssetPair;
import com.algomarket.activities.exchange.kraken.KrakenSignedCalls.OrderInfo;
import com.algomarket.activities.exchange.transport.ExchangeRateLimiter;
import com.algomarket.activities.exchange.transport.SinglePostTransport;
import com.algomarket.activities.exchange.transport.XChangeRest;
import com.algomarket.activities.exchange.transport.XChangeRest.BaseQuote;
import com.algomarket.activities.exchange.transport.XChangeRest.ErrorAnswer;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.exchange.ExchangeFailure;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.knowm.xchange.kraken.KrakenAuthenticated;
import org.knowm.xchange.kraken.KrakenExchange;
import org.knowm.xchange.kraken.dto.KrakenResult;
import org.knowm.xchange.kraken.dto.trade.KrakenOrderDescription;
import org.knowm.xchange.kraken.dto.trade.KrakenOrderResponse;
import org.knowm.xchange.kraken.dto.trade.KrakenOrderType;
import org.knowm.xchange.kraken.dto.trade.KrakenTrade;
import org.knowm.xchange.kraken.dto.trade.KrakenType;
import org.knowm.xchange.kraken.dto.trade.results.KrakenTradeHistoryResult.KrakenTradeHistory;
import org.knowm.xchange.kraken.service.KrakenDigest;
import si.mazi.rescu.SynchronizedValueFactory;

/**
 * Kraken Spot through XChange's Kraken module (5.2.2): its {@code KrakenAuthenticated} declarations for AddOrder,
 * CancelOrder, QueryTrades and TradesHistory, its {@code KrakenDigest} and DTOs, and {@link KrakenSignedCalls} for
 * what it lacks.
 *
 * <p><b>Client order id.</b> Kraken's {@code cl_ord_id} takes our UUID as it is (the legacy {@code userref} is an
 * int32 and could not). XChange 5.2.2 declares {@code cl_ord_id} on AddOrder, and both {@code placeKrakenMarketOrder}
 * and {@code placeKrakenLimitOrder} pass it when the order carries {@code CLIENT_ORDER_ID}; but both end in
 * {@code placeKrakenOrder}, which names the pair through {@code KrakenUtils}' static maps, and those are empty unless
 * some instance ran the remote init (then they are process-wide HashMaps that every instance clears and refills
 * without locking). Without it XChange sends {@code pair=null}. So the declared {@code addOrder} is called directly
 * with the pair's altname (BTC/EUR is {@code XBTEUR}) and {@code cl_ord_id}, for market, limit and stop-loss alike.
 *
 * <p><b>Lookup by client order id.</b> {@code QueryOrders} needs Kraken's txid, so the lookup asks {@code OpenOrders}
 * and then {@code ClosedOrders}, both filtered by {@code cl_ord_id} (checked again here, in case a filter is ignored).
 *
 * <p><b>Duplicates.</b> Kraken enforces {@code cl_ord_id} uniqueness across the account's <em>open</em> orders only
 * (docs: "Spot Client Order Identifiers"). A resubmission while the first order rests is refused; once it has filled
 * or been cancelled the same id is accepted again, and a second order exists. Only the lookup before a resubmission
 * prevents that.
 *
 * <p><b>Key permissions.</b> Kraken's REST API now has {@code GetApiKeyInfo} (any key may call it), which lists the
 * key's permissions: read means query-funds and query-open-trades, trade means modify-trades, withdraw means
 * withdraw-funds (the names in Kraken's example answer; the closed-orders and cancel permissions, which lookups and
 * cancels also need, are not named there and not checked).
 *
 * <p><b>Rate limits and nonce.</b> Kraken counts private calls per key in a decaying counter (history calls cost
 * 2) and orders in a separate per-pair counter; its errors name which limit was hit. Every private call carries a
 * nonce that must exceed the key's previous one, so one strictly increasing nonce source serves each key across all
 * threads of this process (rescu holds its lock while signing and sending, which also serialises the use of the
 * digest's Mac). Several processes sharing one key need Kraken's nonce window on that key.
 *
 * <p>Fees are requested in the quote currency ({@code oflags=fciq}), which is the currency TradesHistory reports
 * them in.
 */
public class KrakenGateway implements ExchangeGateway {

    private static final int WEIGHT_PRIVATE = 1;
    private static final int WEIGHT_HISTORY = 2;
    /** AddOrder and CancelOrder count against Kraken's per-pair trading counter, not the API counter. */
    private static final int WEIGHT_ORDER = 1;

    private static final int WEIGHT_PUBLIC = 1;
    private static final Duration DEFAULT_BACK_OFF = Duration.ofSeconds(10);
    /** Kraken: a temporary lockout "typically lasts approximately 15 minutes". */
    private static final Duration LOCKOUT_BACK_OFF = Duration.ofMinutes(15);

    private static final Duration ASSETS_TTL = Duration.ofMinutes(10);
    private static final int QUERY_TRADES_MAX_IDS = 20;
    private static final String FEES_IN_QUOTE = "fciq";
    /** Our asset names where Kraken's altnames differ. */
    private static final Map<String, String> KRAKEN_ASSETS = Map.of("BTC", "XBT", "DOGE", "XDG");

    private static final Map<String, String> OUR_ASSETS = Map.of("XBT", "BTC", "XDG", "DOGE");

    static {
        SinglePostTransport.ensure();
    }

    private final XChangeRest<Signer> rest;
    private final KrakenAuthenticated kraken;
    private final KrakenSignedCalls signed;
    private final ExchangeRateLimiter rateLimiter;
    private final Clock clock;
    private final Map<String, Nonce> nonces = XChangeRest.boundedCache();
    private volatile CachedAssets assets;

    private record Signer(String apiKey, KrakenDigest digest, Nonce nonce) {}

    /** Kraken's asset ids ({@code XXBT}, {@code ZEUR}) to their altnames ({@code XBT}, {@code EUR}). */
    private record CachedAssets(Map<String, String> altnames, Instant fetchedAt) {}

    /**
     * Strictly increasing per key across threads; milliseconds like XChange's own nonce, so a key that XChange used
     * before keeps working.
     */
    private static final class Nonce implements SynchronizedValueFactory<Long> {

        private final AtomicLong last = new AtomicLong();
        private final Clock clock;

        private Nonce(Clock clock) {
            this.clock = clock;
        }

        @Override
        public Long createValue() {
            return last.updateAndGet(previous -> Math.max(previous + 1, clock.millis()));
        }
    }

    /** Kraken's error list, reported in a successful HTTP answer. */
    private static final class KrakenError extends XChangeRest.ErrorBody {

        private final String code;

        private KrakenError(String[] errors) {
            super(String.join(", ", errors));
            this.code = errors[0];
            setHttpStatusCode(200);
        }

        @Override
        public String code() {
            return code;
        }

        @Override
        public String reason() {
            return super.getMessage();
        }
    }

    /** {@code baseUrl} e.g. {@code https://api.kraken.com}. */
    public KrakenGateway(
            URI baseUrl, ExchangeRateLimiter rateLimiter, Duration connectTimeout, Duration readTimeout, Clock clock) {
        this.rateLimiter = rateLimiter;
        this.clock = clock;
        this.rest = new XChangeRest<>(
                Exchange.KRAKEN,
                KrakenExchange.class,
                baseUrl,
                rateLimiter,
                connectTimeout,
                readTimeout,
                this::newSigner);
        this.kraken = rest.proxy(KrakenAuthenticated.class);
        this.signed = rest.proxy(KrakenSignedCalls.class);
    }

    @Override
    public Exchange exchange() {
        return Exchange.KRAKEN;
    }

    @Override
    public KeyPermissions permissions(ApiCredentials credentials) {
        Signer s = rest.signer(credentials);
        List<String> granted = call(
                        credentials, WEIGHT_PRIVATE, false, () -> signed.apiKeyInfo(s.apiKey(), s.digest(), s.nonce()))
                .permissions();
        Set<String> permissions = granted == null ? Set.of() : Set.copyOf(granted);
        return new KeyPermissions(
                permissions.contains("query-funds") && permissions.contains("query-open-trades"),
                permissions.contains("modify-trades"),
                permissions.contains("withdraw-funds"));
    }

    @Override
    public List<Balance> balances(ApiCredentials credentials) {
        Signer s = rest.signer(credentials);
        Map<String, KrakenSignedCalls.BalanceEx> balances =
                call(credentials, WEIGHT_PRIVATE, false, () -> signed.balanceEx(s.apiKey(), s.digest(), s.nonce()));
        Map<String, String> altnames = assetAltnames(credentials);
        List<Balance> result = new ArrayList<>();
        balances.forEach((asset, balance) -> {
            // Suffixed entries (XBT.M, DOT.S, USD.HOLD) are staked or reserved funds, not tradable ones.
            if (asset.contains(".")
                    || balance.balance() == null
                    || balance.balance().signum() <= 0) {
                return;
            }
            BigDecimal held = balance.holdTrade() == null ? BigDecimal.ZERO : balance.holdTrade();
            result.add(new Balance(
                    ourAsset(altnames.getOrDefault(asset, asset)),
                    balance.balance().subtract(held),
                    held));
        });
        return result;
    }

    @Override
    public BigDecimal lastPrice(ApiCredentials credentials, String symbol) {
        String altname = altname(BaseQuote.of(symbol));
        Map<String, KrakenSignedCalls.TickerInfo> tickers =
                call(credentials, WEIGHT_PUBLIC, false, () -> signed.ticker(altname));
        if (tickers == null || tickers.isEmpty()) {
            throw new ExchangeCallException(
                    ExchangeFailure.REJECTED,
                    "Kraken does not trade " + symbol,
                    "EQuery:Unknown asset pair",
                    null,
                    null);
        }
        List<String> lastTrade = tickers.values().iterator().next().lastTrade();
        if (lastTrade == null || lastTrade.isEmpty()) {
            throw new ExchangeCallException(
                    ExchangeFailure.UNAVAILABLE, "Kraken's ticker has no last trade for " + symbol);
        }
        return new BigDecimal(lastTrade.get(0));
    }

    @Override
    public InstrumentRules instrumentRules(ApiCredentials credentials, String symbol) {
        AssetPair pair = assetPair(credentials, symbol).getValue();
        if (pair.status() != null && !"online".equals(pair.status())) {
            throw new ExchangeCallException(
                    ExchangeFailure.REJECTED, "Kraken does not trade " + symbol + " now (" + pair.status() + ")");
        }
        BigDecimal tick = pair.tickSize() != null ? pair.tickSize() : BigDecimal.ONE.movePointLeft(pair.pairDecimals());
        return new InstrumentRules(
                symbol,
                positive(tick),
                positive(BigDecimal.ONE.movePointLeft(pair.lotDecimals())),
                positive(pair.ordermin()),
                positive(pair.costmin()));
    }

    @Override
    public ExchangeOrder placeOrder(ApiCredentials credentials, OrderRequest request) {
        String pair = altname(BaseQuote.of(request.symbol()));
        String side = request.side() == OrderRequest.OrderSide.BUY ? "buy" : "sell";
        String orderType = switch (request.type()) {
            case MARKET -> "market";
            case LIMIT -> "limit";
            // Kraken's stop-loss is a market order triggered at "price", which is what our STOP_LOSS means.
            case STOP_LOSS -> "stop-loss";
        };
        String price = switch (request.type()) {
            case MARKET -> null;
            case LIMIT -> plain(request.limitPrice());
            case STOP_LOSS -> plain(request.stopPrice());
        };
        String timeInForce = request.type() != OrderRequest.OrderType.LIMIT
                ? null
                : switch (request.timeInForce() == null ? OrderRequest.TimeInForce.GTC : request.timeInForce()) {
                    case GTC -> "GTC";
                    case IOC -> "IOC";
                    case FOK ->
                        throw new ExchangeCallException(ExchangeFailure.REJECTED, "Kraken has no fill-or-kill orders");
                };
        Signer s = rest.signer(credentials);
        KrakenOrderResponse placed = call(
                credentials,
                WEIGHT_ORDER,
                true,
                () -> kraken.addOrder(
                        pair,
                        side,
                        orderType,
                        price,
                        null,
                        plain(request.quantity()),
                        null,
                        null,
                        FEES_IN_QUOTE,
                        null,
                        null,
                        null,
                        null,
                        timeInForce,
                        request.clientOrderId(),
                        s.apiKey(),
                        s.digest(),
                        s.nonce()));
        if (placed == null
                || placed.getTransactionIds() == null
                || placed.getTransactionIds().isEmpty()) {
            throw new ExchangeCallException(
                    ExchangeFailure.UNKNOWN, "Kraken accepted order " + request.clientOrderId() + " without naming it");
        }
        // AddOrder answers only the txid; the order's progress comes from the lookups.
        return new ExchangeOrder(
                placed.getTransactionIds().get(0),
                request.clientOrderId(),
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
        Signer s = rest.signer(credentials);
        Map<String, OrderInfo> open = call(
                        credentials,
                        WEIGHT_PRIVATE,
                        false,
                        () -> signed.openOrders(clientOrderId, s.apiKey(), s.digest(), s.nonce()))
                .open();
        Optional<ExchangeOrder> found = newestWithClientOrderId(open, clientOrderId, symbol);
        if (found.isPresent()) {
            return found;
        }
        Map<String, OrderInfo> closed = call(
                        credentials,
                        WEIGHT_PRIVATE,
                        false,
                        () -> signed.closedOrders(clientOrderId, s.apiKey(), s.digest(), s.nonce()))
                .closed();
        return newestWithClientOrderId(closed, clientOrderId, symbol);
    }

    @Override
    public Optional<ExchangeOrder> orderByExchangeOrderId(
            ApiCredentials credentials, String symbol, String exchangeOrderId) {
        return queryOrder(credentials, exchangeOrderId, false).map(info -> order(exchangeOrderId, info, symbol));
    }

    @Override
    public ExchangeOrder cancelOrder(ApiCredentials credentials, String symbol, String exchangeOrderId) {
        Signer s = rest.signer(credentials);
        try {
            call(
                    credentials,
                    WEIGHT_ORDER,
                    true,
                    () -> kraken.cancelOrder(s.apiKey(), s.digest(), s.nonce(), exchangeOrderId));
        } catch (ExchangeCallException e) {
            // "EOrder:Unknown order": no longer open, usually filled before the cancel arrived. Its final state is
            // what the caller needs, not an error.
            if (!isUnknownOrder(e.exchangeCode())) {
                throw e;
            }
        }
        return orderByExchangeOrderId(credentials, symbol, exchangeOrderId)
                .orElseThrow(() -> new ExchangeCallException(
                        ExchangeFailure.REJECTED,
                        "Kraken has no order " + exchangeOrderId,
                        "EOrder:Unknown order",
                        null,
                        null));
    }

    @Override
    public List<ExchangeOrder> openOrders(ApiCredentials credentials, String symbol) {
        String pair = altname(BaseQuote.of(symbol));
        Signer s = rest.signer(credentials);
        Map<String, OrderInfo> open = call(
                        credentials,
                        WEIGHT_PRIVATE,
                        false,
                        () -> signed.openOrders(null, s.apiKey(), s.digest(), s.nonce()))
                .open();
        List<ExchangeOrder> orders = new ArrayList<>();
        if (open != null) {
            open.forEach((txid, info) -> {
                if (info.descr() != null && pair.equalsIgnoreCase(info.descr().getAssetPair())) {
                    orders.add(order(txid, info, symbol));
                }
            });
        }
        return orders;
    }

    @Override
    public List<Fill> fillsForOrder(ApiCredentials credentials, String symbol, String exchangeOrderId) {
        BaseQuote assets = BaseQuote.of(symbol);
        List<String> tradeIds = queryOrder(credentials, exchangeOrderId, true)
                .map(OrderInfo::trades)
                .orElse(List.of());
        if (tradeIds == null) {
            return List.of();
        }
        Signer s = rest.signer(credentials);
        List<Fill> fills = new ArrayList<>();
        for (int from = 0; from < tradeIds.size(); from += QUERY_TRADES_MAX_IDS) {
            String ids =
                    String.join(",", tradeIds.subList(from, Math.min(from + QUERY_TRADES_MAX_IDS, tradeIds.size())));
            Map<String, KrakenTrade> trades = call(
                    credentials,
                    WEIGHT_HISTORY,
                    false,
                    () -> kraken.queryTrades(false, ids, s.apiKey(), s.digest(), s.nonce()));
            trades.forEach((tradeId, trade) -> fills.add(fill(tradeId, trade, symbol, assets.quote())));
        }
        fills.sort(Comparator.comparing(Fill::executedAt));
        return fills;
    }

    @Override
    public List<Fill> fillsSince(ApiCredentials credentials, String symbol, Instant since) {
        BaseQuote assets = BaseQuote.of(symbol);
        Map.Entry<String, AssetPair> pair = assetPair(credentials, symbol);
        Signer s = rest.signer(credentials);
        // "start" is exclusive and in seconds; trades in the second of `since` before it are dropped below.
        String start = Long.toString(since.getEpochSecond() - 1);
        Map<String, Fill> fills = new LinkedHashMap<>();
        long offset = 0;
        // TradesHistory pages newest first, 50 at a time; trades that arrive meanwhile shift the pages, so a trade
        // may come twice (deduplicated by id) but none is skipped.
        while (true) {
            long pageOffset = offset;
            KrakenTradeHistory page = call(
                    credentials,
                    WEIGHT_HISTORY,
                    false,
                    () -> kraken.tradeHistory(null, false, start, null, pageOffset, s.apiKey(), s.digest(), s.nonce()));
            Map<String, KrakenTrade> trades = page.getTrades() == null ? Map.of() : page.getTrades();
            trades.forEach((tradeId, trade) -> {
                boolean samePair = pair.getKey().equals(trade.getAssetPair())
                        || pair.getValue().altname().equals(trade.getAssetPair());
                Fill fill = fill(tradeId, trade, symbol, assets.quote());
                if (samePair && !fill.executedAt().isBefore(since)) {
                    fills.putIfAbsent(tradeId, fill);
                }
            });
            offset += trades.size();
            if (trades.isEmpty() || offset >= page.getCount()) {
                break;
            }
        }
        List<Fill> result = new ArrayList<>(fills.values());
        result.sort(Comparator.comparing(Fill::executedAt));
        return result;
    }

    // --- Calls and their failures -------------------------------------------------------------------------

    /** One call whose Kraken error list becomes a classified failure. */
    private <V> V call(
            ApiCredentials credentials,
            int weight,
            boolean mutating,
            XChangeRest.Call<? extends KrakenResult<V>> call) {
        return rest.call(
                credentials,
                weight,
                mutating,
                () -> {
                    KrakenResult<V> answer = call.call();
                    // Kraken's list also carries warnings ("W..."), which do not fail the call.
                    String[] errors = answer.getError() == null
                            ? new String[0]
                            : Arrays.stream(answer.getError())
                                    .filter(error -> error != null && error.startsWith("E"))
                                    .toArray(String[]::new);
                    if (errors.length > 0) {
                        throw new KrakenError(errors);
                    }
                    return answer.getResult();
                },
                (answer, isMutating) -> classify(credentials, answer, isMutating));
    }

    private ExchangeCallException classify(ApiCredentials credentials, ErrorAnswer answer, boolean mutating) {
        String code = answer.code() == null ? "" : answer.code();
        String message = "Kraken: " + answer.message();
        if (startsWith(code, "EAPI:Invalid key", "EAPI:Invalid signature", "EGeneral:Permission denied", "EAuth:")) {
            return new ExchangeCallException(ExchangeFailure.AUTH, message, code, null, null);
        }
        if (code.startsWith("EAPI:Invalid nonce")) {
            // Refused before processing. Persistent when another process uses the key: that needs a nonce window.
            return new ExchangeCallException(ExchangeFailure.UNAVAILABLE, message, code, null, null);
        }
        if (startsWith(code, "EAPI:Rate limit exceeded", "EOrder:Rate limit exceeded", "EGeneral:Too many requests")) {
            // Kraken's call and order counters are per key.
            rateLimiter.backOff(Exchange.KRAKEN, credentials.keyId(), DEFAULT_BACK_OFF);
            return new ExchangeCallException(ExchangeFailure.RATE_LIMITED, message, code, DEFAULT_BACK_OFF, null);
        }
        if (code.startsWith("EGeneral:Temporary lockout")) {
            // Kraken locks out by IP: every key of this process.
            rateLimiter.backOff(Exchange.KRAKEN, null, LOCKOUT_BACK_OFF);
            return new ExchangeCallException(ExchangeFailure.RATE_LIMITED, message, code, LOCKOUT_BACK_OFF, null);
        }
        if (code.startsWith("EService:Market in")) {
            // cancel_only, post_only, limit_only: the market refuses this order now.
            return new ExchangeCallException(ExchangeFailure.REJECTED, message, code, null, null);
        }
        if (startsWith(code, "EOrder:", "EQuery:", "EGeneral:Invalid arguments", "EFunding:")) {
            // Insufficient funds, order or cost minimum not met, invalid price, unknown pair, a cl_ord_id already
            // in use by an open order: definite refusals.
            return new ExchangeCallException(ExchangeFailure.REJECTED, message, code, null, null);
        }
        if (!code.isEmpty()) {
            // EService:Unavailable/Busy/Deadline elapsed, EGeneral:Internal error and anything unlisted: the
            // request may have reached the matching engine.
            return new ExchangeCallException(
                    mutating ? ExchangeFailure.UNKNOWN : ExchangeFailure.UNAVAILABLE,
                    message + (mutating ? "; the request may have been executed" : ""),
                    code,
                    null,
                    null);
        }
        ExchangeCallException classified = ExchangeFailures.byStatus(
                Exchange.KRAKEN,
                answer.httpStatus(),
                answer.retryAfter() == null ? DEFAULT_BACK_OFF : answer.retryAfter(),
                mutating,
                null,
                null);
        if (classified.failure() == ExchangeFailure.RATE_LIMITED) {
            // A 429 from Kraken's edge counts per IP.
            rateLimiter.backOff(Exchange.KRAKEN, null, classified.retryAfter());
        }
        return classified;
    }

    private Optional<OrderInfo> queryOrder(ApiCredentials credentials, String txid, boolean withTrades) {
        Signer s = rest.signer(credentials);
        try {
            Map<String, OrderInfo> orders = call(
                    credentials,
                    WEIGHT_PRIVATE,
                    false,
                    () -> signed.queryOrders(txid, withTrades, s.apiKey(), s.digest(), s.nonce()));
            return Optional.ofNullable(orders == null ? null : orders.get(txid));
        } catch (ExchangeCallException e) {
            if (isUnknownOrder(e.exchangeCode())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Map.Entry<String, AssetPair> assetPair(ApiCredentials credentials, String symbol) {
        String altname = altname(BaseQuote.of(symbol));
        Map<String, AssetPair> pairs = call(credentials, WEIGHT_PUBLIC, false, () -> signed.assetPairs(altname));
        if (pairs == null || pairs.isEmpty()) {
            throw new ExchangeCallException(
                    ExchangeFailure.REJECTED,
                    "Kraken does not trade " + symbol,
                    "EQuery:Unknown asset pair",
                    null,
                    null);
        }
        return pairs.entrySet().iterator().next();
    }

    private Map<String, String> assetAltnames(ApiCredentials credentials) {
        CachedAssets cached = assets;
        if (cached != null && cached.fetchedAt().plus(ASSETS_TTL).isAfter(clock.instant())) {
            return cached.altnames();
        }
        Map<String, String> altnames = new HashMap<>();
        call(credentials, WEIGHT_PUBLIC, false, signed::assets)
                .forEach((id, asset) -> altnames.put(id, asset.getAltName()));
        assets = new CachedAssets(Map.copyOf(altnames), clock.instant());
        return assets.altnames();
    }

    private Signer newSigner(ApiCredentials credentials) {
        return new Signer(
                credentials.apiKey(),
                KrakenDigest.createInstance(credentials.secret()),
                nonces.computeIfAbsent(credentials.keyId(), keyId -> new Nonce(clock)));
    }

    // --- Mapping ---------------------------------------------------------------------------------------------

    private static boolean isUnknownOrder(String code) {
        return code != null && (code.startsWith("EOrder:Unknown order") || code.startsWith("EOrder:Invalid order"));
    }

    private static boolean startsWith(String code, String... prefixes) {
        for (String prefix : prefixes) {
            if (code.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String altname(BaseQuote assets) {
        return KRAKEN_ASSETS.getOrDefault(assets.base(), assets.base())
                + KRAKEN_ASSETS.getOrDefault(assets.quote(), assets.quote());
    }

    private static String ourAsset(String altname) {
        return OUR_ASSETS.getOrDefault(altname, altname);
    }

    private static Optional<ExchangeOrder> newestWithClientOrderId(
            Map<String, OrderInfo> orders, String clientOrderId, String symbol) {
        if (orders == null) {
            return Optional.empty();
        }
        return orders.entrySet().stream()
                .filter(entry -> clientOrderId.equals(entry.getValue().clientOrderId()))
                .max(Comparator.comparingDouble(entry -> entry.getValue().opentm()))
                .map(entry -> order(entry.getKey(), entry.getValue(), symbol));
    }

    private static ExchangeOrder order(String txid, OrderInfo info, String symbol) {
        BigDecimal filled = info.volExec() == null ? BigDecimal.ZERO : info.volExec();
        BigDecimal average = filled.signum() > 0 && info.cost() != null
                ? info.cost().divide(filled, 8, RoundingMode.HALF_EVEN).stripTrailingZeros()
                : null;
        KrakenOrderDescription descr = info.descr();
        OrderRequest.OrderSide side = descr != null && descr.getType() == KrakenType.SELL
                ? OrderRequest.OrderSide.SELL
                : OrderRequest.OrderSide.BUY;
        KrakenOrderType krakenType = descr == null ? null : descr.getOrderType();
        OrderRequest.OrderType type = krakenType == KrakenOrderType.MARKET
                ? OrderRequest.OrderType.MARKET
                : krakenType == KrakenOrderType.STOP_LOSS
                        ? OrderRequest.OrderType.STOP_LOSS
                        : OrderRequest.OrderType.LIMIT;
        double seconds = info.closetm() > 0 ? info.closetm() : info.opentm();
        return new ExchangeOrder(
                txid,
                info.clientOrderId(),
                symbol,
                side,
                type,
                info.vol(),
                filled,
                average,
                status(info.status(), filled, info.vol()),
                Instant.ofEpochMilli(Math.round(seconds * 1000)));
    }

    private static ExchangeOrder.Status status(String status, BigDecimal filled, BigDecimal quantity) {
        return switch (String.valueOf(status)) {
            case "closed" ->
                quantity == null || filled.compareTo(quantity) >= 0
                        ? ExchangeOrder.Status.FILLED
                        : ExchangeOrder.Status.EXPIRED;
            case "canceled" -> ExchangeOrder.Status.CANCELLED;
            case "expired" -> ExchangeOrder.Status.EXPIRED;
            // pending, open, and any state Kraken adds: not final, so it is looked at again.
            default -> filled.signum() > 0 ? ExchangeOrder.Status.PARTIALLY_FILLED : ExchangeOrder.Status.OPEN;
        };
    }

    private static Fill fill(String tradeId, KrakenTrade trade, String symbol, String quoteAsset) {
        return new Fill(
                tradeId,
                trade.getOrderTxId(),
                symbol,
                trade.getType() == KrakenType.SELL ? OrderRequest.OrderSide.SELL : OrderRequest.OrderSide.BUY,
                trade.getPrice(),
                trade.getVolume(),
                trade.getFee(),
                quoteAsset,
                Instant.ofEpochMilli(Math.round(trade.getUnixTimestamp() * 1000)));
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    private static BigDecimal positive(BigDecimal value) {
        return value != null && value.signum() > 0 ? value.stripTrailingZeros() : null;
    }
}
