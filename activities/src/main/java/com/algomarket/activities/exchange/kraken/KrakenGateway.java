package com.algomarket.activities.exchange.kraken;

import static com.algomarket.activities.exchange.kraken.KrakenMapping.altname;
import static com.algomarket.activities.exchange.kraken.KrakenMapping.fill;
import static com.algomarket.activities.exchange.kraken.KrakenMapping.isUnknownOrder;
import static com.algomarket.activities.exchange.kraken.KrakenMapping.newestWithClientOrderId;
import static com.algomarket.activities.exchange.kraken.KrakenMapping.order;
import static com.algomarket.activities.exchange.kraken.KrakenMapping.orderType;
import static com.algomarket.activities.exchange.kraken.KrakenMapping.ourAsset;
import static com.algomarket.activities.exchange.kraken.KrakenMapping.plain;
import static com.algomarket.activities.exchange.kraken.KrakenMapping.positive;
import static com.algomarket.activities.exchange.kraken.KrakenMapping.price;
import static com.algomarket.activities.exchange.kraken.KrakenMapping.price2;
import static com.algomarket.activities.exchange.kraken.KrakenMapping.timeInForce;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.Balance;
import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeOrder;
import com.algomarket.activities.exchange.Fill;
import com.algomarket.activities.exchange.InstrumentRules;
import com.algomarket.activities.exchange.KeyPermissions;
import com.algomarket.activities.exchange.OrderLookups;
import com.algomarket.activities.exchange.OrderRequest;
import com.algomarket.activities.exchange.kraken.KrakenCalls.Signer;
import com.algomarket.activities.exchange.kraken.KrakenSignedCalls.AssetPair;
import com.algomarket.activities.exchange.kraken.KrakenSignedCalls.OrderInfo;
import com.algomarket.activities.exchange.transport.ExchangeRateLimiter;
import com.algomarket.activities.exchange.transport.RestEndpoint;
import com.algomarket.activities.exchange.transport.SignedXChangeGateway;
import com.algomarket.activities.exchange.transport.XChangeRest.BaseQuote;
import com.algomarket.workflows.exchange.ExchangeFailure;
import com.algomarket.workflows.orders.Side;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.knowm.xchange.kraken.KrakenAuthenticated;
import org.knowm.xchange.kraken.dto.trade.KrakenOrderResponse;
import org.knowm.xchange.kraken.dto.trade.KrakenTrade;
import org.knowm.xchange.kraken.dto.trade.results.KrakenTradeHistoryResult.KrakenTradeHistory;

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
 * <p>Fees are requested in the quote currency ({@code oflags=fciq}), which is the currency TradesHistory reports
 * them in.
 */
public class KrakenGateway extends SignedXChangeGateway<KrakenCalls> {

    private static final int WEIGHT_PRIVATE = 1;
    private static final int WEIGHT_HISTORY = 2;
    /** AddOrder and CancelOrder count against Kraken's per-pair trading counter, not the API counter. */
    private static final int WEIGHT_ORDER = 1;

    private static final int WEIGHT_PUBLIC = 1;

    private static final int QUERY_TRADES_MAX_IDS = 20;
    private static final String FEES_IN_QUOTE = "fciq";

    private final KrakenAuthenticated kraken;
    private final KrakenSignedCalls signed;
    private final KrakenAssets assetNames;

    /** {@code endpoint} e.g. at {@code https://api.kraken.com}. */
    public KrakenGateway(RestEndpoint endpoint, ExchangeRateLimiter rateLimiter, Clock clock) {
        super(new KrakenCalls(endpoint, rateLimiter, clock), clock);
        this.assetNames = new KrakenAssets(calls, clock);
        this.kraken = calls.proxy(KrakenAuthenticated.class);
        this.signed = calls.proxy(KrakenSignedCalls.class);
    }

