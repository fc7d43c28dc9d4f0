package com.algomarket.activities.exchange.bitstamp;

import static com.algomarket.activities.exchange.bitstamp.BitstampMapping.instant;
import static com.algomarket.activities.exchange.bitstamp.BitstampMapping.openOrder;
import static com.algomarket.activities.exchange.bitstamp.BitstampMapping.order;
import static com.algomarket.activities.exchange.bitstamp.BitstampMapping.pair;
import static com.algomarket.activities.exchange.bitstamp.BitstampMapping.plain;
import static com.algomarket.activities.exchange.bitstamp.BitstampMapping.side;
import static com.algomarket.activities.exchange.bitstamp.BitstampMapping.trades;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.Balance;
import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeOrder;
import com.algomarket.activities.exchange.Fill;
import com.algomarket.activities.exchange.InstrumentRules;
import com.algomarket.activities.exchange.KeyPermissions;
import com.algomarket.activities.exchange.OrderLookups;
import com.algomarket.activities.exchange.OrderRequest;
import com.algomarket.activities.exchange.bitstamp.BitstampSignedCalls.OrderStatus;
import com.algomarket.activities.exchange.bitstamp.BitstampSignedCalls.Transaction;
import com.algomarket.activities.exchange.transport.ExchangeRateLimiter;
import com.algomarket.activities.exchange.transport.RestEndpoint;
import com.algomarket.activities.exchange.transport.SignedXChangeGateway;
import com.algomarket.activities.exchange.transport.XChangeRest.BaseQuote;
import com.algomarket.workflows.exchange.ExchangeFailure;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.orders.TimeInForce;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchange.bitstamp.dto.marketdata.BitstampPairInfo;
import org.knowm.xchange.bitstamp.dto.trade.BitstampOrder;

/**
 * Bitstamp through its v2 API, signed by XChange's {@code BitstampDigestV2} (module 5.2.3): X-Auth headers and
 * HMAC-SHA256 over "BITSTAMP " + key, method, host, path, query, content type, nonce, timestamp, version and body.
 * The calls are declared in {@link BitstampSignedCalls}, because XChange's carry neither the client order id nor the
 * error codes.
 *
 * <p><b>Client order id.</b> XChange 5.2.3 cannot pass one: its buy and sell declarations have no
 * {@code client_order_id}, and its {@code order_status} takes only the numeric id. Ours send {@code client_order_id}
 * on limit and market orders alike.
 *
 * <p><b>Lookup by client order id.</b> {@code order_status} with {@code client_order_id}; Bitstamp keeps closed
 * orders there for 30 days and answers "Order not found" after that.
 *
 * <p><b>Duplicates.</b> Bitstamp's reference says of {@code client_order_id}: "It should be unique, but there are no
 * additional constraints or checks guaranteed on the field by Bitstamp". Its response codes include 400.019
 * "Provided client_order_id already exists", classified REJECTED, but nothing promises that check: only the lookup
 * before a resubmission prevents a second order.
 *
 * <p><b>Key permissions.</b> Bitstamp has no call that reads them. {@link #permissions} proves the key by reading
 * its balances: read is then true, withdraw null (unknown), and trade true by assumption (a key without order
 * permissions fails its first order as AUTH, "No permission found").
 *
 * <p><b>Host.</b> {@code BitstampDigestV2} signs the host name "www.bitstamp.net" whatever the base URL, as Bitstamp
 * verifies it; the gateway therefore works against www.bitstamp.net and doubles that verify the same way only.
 *
 * <p>Bitstamp has no order type in its order status, so orders looked up there have a null type; it has no
 * stop-loss order in this API either, and such requests are refused before any call.
 */
public class BitstampGateway extends SignedXChangeGateway<BitstampCalls> {

    private static final String TRUE = "True";
    private static final int TRANSACTIONS_PAGE = 1000;

    private final BitstampSignedCalls bitstamp;

    /** {@code endpoint} e.g. at {@code https://www.bitstamp.net}. */
    public BitstampGateway(RestEndpoint endpoint, ExchangeRateLimiter rateLimiter, Clock clock) {
        super(new BitstampCalls(endpoint, rateLimiter, clock), clock);
        this.bitstamp = calls.proxy(BitstampSignedCalls.class);
    }

