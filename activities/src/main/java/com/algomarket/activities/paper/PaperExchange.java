package com.algomarket.activities.paper;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * The paper venue's exchange: keys with permissions and balances, synthetic markets, and the matching of orders, in
 * Binance's terms (symbols like {@code BTCEUR}, statuses, error codes). {@link BinanceApiServer} puts Binance's REST
 * API in front of it. One lock guards everything: it is a venue for development and tests, not for speed.
 */
public final class PaperExchange {

    public enum Permission {
        READ,
        TRADE,
        WITHDRAW
    }

    /**
     * A key of an account. {@code account} is the account's id: the first key's {@code apiKey}, which orders, trades
     * and balances are booked under, so that every key of one account sees the same funds and orders.
     */
    public record ApiKey(String apiKey, String secret, Set<Permission> permissions, String account) {

        @Override
        public String toString() {
            return "ApiKey[" + apiKey.substring(0, 6) + "…, permissions=" + permissions + "]";
        }
    }

    public record NewOrder(
            String symbol,
            String side,
            String type,
            String timeInForce,
            BigDecimal quantity,
            BigDecimal price,
            BigDecimal stopPrice,
            String clientOrderId) {}

    /** Taker and maker fee: 0.1 %, charged in the quote asset. */
    static final BigDecimal FEE_RATE = new BigDecimal("0.001");

    private static final SecureRandom KEY_RANDOM = new SecureRandom();

    private final Clock clock;
    private final Random random;
    private final double volatilityPerTick;
    private final Map<String, ApiKey> keys = new HashMap<>();
    private final PaperAccounts accounts = new PaperAccounts();
    private final Map<String, PaperMarket> markets = new TreeMap<>();
    private final Map<Long, PaperOrder> orders = new LinkedHashMap<>();
    private final PaperMatching matching;
    private long nextOrderId = 1;

    /**
     * {@code volatilityPerTick}: the standard deviation of the reference price's move per {@link #tick()} (e.g.
     * 0.0002 = 2 bp); 0 keeps prices still, as tests need.
     */
    public PaperExchange(Clock clock, long seed, double volatilityPerTick) {
        this.clock = clock;
        this.random = new Random(seed);
        this.volatilityPerTick = volatilityPerTick;
        this.matching = new PaperMatching(accounts, clock);
    }

    /** A venue with the usual markets. */
    public static PaperExchange withDefaultMarkets(Clock clock, long seed, double volatilityPerTick) {
        PaperExchange exchange = new PaperExchange(clock, seed, volatilityPerTick);
        exchange.addMarket("BTC", "EUR", "60000", "0.5", "0.01", "0.00001");
        exchange.addMarket("ETH", "EUR", "3000", "5", "0.01", "0.0001");
        exchange.addMarket("SOL", "EUR", "150", "100", "0.01", "0.001");
        exchange.addMarket("BTC", "USDT", "65000", "0.5", "0.01", "0.00001");
        exchange.addMarket("ETH", "USDT", "3200", "5", "0.01", "0.0001");
        return exchange;
    }

    public synchronized void addMarket(
            String base, String quote, String price, String depthPerLevel, String tickSize, String stepSize) {
        BigDecimal step = new BigDecimal(stepSize);
        markets.put(
                base + quote,
                new PaperMarket(
                        base,
                        quote,
                        new BigDecimal(price),
                        new BigDecimal(depthPerLevel),
                        new BigDecimal(tickSize),
                        step,
                        step,
                        new BigDecimal("5")));
    }

    // --- Administration (POST /api/v1/paper/keys, PUT /api/v1/paper/markets/{symbol}) -----------------------

    public synchronized ApiKey createKey(Set<Permission> permissions, Map<String, BigDecimal> balances) {
        // 64 characters each, like Binance's keys and secrets.
        String apiKey = randomToken(64);
        ApiKey key = new ApiKey(apiKey, randomToken(64), Set.copyOf(permissions), apiKey);
        keys.put(key.apiKey(), key);
        accounts.open(key.apiKey(), balances);
        return key;
    }

    /** Another key of the account {@code existingApiKey} belongs to, like a second key made in an exchange's portal. */
    public synchronized ApiKey createKeyOfSameAccount(String existingApiKey, Set<Permission> permissions) {
        ApiKey existing = Optional.ofNullable(keys.get(existingApiKey))
                .orElseThrow(() -> new IllegalArgumentException("No such paper key"));
        ApiKey key = new ApiKey(randomToken(64), randomToken(64), Set.copyOf(permissions), existing.account());
        keys.put(key.apiKey(), key);
        return key;
    }

    /** Deletes a key as in an exchange's portal: it is refused (-2015) from now on; its account stays. */
    public synchronized void deleteKey(String apiKey) {
        keys.remove(apiKey);
    }

    public synchronized Optional<ApiKey> key(String apiKey) {
        return Optional.ofNullable(keys.get(apiKey));
    }

