package com.algomarket.activities.streams;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.ExchangeGateway;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * What every account stream holds, whatever carries it: the connection, how to open its key, the exchange, the scope
 * of a catch-up, the sink, and its status; and how it runs: following the account while heartbeating its status from
 * a thread of its own, so that a slow connect or read (each bounded by its timeouts) never looks like a dead worker; a
 * dead worker sends none at all.
 */
abstract class FollowedAccount implements AccountStream {

    protected final UUID connectionId;
    /** Opens (decrypts) the connection's key; called at each connect or read, what it returns is dropped after it. */
    protected final Supplier<ApiCredentials> credentials;

    protected final ExchangeGateway gateway;
    protected final CatchUpScope scope;
    protected final AccountEventSink sink;
    protected final Clock clock;
    protected final AtomicReference<Status> status = new AtomicReference<>(new Status(false, 0, 0, null));
    private final Duration heartbeatEvery;

    FollowedAccount(AccountSource source, Duration heartbeatEvery) {
        this.connectionId = source.connectionId();
        this.credentials = source.credentials();
        this.gateway = source.gateway();
        this.scope = source.scope();
        this.sink = source.sink();
        this.clock = source.clock();
        this.heartbeatEvery = heartbeatEvery;
    }

    @Override
    public final Status status() {
        return status.get();
    }

    @Override
    public final void run(Control control) {
        Thread heartbeats = Thread.ofVirtual().name("account-stream-heartbeat").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                control.heartbeat(status.get());
                try {
                    Thread.sleep(heartbeatEvery);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        try {
            followUntilStopped(control);
        } finally {
            heartbeats.interrupt();
        }
    }

    /** Follows the account until {@code control} says stop, reconnecting or reading again with backoff on failure. */
    protected abstract void followUntilStopped(Control control);

    /** The status marked disconnected, its counts and last event kept. */
    protected final void markDisconnected() {
        Status now = status.get();
        status.set(new Status(false, now.connects(), now.reconnects(), now.lastEventAt()));
    }
}
