package com.algomarket.activities.exchange;

import com.algomarket.workflows.exchange.Exchange;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Everything the workflows may ask of an exchange, for one exchange. Every method either answers or throws an
 * {@link ExchangeCallException} that says whether the call may be retried and whether an order may exist. Nothing
 * here retries by itself: retries belong to Temporal.
 */
public interface ExchangeGateway {

    Exchange exchange();

    /** Checks that the key works and reads what it may do. AUTH when it does not work. */
    KeyPermissions permissions(ApiCredentials credentials);

    /**
     * The exchange's identifier of the account the key belongs to, so that a rotated key can be checked to belong to
     * the same account; AUTH when the key does not work. Empty where the exchange's API names no account: Kraken,
     * Bitstamp, KuCoin, Bitvavo and Coinbase Advanced Trade, as these gateways use them, answer no account identifier
     * to a key, so a rotation there is checked for its permissions only (the REST answer says so).
     */
    default java.util.Optional<String> accountId(ApiCredentials credentials) {
        return java.util.Optional.empty();
    }

    List<Balance> balances(ApiCredentials credentials);

    InstrumentRules instrumentRules(ApiCredentials credentials, String symbol);

    /**
     * Places the order under {@code request.clientOrderId()}. On UNKNOWN the order may exist: look it up with
     * {@link #orderByClientOrderId} before any resubmit.
     */
    ExchangeOrder placeOrder(ApiCredentials credentials, OrderRequest request);

    Optional<ExchangeOrder> orderByClientOrderId(ApiCredentials credentials, String symbol, String clientOrderId);

    Optional<ExchangeOrder> orderByExchangeOrderId(ApiCredentials credentials, String symbol, String exchangeOrderId);

    /**
     * Requests the cancellation. The answer is the order as the exchange reports it afterwards, which may be FILLED:
     * a cancel request never makes an order cancelled by itself.
     */
    ExchangeOrder cancelOrder(ApiCredentials credentials, String symbol, String exchangeOrderId);

    List<ExchangeOrder> openOrders(ApiCredentials credentials, String symbol);

    List<Fill> fillsForOrder(ApiCredentials credentials, String symbol, String exchangeOrderId);

    List<Fill> fillsSince(ApiCredentials credentials, String symbol, Instant since);

    /**
     * The account's open orders in {@code symbols} (BASE/QUOTE), in as few calls as the exchange allows and never one
     * per order: by default one {@link #openOrders(ApiCredentials, String)} per symbol; where the exchange's read
     * covers the whole account, one call. This is what an account poller reads each interval.
     */
    default List<ExchangeOrder> accountOpenOrders(ApiCredentials credentials, Collection<String> symbols) {
        List<ExchangeOrder> orders = new ArrayList<>();
        symbols.forEach(symbol -> orders.addAll(openOrders(credentials, symbol)));
        return orders;
    }

    /**
     * The account's trades in {@code symbols} since {@code since}, oldest first, in as few calls as the exchange allows
     * and never one per order: by default {@link #fillsSince(ApiCredentials, String, Instant)} per symbol; where the
     * exchange's trade history covers the whole account, one read of it.
     */
    default List<Fill> accountFillsSince(ApiCredentials credentials, Collection<String> symbols, Instant since) {
        List<Fill> fills = new ArrayList<>();
        symbols.forEach(symbol -> fills.addAll(fillsSince(credentials, symbol, since)));
        return Fill.oldestFirst(fills);
    }

    /** The last traded price of {@code symbol} (BASE/QUOTE), from the exchange's public market data. */
    BigDecimal lastPrice(ApiCredentials credentials, String symbol);

    /**
     * The lowest price the venue sells {@code symbol} at now, its best ask: what a market buy pays at least, above the
     * last trade by up to the spread. Empty when the book has no ask, and where a gateway does not read the venue's
     * book (every real venue's gateway does): a buy is then valued at {@link #lastPrice}.
     */
    default Optional<BigDecimal> bestAsk(ApiCredentials credentials, String symbol) {
        return Optional.empty();
    }
}
