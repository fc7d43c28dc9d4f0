package com.algomarket.activities.exchange.kucoin;

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
import com.algomarket.activities.exchange.kucoin.KucoinSignedCalls.Fills;
import com.algomarket.activities.exchange.kucoin.KucoinSignedCalls.KucoinError;
import com.algomarket.activities.exchange.kucoin.KucoinSignedCalls.NewOrder;
import com.algomarket.activities.exchange.kucoin.KucoinSignedCalls.Order;
import com.algomarket.activities.exchange.transport.ExchangeRateLimiter;
import com.algomarket.activities.exchange.transport.SinglePostTransport;
import com.algomarket.activities.exchange.transport.XChangeRest;
import com.algomarket.activities.exchange.transport.XChangeRest.BaseQuote;
import com.algomarket.activities.exchange.transport.XChangeRest.ErrorAnswer;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.exchange.ExchangeFailure;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.knowm.xchange.kucoin.KucoinExchange;
import org.knowm.xchange.kucoin.dto.response.KucoinResponse;
import org.knowm.xchange.kucoin.dto.response.OrderCreateResponse;
import org.knowm.xchange.kucoin.dto.response.SymbolResponse;
import org.knowm.xchange.kucoin.dto.response.TradeResponse;
import org.knowm.xchange.kucoin.service.KucoinDigest;
import si.mazi.rescu.SynchronizedValueFactory;

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
public class KucoinGateway implements ExchangeGateway {

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
    private static final String KEY_VERSION = "2";
    private static final String SUCCESS = "200000";
    private static final int FILLS_PAGE = 100;
    /** The span one fills query covers at most. */
    private static final Duration FILLS_WINDOW = Duration.ofDays(7);

    private static final Duration DEFAULT_BACK_OFF = Duration.ofSeconds(10);
    /** Missing or invalid key, passphrase or signature, IP not whitelisted, key lacking the permission, frozen. */
    private static final Set<String> AUTH_CODES =
            Set.of("400001", "400003", "400004", "400005", "400006", "400007", "411100");

    static {
        SinglePostTransport.ensure();
    }

    private final XChangeRest<Signer> rest;
    private final KucoinSignedCalls kucoin;
    private final ExchangeRateLimiter rateLimiter;
    private final Clock clock;

    private record Signer(String apiKey, KucoinDigest digest, String passphrase, Timestamp timestamp) {}

    /**
     * A key's own KC-API-TIMESTAMP source. rescu holds its lock while it signs and sends, which keeps the key's
     * digest, a single Mac, to one thread at a time.
     */
    private static final class Timestamp implements SynchronizedValueFactory<Long> {

        private final Clock clock;

        private Timestamp(Clock clock) {
            this.clock = clock;
        }

        @Override
        public Long createValue() {
            return clock.millis();
        }
    }

    /** {@code baseUrl} e.g. {@code https://api.kucoin.com}. */
    public KucoinGateway(
            URI baseUrl, ExchangeRateLimiter rateLimiter, Duration connectTimeout, Duration readTimeout, Clock clock) {
        this.rateLimiter = rateLimiter;
        this.clock = clock;
        this.rest = new XChangeRest<>(
                Exchange.KUCOIN,
                KucoinExchange.class,
                baseUrl,
                rateLimiter,
                connectTimeout,
                readTimeout,
                this::newSigner);
        this.kucoin = rest.proxy(KucoinSignedCalls.class);
    }

    @Override
    public Exchange exchange() {
        return Exchange.KUCOIN;
    }

    @Override
    public KeyPermissions permissions(ApiCredentials credentials) {
        Signer s = rest.signer(credentials);
        String permission = call(
                        credentials,
                        WEIGHT_API_KEY,
                        false,
                        () -> kucoin.apiKeyInfo(s.apiKey(), s.digest(), s.timestamp(), s.passphrase(), KEY_VERSION))
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
        Signer s = rest.signer(credentials);
        return call(
                        credentials,
                        WEIGHT_ACCOUNTS,
                        false,
                        () -> kucoin.accounts(
                                s.apiKey(), s.digest(), s.timestamp(), s.passphrase(), KEY_VERSION, "trade"))
                .stream()
                .filter(account ->
                        account.getBalance() != null && account.getBalance().signum() > 0)
                .map(account -> new Balance(account.getCurrency(), account.getAvailable(), account.getHolds()))
                .toList();
    }

