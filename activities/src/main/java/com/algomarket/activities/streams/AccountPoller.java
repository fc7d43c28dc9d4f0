package com.algomarket.activities.streams;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeGateway;
import com.algomarket.activities.exchange.ExchangeOrder;
import com.algomarket.activities.exchange.Fill;
import com.algomarket.workflows.orders.OrderStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import lombok.extern.slf4j.Slf4j;

/**
 * One connection's account followed by reading it, for the exchanges this project reaches without a private WebSocket
 * channel: each interval one batched read of the whole account, whatever the number of resting orders. It reads the
 * open orders and the trades since shortly before the previous read, for every symbol with an open or recent order of
 * ours ({@link ExchangeGateway#accountOpenOrders}, {@link ExchangeGateway#accountFillsSince}: one call where the
 * exchange's read covers the account, one per symbol where it needs a market), then the balances (one call). It
 * reports to the same {@link AccountEventSink} as the Binance stream, so new trades become the same executions and
 * signals, and balances are kept the same way.
 *
 * <p>Each trade is reported once while the poller runs, though consecutive reads overlap: a trade the exchange lists
 * late is not missed, and one listed twice is not reported twice. A new poller (the next period, or another worker
 * after this one died) starts from the {@link CatchUpScope}'s last recorded trade, so it catches up on whatever
 * happened while no one read; the database and the order workflows count each trade once besides. The status's
 * {@code lastEventAt} is when a read last answered: what the poller reported is current as of then. An order of ours
 * that leaves the book between two reads is looked up once, so that a cancel or expiry at the exchange reaches its
 * workflow too: one lookup per order that ended, never one per resting order.
 */
@Slf4j
public final class AccountPoller extends FollowedAccount {

    /**
     * How often the account is read; how far back each read reaches before the previous one (trades an exchange lists a
     * little late); the backoff after a failed read; how often the stream heartbeats and looks whether to stop.
     */
    public record Settings(
            Duration interval, Duration overlap, Duration minBackoff, Duration maxBackoff, Duration poll) {

        /** Reads every {@code interval}; after a failure waits at least as long, doubling up to five minutes. */
        public static Settings every(Duration interval) {
            Duration maxBackoff = interval.compareTo(Duration.ofMinutes(5)) > 0 ? interval : Duration.ofMinutes(5);
            return new Settings(interval, Duration.ofMinutes(1), interval, maxBackoff, Duration.ofMillis(500));
        }
    }

    private final Settings settings;
    /** The trades reported so far, by symbol and trade id, with when they happened; kept while reads can list them. */
    private final Map<String, Instant> reported = new HashMap<>();
    /** The open orders the last read found, by exchange order id. */
    private Map<String, ExchangeOrder> openBefore = Map.of();
    /** Where the next read of trades starts; null until the first read, which asks the scope. */
    private Instant tradesFrom;

    public AccountPoller(AccountSource source, Settings settings) {
        super(source, settings.poll());
        this.settings = settings;
    }

    @Override
    protected void followUntilStopped(Control control) {
        int failures = 0;
        while (control.keepRunning()) {
            try {
                read();
                failures = 0;
                StreamPacing.waitWhileRunning(control, settings.interval(), settings.poll());
            } catch (RuntimeException e) {
                StreamPacing.keyRefusal(e).ifPresent(message -> sink.keyRefused(connectionId, message));
                failures++;
                log.warn(
                        "Account read of connection {} failed ({} in a row): {}", connectionId, failures, e.toString());
                markDisconnected();
                Duration retryAfter = e instanceof ExchangeCallException call ? call.retryAfter() : null;
                if (retryAfter != null && retryAfter.compareTo(settings.minBackoff()) > 0) {
                    StreamPacing.waitWhileRunning(control, retryAfter, settings.poll()); // the exchange said how long
                } else {
                    StreamPacing.backOff(
                            control, failures, settings.minBackoff(), settings.maxBackoff(), settings.poll());
                }
            }
        }
    }

