package com.algomarket.api.exchange;

import com.algomarket.db.streams.AccountStreamRepository.StoredBalance;
import com.algomarket.db.streams.StoredAccountReads;
import com.algomarket.db.streams.StoredAccountReads.Source;
import com.algomarket.db.streams.StoredAccountReads.StoredBalances;
import com.algomarket.db.streams.StoredAccountReads.StoredPrice;
import com.algomarket.db.streams.StoredReadFreshness;
import com.algomarket.workflows.connections.AccountBalances;
import com.algomarket.workflows.connections.AssetBalance;
import com.algomarket.workflows.connections.LastPrices;
import com.algomarket.workflows.exchange.Exchange;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * A connection's balances and the venues' last prices for REST, from the database when what it keeps is fresh enough
 * ({@link StoredReadFreshness}), from the exchange (through the worker, {@link ExchangeAccounts}) otherwise; what the
 * exchange answered is recorded, so that the next request is served from the database. A user refreshing a page thus
 * costs the exchange's rate limit nothing while the account stream keeps the values, and little when none does.
 */
@Component
@RequiredArgsConstructor
@Slf4j
public class AccountReads {

    private final StoredAccountReads stored;
    private final ExchangeAccounts accounts;
    private final Clock clock;

    /**
     * Balances as of {@code asOf}, vouched for by {@code source}; {@code balances} is null, and {@code unavailable}
     * says why, when the database had none fresh enough and the exchange could not be read.
     */
    public record ShownBalances(List<AssetBalance> balances, String unavailable, OffsetDateTime asOf, Source source) {

        /** No balances shown (an answer about the connection itself: connect, pause, rotate). */
        public static final ShownBalances NONE = new ShownBalances(null, null, null, null);
    }

    /** Balances to show (with their age): the stored ones while fresh for display. */
    public ShownBalances forDisplay(UUID connectionId) {
        return balances(connectionId, StoredReadFreshness::forDisplay);
    }

    /** Balances to decide about money with: the account stream's while it confirms them, else read now. */
    public ShownBalances forMoney(UUID connectionId) {
        return balances(connectionId, StoredReadFreshness::forMoney);
    }

    private ShownBalances balances(UUID connectionId, BiPredicate<Optional<StoredBalances>, Instant> fresh) {
        Optional<StoredBalances> kept = stored.balances(connectionId);
        if (fresh.test(kept, clock.instant())) {
            StoredBalances balances = kept.get();
            return new ShownBalances(
                    balances.balances().stream()
                            .map(b -> new AssetBalance(b.asset(), b.free(), b.locked()))
                            .toList(),
                    null,
                    balances.asOf(),
                    balances.source());
        }
        AccountBalances read = accounts.balances(connectionId);
        if (read.balances() == null) {
            return new ShownBalances(null, read.unavailable(), null, null);
        }
        OffsetDateTime readAt = readAt();
        record(() -> stored.recordRead(
                connectionId,
                read.balances().stream()
                        .map(b -> new StoredBalance(b.asset(), b.free(), b.locked(), readAt))
                        .toList(),
                readAt));
        return new ShownBalances(read.balances(), null, readAt, Source.READ);
    }

    /** What the database keeps of {@code symbols} (BASE/QUOTE) on {@code exchange}, whatever their age. */
    public Map<String, StoredPrice> storedPrices(Exchange exchange, Collection<String> symbols) {
        return stored.lastPrices(exchange.name(), symbols);
    }

    /**
     * Reads {@code symbols}' last prices at the exchange with the connection's key and records each price read; a
     * symbol missing from the answer could not be read.
     */
    public Map<String, StoredPrice> readPrices(UUID connectionId, Exchange exchange, List<String> symbols) {
        LastPrices read = accounts.lastPrices(connectionId, symbols);
        OffsetDateTime readAt = readAt();
        read.prices()
                .forEach((symbol, price) ->
                        record(() -> stored.recordLastPrice(exchange.name(), symbol, price, readAt)));
        return read.prices().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> new StoredPrice(entry.getValue(), readAt)));
    }

    /** Whether {@code price} may value a position last changed at {@code positionChangedAt}. */
    public boolean usable(Optional<StoredPrice> price, OffsetDateTime positionChangedAt) {
        return StoredReadFreshness.forValuation(price, clock.instant(), positionChangedAt);
    }

    /** Now, at the database's precision, so that an answer states the very time the database keeps. */
    private OffsetDateTime readAt() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    /** A read is answered even when it cannot be recorded: the next request then reads again. */
    private static void record(Runnable write) {
        try {
            write.run();
        } catch (DataAccessException e) {
            log.warn("Could not record what the exchange answered: {}", e.getMessage());
        }
    }
}