    @Override
    public KeyPermissions permissions(ApiCredentials credentials) {
        List<String> granted = calls.signed(credentials, WEIGHT_PRIVATE, false, KrakenSignedCalls::apiKeyInfo)
                .permissions();
        Set<String> permissions = granted == null ? Set.of() : Set.copyOf(granted);
        return new KeyPermissions(
                permissions.contains("query-funds") && permissions.contains("query-open-trades"),
                permissions.contains("modify-trades"),
                permissions.contains("withdraw-funds"));
    }

    @Override
    public List<Balance> balances(ApiCredentials credentials) {
        Map<String, KrakenSignedCalls.BalanceEx> balances =
                calls.signed(credentials, WEIGHT_PRIVATE, false, KrakenSignedCalls::balanceEx);
        Map<String, String> altnames = assetNames.altnames(credentials);
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
        List<String> lastTrade = ticker(credentials, symbol).lastTrade();
        if (lastTrade == null || lastTrade.isEmpty()) {
            throw new ExchangeCallException(
                    ExchangeFailure.UNAVAILABLE, "Kraken's ticker has no last trade for " + symbol);
        }
        return new BigDecimal(lastTrade.get(0));
    }

    @Override
    public Optional<BigDecimal> bestAsk(ApiCredentials credentials, String symbol) {
        List<String> ask = ticker(credentials, symbol).ask();
        return ask == null || ask.isEmpty()
                ? Optional.empty()
                : Optional.of(new BigDecimal(ask.get(0))).filter(price -> price.signum() > 0);
    }

    private KrakenSignedCalls.TickerInfo ticker(ApiCredentials credentials, String symbol) {
        String altname = altname(BaseQuote.of(symbol));
        Map<String, KrakenSignedCalls.TickerInfo> tickers =
                calls.call(credentials, WEIGHT_PUBLIC, false, () -> signed.ticker(altname));
        if (tickers == null || tickers.isEmpty()) {
            throw KrakenMapping.notTraded(symbol);
        }
        return tickers.values().iterator().next();
    }