    /** One interval's read of the account; throws (reporting nothing more) when a call fails. */
    void read() {
        ApiCredentials key = credentials.get();
        Instant from = tradesFrom != null ? tradesFrom : scope.tradesSince(connectionId);
        List<String> symbols = scope.symbols(connectionId);
        Instant readAt = clock.instant();
        if (!symbols.isEmpty()) {
            List<ExchangeOrder> open = gateway.accountOpenOrders(key, symbols);
            Map<String, List<ExchangeOrder>> bySymbol =
                    open.stream().collect(Collectors.groupingBy(ExchangeOrder::symbol));
            symbols.forEach(symbol -> sink.openOrders(connectionId, symbol, bySymbol.getOrDefault(symbol, List.of())));
            for (Fill fill : Fill.oldestFirst(gateway.accountFillsSince(key, symbols, from))) {
                String trade = fill.symbol() + " " + fill.tradeId();
                if (!reported.containsKey(trade)) {
                    sink.execution(connectionId, AccountEvent.Execution.readFrom(fill, readAt));
                    reported.put(trade, fill.executedAt()); // only once the sink has it: a failed report comes again
                }
            }
            reportOrdersThatEnded(key, open);
        } else {
            openBefore = Map.of();
        }
        Instant balancesAt = clock.instant(); // the balances last: read after the trades, they include them
        sink.caughtUp(connectionId, new AccountEvent.Balances(gateway.balances(key), balancesAt, balancesAt));
        tradesFrom = readAt.minus(settings.overlap());
        reported.values().removeIf(executedAt -> executedAt.isBefore(tradesFrom));
        Status now = status.get();
        long connects = now.connected() ? now.connects() : now.connects() + 1;
        status.set(new Status(true, connects, Math.max(connects - 1, 0), clock.instant()));
    }

    /**
     * Looks up each order that was open at the last read and is not now: one that was cancelled, expired or rejected at
     * the exchange is reported as such (a filled one needs nothing: its trades were read). The next read looks again
     * for an order whose lookup failed.
     */
    private void reportOrdersThatEnded(ApiCredentials key, List<ExchangeOrder> open) {
        Map<String, ExchangeOrder> now = new HashMap<>();
        open.forEach(order -> now.put(order.exchangeOrderId(), order));
        Map<String, ExchangeOrder> pending = new HashMap<>(now);
        for (ExchangeOrder before : openBefore.values()) {
            if (now.containsKey(before.exchangeOrderId())) {
                continue;
            }
            try {
                Optional<ExchangeOrder> after =
                        gateway.orderByExchangeOrderId(key, before.symbol(), before.exchangeOrderId());
                after.filter(order -> order.status().isFinal() && order.status() != OrderStatus.FILLED)
                        .ifPresent(ended -> sink.execution(connectionId, ended(ended)));
            } catch (ExchangeCallException e) {
                log.info("Could not look up ended order {}: {}", before.exchangeOrderId(), e.getMessage());
                pending.put(before.exchangeOrderId(), before);
            }
        }
        openBefore = pending;
    }

    /** An order the exchange ended without filling it all, as the execution report Binance would have pushed. */
    private AccountEvent.Execution ended(ExchangeOrder order) {
        String status = switch (order.status()) {
            case CANCELLED -> "CANCELED";
            case EXPIRED -> "EXPIRED";
            default -> "REJECTED";
        };
        Instant at = order.updatedAt() != null ? order.updatedAt() : clock.instant();
        return new AccountEvent.Execution(
                order.symbol().replace("/", ""),
                order.clientOrderId(),
                order.exchangeOrderId(),
                order.side() == null ? null : order.side().name(),
                status,
                status,
                null,
                null,
                null,
                order.filledQuantity(),
                null,
                null,
                at,
                clock.instant(),
                AccountEvent.Source.CATCH_UP);
    }
}
