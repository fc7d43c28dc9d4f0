package com.algomarket.db.streams;

import static com.algomarket.db.jooq.Tables.ACCOUNT_BALANCES;
import static com.algomarket.db.jooq.Tables.ACCOUNT_BALANCE_READS;
import static com.algomarket.db.jooq.Tables.LAST_PRICES;

import com.algomarket.db.streams.AccountStreamRepository.StoredBalance;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.springframework.stereotype.Repository;

/**
 * A connection's balances and the venues' last prices as the database keeps them, with how old they are: what the API
 * and the pre-trade check read instead of asking the exchange. The account streams keep them current; where no stream
 * does, the API records what it read at the exchange, so that the next request is served from here.
 * {@link StoredReadFreshness} decides when what is stored may stand in for a read.
 */
@Repository
@RequiredArgsConstructor
public class StoredAccountReads {

    /** Who vouches for a connection's stored balances. */
    public enum Source {
        /** The account stream: a whole-account read at its (re)connect, every event since, confirmed while connected. */
        STREAM,
        /** One whole-account read at the exchange, recorded by whoever made it. */
        READ
    }

    /** The connection's balances, the exchange's as of {@code asOf}; an asset not listed has nothing free. */
    public record StoredBalances(List<StoredBalance> balances, Source source, OffsetDateTime asOf) {

        public BigDecimal free(String asset) {
            return balances.stream()
                    .filter(balance -> balance.asset().equals(asset))
                    .map(StoredBalance::free)
                    .findFirst()
                    .orElse(BigDecimal.ZERO);
        }
    }

    /** A venue's last price of a symbol, known as of {@code asOf} (the trade's time, or the time it was read). */
    public record StoredPrice(BigDecimal price, OffsetDateTime asOf) {}

    private final DSLContext dsl;
    private final AccountStreamRepository streams;

    /**
     * Records a read of the whole account at the exchange at {@code asOf}, made where no stream kept the balances
     * ({@link AccountStreamRepository#storeWholeAccount}).
     */
    public void recordRead(UUID connectionId, List<StoredBalance> balances, OffsetDateTime asOf) {
        streams.storeWholeAccount(connectionId, balances, Source.READ, asOf);
    }

    /** The connection's stored balances; empty when no whole-account read was ever recorded. One query. */
    public Optional<StoredBalances> balances(UUID connectionId) {
        Result<Record> rows = dsl.select(ACCOUNT_BALANCE_READS.SOURCE, ACCOUNT_BALANCE_READS.AS_OF)
                .select(ACCOUNT_BALANCES.ASSET, ACCOUNT_BALANCES.FREE, ACCOUNT_BALANCES.LOCKED)
                .select(ACCOUNT_BALANCES.EXCHANGE_TIME)
                .from(ACCOUNT_BALANCE_READS)
                .leftJoin(ACCOUNT_BALANCES)
                .on(ACCOUNT_BALANCES.CONNECTION_ID.eq(ACCOUNT_BALANCE_READS.CONNECTION_ID))
                .where(ACCOUNT_BALANCE_READS.CONNECTION_ID.eq(connectionId))
                .orderBy(ACCOUNT_BALANCES.ASSET)
                .fetch();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<StoredBalance> balances = rows.stream()
                .filter(row -> row.get(ACCOUNT_BALANCES.ASSET) != null)
                .map(row -> new StoredBalance(
                        row.get(ACCOUNT_BALANCES.ASSET),
                        row.get(ACCOUNT_BALANCES.FREE),
                        row.get(ACCOUNT_BALANCES.LOCKED),
                        row.get(ACCOUNT_BALANCES.EXCHANGE_TIME)))
                .toList();
        Record first = rows.getFirst();
        return Optional.of(new StoredBalances(
                balances,
                Source.valueOf(first.get(ACCOUNT_BALANCE_READS.SOURCE)),
                first.get(ACCOUNT_BALANCE_READS.AS_OF)));
    }

    /** The stored last prices of {@code symbols} (BASE/QUOTE) on {@code exchange}; a symbol with none is missing. */
    public Map<String, StoredPrice> lastPrices(String exchange, Collection<String> symbols) {
        Map<String, String> byKey = new HashMap<>();
        symbols.forEach(symbol -> byKey.put(key(symbol), symbol));
        Map<String, StoredPrice> prices = new HashMap<>();
        dsl.select(LAST_PRICES.SYMBOL, LAST_PRICES.PRICE, LAST_PRICES.TRADED_AT)
                .from(LAST_PRICES)
                .where(LAST_PRICES.EXCHANGE.eq(exchange))
                .and(LAST_PRICES.SYMBOL.in(byKey.keySet()))
                .fetch()
                .forEach(row -> prices.put(byKey.get(row.value1()), new StoredPrice(row.value2(), row.value3())));
        return prices;
    }

    /** Records the venue's last price of {@code symbol} (BASE/QUOTE) as read at {@code readAt}, unless a later one is. */
    public void recordLastPrice(String exchange, String symbol, BigDecimal price, OffsetDateTime readAt) {
        streams.storeLastPrice(exchange, key(symbol), price, readAt);
    }

    /**
     * The symbol as last_prices keys it: the streams store the exchange's own symbol, BTCEUR on Binance and the paper
     * venue, which is BASE/QUOTE without its slash (as the streams' catch-up read writes it too).
     */
    static String key(String symbol) {
        return symbol.replace("/", "");
    }
}
