package com.algomarket.activities.paper;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The paper venue's account book: per API key and asset, the free funds and those locked by open orders. Not
 * thread-safe on its own: {@link PaperExchange} calls it under its lock.
 */
final class PaperAccounts {

    private final Map<String, Map<String, BigDecimal>> free = new HashMap<>();
    private final Map<String, Map<String, BigDecimal>> locked = new HashMap<>();

    /** Opens the account of a new key with {@code balances} free. */
    void open(String apiKey, Map<String, BigDecimal> balances) {
        Map<String, BigDecimal> funds = new TreeMap<>();
        balances.forEach((asset, amount) -> funds.put(asset.toUpperCase(Locale.ROOT), amount));
        free.put(apiKey, funds);
        locked.put(apiKey, new TreeMap<>());
    }

    BigDecimal free(String apiKey, String asset) {
        return balance(free, apiKey, asset);
    }

    void addFree(String apiKey, String asset, BigDecimal amount) {
        add(free, apiKey, asset, amount);
    }

    void addLocked(String apiKey, String asset, BigDecimal amount) {
        add(locked, apiKey, asset, amount);
    }

    /** Moves {@code amount} from free to locked, for an order that rests or walks the book. */
    void lock(String apiKey, String asset, BigDecimal amount) {
        move(free, locked, apiKey, asset, amount);
    }

    /** Moves {@code amount} from locked back to free, for an order that ended. */
    void unlock(String apiKey, String asset, BigDecimal amount) {
        move(locked, free, apiKey, asset, amount);
    }

    /** Free and locked funds per asset. */
    Map<String, BigDecimal[]> balances(String apiKey) {
        Map<String, BigDecimal[]> result = new TreeMap<>();
        free.getOrDefault(apiKey, Map.of())
                .forEach((asset, amount) -> result.put(asset, new BigDecimal[] {amount, BigDecimal.ZERO}));
        locked.getOrDefault(apiKey, Map.of())
                .forEach((asset, amount) -> result.computeIfAbsent(
                                asset, a -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO})[1] = amount);
        return result;
    }

    private static BigDecimal balance(Map<String, Map<String, BigDecimal>> book, String key, String asset) {
        return book.getOrDefault(key, Map.of()).getOrDefault(asset, BigDecimal.ZERO);
    }

    private static void add(Map<String, Map<String, BigDecimal>> book, String key, String asset, BigDecimal amount) {
        book.computeIfAbsent(key, k -> new TreeMap<>()).merge(asset, amount, BigDecimal::add);
    }

    private static void move(
            Map<String, Map<String, BigDecimal>> from,
            Map<String, Map<String, BigDecimal>> to,
            String key,
            String asset,
            BigDecimal amount) {
        if (amount.signum() == 0) {
            return;
        }
        add(from, key, asset, amount.negate());
        add(to, key, asset, amount);
    }
}