    /** The account a key books under; an account's id (its first key, even deleted) is its own. */
    private String account(String apiKey) {
        ApiKey key = keys.get(apiKey);
        return key == null ? apiKey : key.account();
    }

    /** Sets a market's reference price (and depth per level); resting and stop orders react at once. */
    public synchronized void setMarket(String symbol, BigDecimal price, BigDecimal depthPerLevel) {
        PaperMarket market = market(symbol);
        market.referencePrice =
                price.divide(market.tickSize, 0, RoundingMode.HALF_UP).multiply(market.tickSize);
        if (depthPerLevel != null) {
            market.depthPerLevel = depthPerLevel;
        }
        market.replenish();
        workRestingOrders();
    }

    synchronized Collection<PaperMarket> markets() {
        return List.copyOf(markets.values());
    }

    /** What a market looks like now, for the paper venue's REST API and tests. */
    public record MarketView(
            String symbol,
            String baseAsset,
            String quoteAsset,
            BigDecimal price,
            BigDecimal depthPerLevel,
            BigDecimal tickSize,
            BigDecimal stepSize,
            BigDecimal minQty,
            BigDecimal minNotional) {}

    public synchronized MarketView marketView(String symbol) {
        PaperMarket market = market(symbol);
        return new MarketView(
                market.symbol,
                market.baseAsset,
                market.quoteAsset,
                market.referencePrice,
                market.depthPerLevel,
                market.tickSize,
                market.stepSize,
                market.minQty,
                market.minNotional);
    }

    public synchronized List<MarketView> marketViews() {
        return markets.keySet().stream().map(this::marketView).toList();
    }

    /** One heartbeat of the venue: prices move a little, depth comes back, resting and stop orders may fill. */
    public synchronized void tick() {
        for (PaperMarket market : markets.values()) {
            if (volatilityPerTick > 0) {
                market.move(random.nextGaussian() * volatilityPerTick);
            }
            market.replenish();
        }
        workRestingOrders();
    }

    // --- Trading ------------------------------------------------------------------------------------------

    public synchronized PaperOrder placeOrder(String key, NewOrder request) {
        String apiKey = account(key);
        PaperMarket market = market(request.symbol());
        PaperOrderRules.Checked checked = PaperOrderRules.check(market, request);
        String side = checked.side();
        String type = checked.type();
        String timeInForce = checked.timeInForce();
        BigDecimal quantity = checked.quantity();
        String clientOrderId = checked.clientOrderId();
        // Like Binance: a client order id must be unique among the account's open orders only.
        boolean duplicate = orders.values().stream()
                .anyMatch(order ->
                        order.apiKey.equals(apiKey) && order.isOpen() && order.clientOrderId.equals(clientOrderId));
        if (duplicate) {
            throw PaperRejection.badRequest(-2010, "Duplicate order sent.");
        }
        boolean buy = side.equals("BUY");
        if (PaperMatching.isStop(type) && PaperMatching.crossed(market, buy, request.stopPrice())) {
            throw PaperRejection.badRequest(-2010, "Stop price would trigger immediately.");
        }

        BigDecimal toLock = toLock(type, buy, quantity, request);
        String lockAsset = buy ? market.quoteAsset : market.baseAsset;
        if (type.equals("MARKET") && buy) {
            BigDecimal cost = withFee(matching.costToTake(market, true, quantity, null));
            if (cost.compareTo(accounts.free(apiKey, market.quoteAsset)) > 0) {
                throw PaperRejection.badRequest(-2010, "Account has insufficient balance for requested action.");
            }
        } else if (toLock.compareTo(accounts.free(apiKey, lockAsset)) > 0) {
            throw PaperRejection.badRequest(-2010, "Account has insufficient balance for requested action.");
        }

        long now = clock.millis();
        PaperOrder order = new PaperOrder(
                nextOrderId++,
                clientOrderId,
                market.symbol,
                side,
                type,
                timeInForce,
                quantity,
                type.equals("LIMIT") || type.equals("STOP_LOSS_LIMIT") ? request.price() : null,
                request.stopPrice(),
                now,
                apiKey);
        orders.put(order.orderId, order);
        accounts.lock(apiKey, lockAsset, toLock);
        order.locked = toLock;
        matching.updated(order, "NEW", null);

        matching.execute(market, order);
        return order;
    }

    /** What an order locks: what a LIMIT or STOP_LOSS buy may pay with its fee, or the quantity a sell gives. */
    private static BigDecimal toLock(String type, boolean buy, BigDecimal quantity, NewOrder request) {
        return switch (type) {
            case "MARKET" -> buy ? BigDecimal.ZERO : quantity; // a market buy pays as it walks the book
            case "LIMIT", "STOP_LOSS_LIMIT" -> buy ? withFee(quantity.multiply(request.price())) : quantity;
            default ->
                buy
                        ? withFee(quantity.multiply(request.stopPrice()).multiply(new BigDecimal("1.05")))
                        : quantity; // a buy stop may fill above its stop: 5 % headroom
        };
    }

