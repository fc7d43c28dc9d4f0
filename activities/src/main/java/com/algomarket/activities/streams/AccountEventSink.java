package com.algomarket.activities.streams;

import com.algomarket.activities.exchange.ExchangeOrder;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Where a connection's account events go. Called from the stream's one thread, in the order the events happened; each
 * call must be idempotent, since a reconnect's catch-up read reports again what the stream may already have delivered
 * and an exchange may send an event twice.
 */
public interface AccountEventSink {

    /** An execution report; the catch-up read reports each trade it finds as a TRADE execution. */
    void execution(UUID connectionId, AccountEvent.Execution execution);

    /** Balances of the assets a change touched, or, after a catch-up read, of the whole account. */
    void balances(UUID connectionId, AccountEvent.Balances balances);

    /**
     * The whole account's balances as the catch-up read after a (re)connect found them: an asset it does not list has
     * nothing. By default like any balances event.
     */
    default void caughtUp(UUID connectionId, AccountEvent.Balances balances) {
        balances(connectionId, balances);
    }

    /**
     * The stream is connected, caught up, and has handed over every event it received up to {@code asOf}: what it
     * reported is current as of then. Called often (whenever the stream has nothing waiting); a sink decides how often
     * it writes that down.
     */
    default void upToDate(UUID connectionId, Instant asOf) {}

    /**
     * The orders open at the exchange for {@code symbol} (BASE/QUOTE) as the catch-up read found them: what the order
     * workflows compare their state with once they wait for signals. Storing executions and balances does not need
     * them, so this does nothing unless a sink overrides it.
     */
    default void openOrders(UUID connectionId, String symbol, List<ExchangeOrder> orders) {}

    /**
     * The exchange refused the connection's key (at the subscription or the catch-up read): revoked or stripped of a
     * permission. The stream goes on trying, so that a rotated key is picked up at its next connect.
     */
    default void keyRefused(UUID connectionId, String exchangeMessage) {}
}
