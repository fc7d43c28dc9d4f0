package com.algomarket.activities.streams;

import com.algomarket.activities.connections.KeyRevocations;
import com.algomarket.activities.exchange.Balance;
import com.algomarket.db.streams.AccountStreamRepository;
import com.algomarket.db.streams.StoredAccountReads;
import com.algomarket.db.streams.StoredReadFreshness;
import com.algomarket.workflows.exchange.Exchange;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import lombok.RequiredArgsConstructor;

/**
 * Keeps what the streams report in the database: each execution once per (connection, symbol, trade id), balances
 * unless a newer report is stored, and the last traded price per exchange and symbol. Also the {@link CatchUpScope}:
 * the symbols of the connection's open or recent orders, and trades since shortly before the last recorded one. The
 * catch-up's whole-account read and the stream's confirmations while it stays connected say how current the stored
 * balances are ({@link StoredReadFreshness}). Each execution of an order of ours is then signalled to the order's
 * workflow, whether it was new here or not: the signal of an earlier report may have failed, and the workflow counts
 * each trade once.
 */
@RequiredArgsConstructor
public final class DatabaseAccountEventSink implements AccountEventSink, CatchUpScope {

    /** How far back a catch-up reads trades when none is recorded yet, and which orders' symbols count as recent. */
    static final Duration LOOKBACK = Duration.ofHours(24);
    /** Read a little before the last recorded trade: trades of the same millisecond may have been missed. */
    private static final Duration OVERLAP = Duration.ofMinutes(1);

    private final AccountStreamRepository repository;
    private final Exchange exchange;
    private final KeyRevocations revocations;
    private final OrderExecutionSignals signals;
    /** When this stream last wrote down that its balances are current; called from the stream's one thread. */
    private Instant lastConfirmed;

    @Override
    public void keyRefused(UUID connectionId, String exchangeMessage) {
        revocations.keyRefused(connectionId, exchangeMessage);
    }

    @Override
    public void execution(UUID connectionId, AccountEvent.Execution execution) {
        if (!execution.isTrade()) {
            // NEW, CANCELED, EXPIRED: nothing to keep; a cancel or expiry ends the order, its workflow is told.
            signals.signal(connectionId, execution);
            return;
        }
        OffsetDateTime executedAt = utc(execution.transactionTime());
        repository.recordExecution(new AccountStreamRepository.Execution(
                connectionId,
                execution.symbol(),
                execution.tradeId(),
                execution.exchangeOrderId(),
                execution.clientOrderId(),
                execution.side(),
                execution.quantity(),
                execution.price(),
                execution.fee(),
                execution.feeAsset(),
                execution.orderStatus(),
                executedAt,
                execution.source().name()));
        repository.storeLastPrice(exchange.name(), execution.symbol(), execution.price(), executedAt);
        // Recorded first: the workflow settles from what is recorded, never from what a signal carried.
        signals.signal(connectionId, execution);
    }

    @Override
    public void balances(UUID connectionId, AccountEvent.Balances balances) {
        repository.storeBalances(connectionId, stored(balances));
    }

    private static List<AccountStreamRepository.StoredBalance> stored(AccountEvent.Balances balances) {
        OffsetDateTime at = utc(balances.updatedAt());
        return balances.balances().stream()
                .map((Balance balance) -> new AccountStreamRepository.StoredBalance(
                        balance.asset(), balance.free(), balance.locked(), at))
                .toList();
    }

    /** The whole account: it replaces what is stored, and from now on the stream vouches for the balances. */
    @Override
    public void caughtUp(UUID connectionId, AccountEvent.Balances balances) {
        repository.storeWholeAccount(
                connectionId, stored(balances), StoredAccountReads.Source.STREAM, utc(balances.updatedAt()));
        lastConfirmed = balances.updatedAt();
    }

    /** Written down once per {@link StoredReadFreshness#STREAM_CONFIRMATION_INTERVAL}, not at every call. */
    @Override
    public void upToDate(UUID connectionId, Instant asOf) {
        if (lastConfirmed != null
                && asOf.isBefore(lastConfirmed.plus(StoredReadFreshness.STREAM_CONFIRMATION_INTERVAL))) {
            return;
        }
        repository.confirmStream(connectionId, utc(asOf));
        lastConfirmed = asOf;
    }

    @Override
    public List<String> symbols(UUID connectionId) {
        return repository.symbolsToCatchUp(
                connectionId, OffsetDateTime.now(ZoneOffset.UTC).minus(LOOKBACK));
    }

    @Override
    public Instant tradesSince(UUID connectionId) {
        return repository
                .lastExecutionAt(connectionId)
                .map(last -> last.toInstant().minus(OVERLAP))
                .orElseGet(() -> Instant.now().minus(LOOKBACK));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