    public synchronized PaperOrder order(String key, String symbol, Long orderId, String clientOrderId) {
        String apiKey = account(key);
        market(symbol);
        return find(apiKey, symbol, orderId, clientOrderId)
                .orElseThrow(() -> PaperRejection.badRequest(-2013, "Order does not exist."));
    }

    public synchronized PaperOrder cancel(String key, String symbol, Long orderId, String clientOrderId) {
        String apiKey = account(key);
        PaperMarket market = market(symbol);
        PaperOrder order = find(apiKey, symbol, orderId, clientOrderId)
                .orElseThrow(() -> PaperRejection.badRequest(-2011, "Unknown order sent."));
        if (!order.isOpen()) {
            // Binance answers a cancel of a finished order (e.g. one that filled first) like this.
            throw PaperRejection.badRequest(-2011, "Unknown order sent.");
        }
        matching.finish(market, order, PaperOrder.Status.CANCELED);
        return order;
    }

    /**
     * Tells {@code listener} of every change to an order (accepted, each trade, cancelled, expired, filled), in order
     * and under the venue's lock: what the user-data stream reports.
     */
    synchronized void onOrderUpdate(PaperOrderUpdates listener) {
        matching.listen(listener);
    }

    /** How many orders the venue holds, open or not. */
    public synchronized int orderCount() {
        return orders.size();
    }

    /** Every order of the key, open or not: what tests and the crash-safety checks count. */
    public synchronized List<PaperOrder> allOrders(String apiKey) {
        String account = account(apiKey);
        return orders.values().stream()
                .filter(order -> order.apiKey.equals(account))
                .toList();
    }

    public synchronized List<PaperOrder> openOrders(String apiKey, String symbol) {
        if (symbol != null) {
            market(symbol);
        }
        String account = account(apiKey);
        return orders.values().stream()
                .filter(order -> order.apiKey.equals(account) && order.isOpen())
                .filter(order -> symbol == null || order.symbol.equals(symbol))
                .toList();
    }

    public synchronized List<PaperTrade> trades(
            String apiKey, String symbol, Long orderId, Long startTime, Long endTime, Long fromId, int limit) {
        market(symbol);
        String account = account(apiKey);
        return matching.trades().stream()
                .filter(trade ->
                        trade.apiKey().equals(account) && trade.symbol().equals(symbol))
                .filter(trade -> orderId == null || trade.orderId() == orderId)
                .filter(trade -> startTime == null || trade.time() >= startTime)
                .filter(trade -> endTime == null || trade.time() <= endTime)
                .filter(trade -> fromId == null || trade.id() >= fromId)
                .sorted(Comparator.comparingLong(PaperTrade::id))
                .limit(limit)
                .toList();
    }

    /** Free and locked funds per asset. */
    public synchronized Map<String, BigDecimal[]> balances(String apiKey) {
        return accounts.balances(account(apiKey));
    }

    synchronized PaperMarket market(String symbol) {
        PaperMarket market = symbol == null ? null : markets.get(symbol.toUpperCase(Locale.ROOT));
        if (market == null) {
            throw PaperRejection.badRequest(-1121, "Invalid symbol.");
        }
        return market;
    }

    private void workRestingOrders() {
        for (PaperOrder order : List.copyOf(orders.values())) {
            if (!order.isOpen()) {
                continue;
            }
            PaperMarket market = markets.get(order.symbol);
            if (PaperMatching.isStop(order.type) && !order.working) {
                matching.triggerIfCrossed(market, order);
            } else if (order.price != null && order.working) {
                matching.take(market, order, order.price, true);
                if (order.remaining().signum() == 0) {
                    matching.finish(market, order, PaperOrder.Status.FILLED);
                }
            }
        }
    }

    private Optional<PaperOrder> find(String apiKey, String symbol, Long orderId, String clientOrderId) {
        if (orderId == null && (clientOrderId == null || clientOrderId.isEmpty())) {
            throw PaperRejection.badRequest(
                    -1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
        }
        // By client id, the newest order wins: Binance lets a client id be reused once the old order is closed.
        return orders.values().stream()
                .filter(order -> order.apiKey.equals(apiKey) && order.symbol.equals(symbol.toUpperCase(Locale.ROOT)))
                .filter(order -> orderId != null ? order.orderId == orderId : order.clientOrderId.equals(clientOrderId))
                .reduce((older, newer) -> newer);
    }

    static BigDecimal withFee(BigDecimal amount) {
        return amount.multiply(BigDecimal.ONE.add(FEE_RATE));
    }

    static String randomToken(int bytes) {
        byte[] token = new byte[bytes];
        KEY_RANDOM.nextBytes(token);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token).substring(0, bytes);
    }
}