    @Override
    public KeyPermissions permissions(ApiCredentials credentials) {
        balances(credentials);
        return new KeyPermissions(true, true, null);
    }

    @Override
    public List<Balance> balances(ApiCredentials credentials) {
        return calls.signed(credentials, false, BitstampSignedCalls::accountBalances).stream()
                .filter(balance -> balance.total() != null && balance.total().signum() > 0)
                .map(balance -> new Balance(
                        balance.currency().toUpperCase(Locale.ROOT), balance.available(), balance.reserved()))
                .toList();
    }

    @Override
    public BigDecimal lastPrice(ApiCredentials credentials, String symbol) {
        BitstampSignedCalls.Ticker ticker = ticker(credentials, symbol);
        if (ticker == null || ticker.last() == null) {
            throw new ExchangeCallException(
                    ExchangeFailure.UNAVAILABLE, "Bitstamp's ticker has no last price for " + symbol);
        }
        return ticker.last();
    }

    @Override
    public Optional<BigDecimal> bestAsk(ApiCredentials credentials, String symbol) {
        BitstampSignedCalls.Ticker ticker = ticker(credentials, symbol);
        return Optional.ofNullable(ticker == null ? null : ticker.ask()).filter(ask -> ask.signum() > 0);
    }

    private BitstampSignedCalls.Ticker ticker(ApiCredentials credentials, String symbol) {
        String pair = pair(BaseQuote.of(symbol));
        return calls.call(credentials, false, () -> bitstamp.ticker(pair));
    }

    @Override
    public InstrumentRules instrumentRules(ApiCredentials credentials, String symbol) {
        String pair = pair(BaseQuote.of(symbol));
        BitstampPairInfo info = calls.call(credentials, false, bitstamp::tradingPairs).stream()
                .filter(candidate -> pair.equals(candidate.getUrlSymbol()))
                .findFirst()
                .orElse(null);
        if (info == null || !"Enabled".equals(info.getTrading())) {
            throw new ExchangeCallException(ExchangeFailure.REJECTED, "Bitstamp does not trade " + symbol);
        }
        // minimum_order is the least order value in the quote currency, e.g. "10.0 EUR".
        String minimumOrder =
                info.getMinimumOrder() == null ? "" : info.getMinimumOrder().trim();
        BigDecimal minNotional =
                minimumOrder.isEmpty() ? null : new BigDecimal(minimumOrder.split(" ")[0]);
        return new InstrumentRules(
                symbol,
                BigDecimal.ONE.movePointLeft(info.getCounterDecimals()),
                BigDecimal.ONE.movePointLeft(info.getBaseDecimals()),
                null,
                minNotional);
    }

    @Override
    public ExchangeOrder placeOrder(ApiCredentials credentials, OrderRequest request) {
        String pair = pair(BaseQuote.of(request.symbol()));
        String side = request.side() == Side.BUY ? "buy" : "sell";
        String amount = plain(request.quantity());
        BitstampOrder placed = switch (request.type()) {
            case MARKET ->
                calls.signed(
                        credentials,
                        true,
                        (api, nonce) -> api.marketOrder(nonce, side, pair, amount, request.clientOrderId()));
            case LIMIT -> {
                TimeInForce timeInForce = request.timeInForce() == null ? TimeInForce.GTC : request.timeInForce();
                yield calls.signed(
                        credentials,
                        true,
                        (api, nonce) -> api.limitOrder(
                                nonce,
                                side,
                                pair,
                                amount,
                                plain(request.limitPrice()),
                                timeInForce == TimeInForce.IOC ? TRUE : null,
                                timeInForce == TimeInForce.FOK ? TRUE : null,
                                request.clientOrderId()));
            }
            case STOP_LOSS ->
                throw new ExchangeCallException(ExchangeFailure.REJECTED, "Bitstamp's API has no stop-loss orders");
            case STOP_LIMIT ->
                throw new ExchangeCallException(ExchangeFailure.REJECTED, "Bitstamp's API has no stop-limit orders");
            case TRAILING_STOP -> throw ExchangeCallException.trailingStopIsOurs();
        };
        // Buy and sell answer the order as accepted; its progress comes from the lookups.
        return ExchangeOrder.accepted(
                Long.toString(placed.getId()),
                request.clientOrderId(),
                request,
                placed.getDatetime() == null
                        ? clock.instant()
                        : placed.getDatetime().toInstant());
    }