    @Override
    public BigDecimal lastPrice(ApiCredentials credentials, String symbol) {
        String kucoinSymbol = kucoinSymbol(symbol);
        KucoinSignedCalls.Level1 level1 = call(credentials, WEIGHT_LEVEL1, false, () -> kucoin.level1(kucoinSymbol));
        if (level1 == null || level1.price() == null) {
            // KuCoin answers an unknown symbol with success and no data.
            throw new ExchangeCallException(ExchangeFailure.REJECTED, "KuCoin does not trade " + symbol);
        }
        return level1.price();
    }

    @Override
    public InstrumentRules instrumentRules(ApiCredentials credentials, String symbol) {
        String kucoinSymbol = kucoinSymbol(symbol);
        SymbolResponse info = call(credentials, WEIGHT_SYMBOL, false, () -> kucoin.symbol(kucoinSymbol));
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
        };
        boolean limit = request.type() == OrderRequest.OrderType.LIMIT;
        NewOrder order = new NewOrder(
                request.clientOrderId(),
                request.side().name().toLowerCase(Locale.ROOT),
                kucoinSymbol(request.symbol()),
                type,
                limit ? plain(request.limitPrice()) : null,
                plain(request.quantity()),
                !limit
                        ? null
                        : (request.timeInForce() == null ? OrderRequest.TimeInForce.GTC : request.timeInForce())
                                .name());
        Signer s = rest.signer(credentials);
        OrderCreateResponse placed = call(
                credentials,
                WEIGHT_PLACE,
                true,
                () -> kucoin.placeOrder(s.apiKey(), s.digest(), s.timestamp(), s.passphrase(), KEY_VERSION, order));
        // KuCoin answers only the order id; the order's progress comes from the lookups.
        return new ExchangeOrder(
                placed.getOrderId(),
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
        return orderOrEmpty(
                credentials,
                symbol,
                () -> kucoin.orderByClientOid(
                        s.apiKey(),
                        s.digest(),
                        s.timestamp(),
                        s.passphrase(),
                        KEY_VERSION,
                        clientOrderId,
                        kucoinSymbol(symbol)));
    }

    @Override
    public Optional<ExchangeOrder> orderByExchangeOrderId(
            ApiCredentials credentials, String symbol, String exchangeOrderId) {
        Signer s = rest.signer(credentials);
        return orderOrEmpty(
                credentials,
                symbol,
                () -> kucoin.order(
                        s.apiKey(),
                        s.digest(),
                        s.timestamp(),
                        s.passphrase(),
                        KEY_VERSION,
                        exchangeOrderId,
                        kucoinSymbol(symbol)));
    }

    @Override
    public ExchangeOrder cancelOrder(ApiCredentials credentials, String symbol, String exchangeOrderId) {
        Signer s = rest.signer(credentials);
        try {
            call(
                    credentials,
                    WEIGHT_CANCEL,
                    true,
                    () -> kucoin.cancelOrder(
                            s.apiKey(),
                            s.digest(),
                            s.timestamp(),
                            s.passphrase(),
                            KEY_VERSION,
                            exchangeOrderId,
                            kucoinSymbol(symbol)));
        } catch (ExchangeCallException e) {
            // "order_not_exist_or_not_allow_to_cancel": done already, usually filled before the cancel arrived. Its
            // final state is what the caller needs, not an error.
            if (!isNoSuchOrder(e)) {
                throw e;
            }
        }
        return orderByExchangeOrderId(credentials, symbol, exchangeOrderId)
                .orElseThrow(() ->
                        new ExchangeCallException(ExchangeFailure.REJECTED, "KuCoin has no order " + exchangeOrderId));
    }