    @Override
    public InstrumentRules instrumentRules(ApiCredentials credentials, String symbol) {
        AssetPair pair = assetNames.pair(credentials, symbol).getValue();
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
        String side = request.side() == Side.BUY ? "buy" : "sell";
        String orderType = orderType(request);
        String price = price(request);
        String timeInForce = timeInForce(request);
        Signer s = calls.signer(credentials);
        KrakenOrderResponse placed = calls.call(
                credentials,
                WEIGHT_ORDER,
                true,
                () -> kraken.addOrder(
                        pair,
                        side,
                        orderType,
                        price,
                        price2(request),
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
        return ExchangeOrder.accepted(
                placed.getTransactionIds().get(0), request.clientOrderId(), request, clock.instant());
    }

    @Override
    public Optional<ExchangeOrder> orderByClientOrderId(
            ApiCredentials credentials, String symbol, String clientOrderId) {
        Map<String, OrderInfo> open = calls.signed(
                        credentials, WEIGHT_PRIVATE, false, (api, nonce) -> api.openOrders(clientOrderId, nonce))
                .open();
        Optional<ExchangeOrder> found = newestWithClientOrderId(open, clientOrderId, symbol);
        if (found.isPresent()) {
            return found;
        }
        Map<String, OrderInfo> closed = calls.signed(
                        credentials, WEIGHT_PRIVATE, false, (api, nonce) -> api.closedOrders(clientOrderId, nonce))
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
        Signer s = calls.signer(credentials);
        // "EOrder:Unknown order": no longer open.
        return OrderLookups.cancelThenLookUp(
                () -> calls.call(
                        credentials,
                        WEIGHT_ORDER,
                        true,
                        () -> kraken.cancelOrder(s.apiKey(), s.digest(), s.nonce(), exchangeOrderId)),
                e -> isUnknownOrder(e.exchangeCode()),
                () -> orderByExchangeOrderId(credentials, symbol, exchangeOrderId),
                () -> new ExchangeCallException(
                        ExchangeFailure.REJECTED,
                        "Kraken has no order " + exchangeOrderId,
                        "EOrder:Unknown order",
                        null,
                        null));
    }

    @Override
    public List<ExchangeOrder> openOrders(ApiCredentials credentials, String symbol) {
        return accountOpenOrders(credentials, List.of(symbol));
    }

    /** Kraken's OpenOrders lists the whole account's: one call for all the symbols, told apart here by pair. */
    @Override
    public List<ExchangeOrder> accountOpenOrders(ApiCredentials credentials, Collection<String> symbols) {
        Map<String, String> symbolByPair = new HashMap<>();
        symbols.forEach(symbol -> symbolByPair.put(altname(BaseQuote.of(symbol)).toUpperCase(Locale.ROOT), symbol));
        Map<String, OrderInfo> open = calls.signed(
                        credentials, WEIGHT_PRIVATE, false, (api, nonce) -> api.openOrders(null, nonce))
                .open();
        List<ExchangeOrder> orders = new ArrayList<>();
        if (open != null) {
            open.forEach((txid, info) -> {
                String pair = info.descr() == null ? null : info.descr().getAssetPair();
                String symbol = pair == null ? null : symbolByPair.get(pair.toUpperCase(Locale.ROOT));
                if (symbol != null) {
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
        Signer s = calls.signer(credentials);
        List<Fill> fills = new ArrayList<>();
        for (int from = 0; from < tradeIds.size(); from += QUERY_TRADES_MAX_IDS) {
            String ids =
                    String.join(",", tradeIds.subList(from, Math.min(from + QUERY_TRADES_MAX_IDS, tradeIds.size())));
            Map<String, KrakenTrade> trades = calls.call(
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
        return accountFillsSince(credentials, List.of(symbol), since);
    }

    /** Kraken's TradesHistory covers the whole account: one paged read for all the symbols, told apart by pair. */
    @Override
    public List<Fill> accountFillsSince(ApiCredentials credentials, Collection<String> symbols, Instant since) {
        Map<String, String> symbolByPair = new HashMap<>();
        symbols.forEach(
                symbol -> assetNames.pairNames(credentials, symbol).forEach(name -> symbolByPair.put(name, symbol)));
        Signer s = calls.signer(credentials);
        // "start" is exclusive and in seconds; trades in the second of `since` before it are dropped below.
        String start = Long.toString(since.getEpochSecond() - 1);
        Map<String, Fill> fills = new LinkedHashMap<>();
        long offset = 0;
        // TradesHistory pages newest first, 50 at a time; trades that arrive meanwhile shift the pages, so a trade
        // may come twice (deduplicated by id) but none is skipped.
        while (true) {
            long pageOffset = offset;
            KrakenTradeHistory page = calls.call(
                    credentials,
                    WEIGHT_HISTORY,
                    false,
                    () -> kraken.tradeHistory(null, false, start, null, pageOffset, s.apiKey(), s.digest(), s.nonce()));
            Map<String, KrakenTrade> trades = page.getTrades() == null ? Map.of() : page.getTrades();
            trades.forEach((tradeId, trade) -> {
                String symbol = symbolByPair.get(trade.getAssetPair());
                Fill fill = symbol == null
                        ? null
                        : fill(tradeId, trade, symbol, BaseQuote.of(symbol).quote());
                if (fill != null && !fill.executedAt().isBefore(since)) {
                    fills.putIfAbsent(tradeId, fill);
                }
            });
            offset += trades.size();
            if (trades.isEmpty() || offset >= page.getCount()) {
                break;
            }
        }
        return Fill.oldestFirst(fills.values());
    }

    private Optional<OrderInfo> queryOrder(ApiCredentials credentials, String txid, boolean withTrades) {
        return OrderLookups.orEmpty(
                () -> {
                    Map<String, OrderInfo> orders = calls.signed(
                            credentials,
                            WEIGHT_PRIVATE,
                            false,
                            (api, nonce) -> api.queryOrders(txid, withTrades, nonce));
                    return Optional.ofNullable(orders == null ? null : orders.get(txid));
                },
                e -> isUnknownOrder(e.exchangeCode()));
    }
}
