package com.algomarket.api.support;

import com.algomarket.db.streams.AccountStreamRepository;
import com.algomarket.db.streams.AccountStreamRepository.StoredBalance;
import com.algomarket.workflows.support.Await;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;

/** Waits on the balances an account stream (or its catch-up read) stores for a connection. */
public final class StreamedBalances {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private StreamedBalances() {}

    /** Until a balance of {@code asset} is stored: the stream has subscribed and caught up. */
    public static void awaitAsset(AccountStreamRepository records, UUID connectionId, String asset) {
        awaitBalance(records, connectionId, asset, null);
    }

    /** Until the stored balance of {@code asset} is {@code free} free (any amount when null). */
    public static void awaitBalance(AccountStreamRepository records, UUID connectionId, String asset, String free) {
        Await.until(
                DEADLINE,
                () -> records.balances(connectionId),
                balances -> balances.stream().anyMatch(balance -> holds(balance, asset, free)));
    }

    private static boolean holds(StoredBalance balance, String asset, String free) {
        return balance.asset().equals(asset) && (free == null || balance.free().compareTo(new BigDecimal(free)) == 0);
    }
}