    @Override
    public List<ExchangeOrder> openOrders(ApiCredentials credentials, String symbol) {
        Signer s = rest.signer(credentials);
        return call(
                        credentials,
                        WEIGHT_ACTIVE_ORDERS,
                        false,
                        () -> kucoin.activeOrders(
                                s.apiKey(),
                                s.digest(),
                                s.timestamp(),
                                s.passphrase(),
                                KEY_VERSION,
                                kucoinSymbol(symbol)))
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
        List<Fill> result = new ArrayList<>(fills.values());
        result.sort(Comparator.comparing(Fill::executedAt));
        return result;
    }

    // --- Calls and their failures -------------------------------------------------------------------------

    /** One call whose KuCoin error, in an error status or in a 200, becomes a classified failure. */
    private <T> T call(
            ApiCredentials credentials, int weight, boolean mutating, XChangeRest.Call<KucoinResponse<T>> call) {
        return rest.call(
                credentials,
                weight,
                mutating,
                () -> {
                    KucoinResponse<T> answer = call.call();
                    if (answer.getCode() == null) {
                        // Not KuCoin's envelope: nothing says whether a mutating call was executed.
                        throw new IOException("KuCoin answered without a code");
                    }
                    if (!SUCCESS.equals(answer.getCode())) {
                        KucoinError error = new KucoinError(answer.getCode(), answer.getMsg());
                        error.setHttpStatusCode(200);
                        throw error;
                    }
                    return answer.getData();
                },
                (answer, isMutating) -> classify(credentials, answer, isMutating));
    }

    private ExchangeCallException classify(ApiCredentials credentials, ErrorAnswer answer, boolean mutating) {
        String code = answer.code();
        String message = "KuCoin: " + answer.message();
        if (code != null && AUTH_CODES.contains(code)) {
            return new ExchangeCallException(ExchangeFailure.AUTH, message, code, null, null);
        }
        if ("400002".equals(code)) {
            // KC-API-TIMESTAMP outside KuCoin's window: refused before processing; this host's clock, not the key.
            return new ExchangeCallException(ExchangeFailure.UNAVAILABLE, message, code, null, null);
        }
        if ("429000".equals(code) || answer.httpStatus() == 429) {
            String reset = answer.header("gw-ratelimit-reset");
            Duration wait = reset != null && reset.matches("\\d+")
                    ? Duration.ofMillis(Long.parseLong(reset))
                    : answer.retryAfter() != null ? answer.retryAfter() : DEFAULT_BACK_OFF;
            // KuCoin's private pools count per account, which is per key here.
            rateLimiter.backOff(Exchange.KUCOIN, credentials.keyId(), wait);
            return new ExchangeCallException(ExchangeFailure.RATE_LIMITED, message, code, wait, null);
        }
        if ("500000".equals(code)) {
            return new ExchangeCallException(
                    mutating ? ExchangeFailure.UNKNOWN : ExchangeFailure.UNAVAILABLE,
                    message + (mutating ? "; the request may have been executed" : ""),
                    code,
                    null,
                    null);
        }
        // Balance insufficient (200004), parameter errors and duplicate clientOids (400100, 126044), sizes below
        // the minimum: refusals, whether in a 4xx or in a 200.
        return ExchangeFailures.byStatus(
                Exchange.KUCOIN, answer.httpStatus(), DEFAULT_BACK_OFF, mutating, code, answer.message());
    }