    @Override
    public Optional<ExchangeOrder> orderByClientOrderId(
            ApiCredentials credentials, String symbol, String clientOrderId) {
        return orderStatus(credentials, null, clientOrderId).map(status -> order(status, symbol));
    }

    @Override
    public Optional<ExchangeOrder> orderByExchangeOrderId(
            ApiCredentials credentials, String symbol, String exchangeOrderId) {
        return orderStatus(credentials, exchangeOrderId, null).map(status -> order(status, symbol));
    }

    @Override
    public ExchangeOrder cancelOrder(ApiCredentials credentials, String symbol, String exchangeOrderId) {
        // "Order not found": no longer in the book.
        return OrderLookups.cancelThenLookUp(
                () -> calls.signed(credentials, true, (api, nonce) -> api.cancelOrder(nonce, exchangeOrderId)),
                BitstampMapping::isOrderNotFound,
                () -> orderByExchangeOrderId(credentials, symbol, exchangeOrderId),
                () -> new ExchangeCallException(ExchangeFailure.REJECTED, "Bitstamp has no order " + exchangeOrderId));
    }

    @Override
    public List<ExchangeOrder> openOrders(ApiCredentials credentials, String symbol) {
        String pair = pair(BaseQuote.of(symbol));
        return calls.signed(credentials, false, (api, nonce) -> api.openOrders(nonce, pair)).stream()
                .map(open -> openOrder(open, symbol))
                .toList();
    }

    @Override
    public List<Fill> fillsForOrder(ApiCredentials credentials, String symbol, String exchangeOrderId) {
        BaseQuote assets = BaseQuote.of(symbol);
        return orderStatus(credentials, exchangeOrderId, null)
                .map(status -> trades(status, assets).stream()
                        .map(trade -> new Fill(
                                trade.tid,
                                status.id(),
                                symbol,
                                side(status.type()),
                                trade.price(assets.base(), assets.quote()),
                                trade.amount(assets.base()).abs(),
                                trade.fee,
                                assets.quote(),
                                instant(trade.datetime)))
                        .toList())
                .orElse(List.of());
    }

    @Override
    public List<Fill> fillsSince(ApiCredentials credentials, String symbol, Instant since) {
        BaseQuote assets = BaseQuote.of(symbol);
        String pair = pair(assets);
        Map<String, Fill> fills = new LinkedHashMap<>();
        // Newest first, 1,000 a page, until a page reaches back before `since`. Transactions arriving meanwhile
        // shift the pages, so one may come twice (deduplicated by id) but none is skipped.
        for (long offset = 0; ; offset += TRANSACTIONS_PAGE) {
            long pageOffset = offset;
            List<Transaction> page = calls.signed(
                    credentials,
                    false,
                    (api, nonce) -> api.userTransactions(nonce, pair, pageOffset, TRANSACTIONS_PAGE, "desc"));
            boolean reachedSince = false;
            for (Transaction transaction : page) {
                Instant at = instant(transaction.datetime);
                if (at.isBefore(since)) {
                    reachedSince = true;
                } else if (transaction.isTrade() && transaction.amount(assets.base()) != null) {
                    BigDecimal base = transaction.amount(assets.base());
                    fills.putIfAbsent(
                            transaction.id,
                            new Fill(
                                    transaction.id,
                                    transaction.orderId,
                                    symbol,
                                    base.signum() > 0 ? Side.BUY : Side.SELL,
                                    transaction.price(assets.base(), assets.quote()),
                                    base.abs(),
                                    transaction.fee,
                                    assets.quote(),
                                    at));
                }
            }
            if (reachedSince || page.size() < TRANSACTIONS_PAGE) {
                break;
            }
        }
        return Fill.oldestFirst(fills.values());
    }

    private Optional<OrderStatus> orderStatus(ApiCredentials credentials, String id, String clientOrderId) {
        return OrderLookups.orEmpty(
                () -> Optional.of(
                        calls.signed(credentials, false, (api, nonce) -> api.orderStatus(nonce, id, clientOrderId))),
                BitstampMapping::isOrderNotFound);
    }
}