    private Optional<ExchangeOrder> orderOrEmpty(
            ApiCredentials credentials, String symbol, XChangeRest.Call<KucoinResponse<Order>> query) {
        try {
            Order order = call(credentials, WEIGHT_ORDER, false, query);
            return Optional.ofNullable(order).map(found -> order(found, symbol));
        } catch (ExchangeCallException e) {
            if (isNoSuchOrder(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The trades of one order, or of a time span; newest first, a page of 100 at a time. */
    private List<Fill> fills(ApiCredentials credentials, String symbol, String orderId, Long startAt, Long endAt) {
        Signer s = rest.signer(credentials);
        String kucoinSymbol = kucoinSymbol(symbol);
        List<Fill> fills = new ArrayList<>();
        Long lastId = null;
        while (true) {
            Long after = lastId;
            Fills page = call(
                    credentials,
                    WEIGHT_FILLS,
                    false,
                    () -> kucoin.fills(
                            s.apiKey(),
                            s.digest(),
                            s.timestamp(),
                            s.passphrase(),
                            KEY_VERSION,
                            kucoinSymbol,
                            orderId,
                            startAt,
                            endAt,
                            after,
                            FILLS_PAGE));
            List<TradeResponse> items = page == null || page.items() == null ? List.of() : page.items();
            items.forEach(trade -> fills.add(fill(trade, symbol)));
            if (items.size() < FILLS_PAGE || page.lastId() == null) {
                return fills;
            }
            lastId = page.lastId();
        }
    }

    private Signer newSigner(ApiCredentials credentials) {
        if (credentials.passphrase() == null || credentials.passphrase().isEmpty()) {
            throw new ExchangeCallException(
                    ExchangeFailure.AUTH, "KuCoin: key " + credentials.fingerprint() + "… has no passphrase");
        }
        return new Signer(
                credentials.apiKey(),
                KucoinDigest.createInstance(credentials.secret()),
                signedPassphrase(credentials),
                new Timestamp(clock));
    }

    /** KuCoin keys of version 2 and 3 take the passphrase as Base64 HMAC-SHA256 of it, keyed with the secret. */
    private static String signedPassphrase(ApiCredentials credentials) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(credentials.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal(credentials.passphrase().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign the passphrase", e);
        }
    }

    // --- Mapping ---------------------------------------------------------------------------------------------

    /** "The order does not exist", in the words of the endpoint that answered. */
    private static boolean isNoSuchOrder(ExchangeCallException e) {
        String text = e.getMessage().toLowerCase(Locale.ROOT);
        return e.failure() == ExchangeFailure.REJECTED
                && ("126043".equals(e.exchangeCode()) || text.contains("not exist") || text.contains("not_exist"));
    }

    private static String kucoinSymbol(String symbol) {
        BaseQuote assets = BaseQuote.of(symbol);
        return assets.base() + "-" + assets.quote();
    }

    private static ExchangeOrder order(Order order, String symbol) {
        BigDecimal filled = order.dealSize() == null ? BigDecimal.ZERO : order.dealSize();
        BigDecimal average = filled.signum() > 0 && order.dealFunds() != null
                ? order.dealFunds().divide(filled, 8, RoundingMode.HALF_EVEN).stripTrailingZeros()
                : null;
        ExchangeOrder.Status status;
        if (order.active()) {
            status = filled.signum() > 0 ? ExchangeOrder.Status.PARTIALLY_FILLED : ExchangeOrder.Status.OPEN;
        } else if (order.cancelExist()) {
            status = ExchangeOrder.Status.CANCELLED;
        } else if (order.size() == null || filled.compareTo(order.size()) >= 0) {
            status = ExchangeOrder.Status.FILLED;
        } else {
            // Done, not cancelled, not all filled: a market order's unfilled rest.
            status = ExchangeOrder.Status.EXPIRED;
        }
        return new ExchangeOrder(
                order.id(),
                order.clientOid(),
                symbol,
                "sell".equalsIgnoreCase(order.side()) ? OrderRequest.OrderSide.SELL : OrderRequest.OrderSide.BUY,
                "market".equalsIgnoreCase(order.type()) ? OrderRequest.OrderType.MARKET : OrderRequest.OrderType.LIMIT,
                order.size(),
                filled,
                average,
                status,
                Instant.ofEpochMilli(order.lastUpdatedAt() != null ? order.lastUpdatedAt() : order.createdAt()));
    }

    private static Fill fill(TradeResponse trade, String symbol) {
        return new Fill(
                trade.getTradeId(),
                trade.getOrderId(),
                symbol,
                "sell".equals(trade.getSide()) ? OrderRequest.OrderSide.SELL : OrderRequest.OrderSide.BUY,
                trade.getPrice(),
                trade.getSize(),
                trade.getFee(),
                trade.getFeeCurrency(),
                trade.getTradeCreatedAt().toInstant());
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    private static BigDecimal positive(BigDecimal value) {
        return value != null && value.signum() > 0 ? value.stripTrailingZeros() : null;
    }
}
