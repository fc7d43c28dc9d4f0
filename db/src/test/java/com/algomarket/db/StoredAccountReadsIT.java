package com.algomarket.db;

import static com.algomarket.db.jooq.Tables.PORTFOLIOS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.db.streams.AccountStreamRepository;
import com.algomarket.db.streams.AccountStreamRepository.StoredBalance;
import com.algomarket.db.streams.StoredAccountReads;
import com.algomarket.db.streams.StoredAccountReads.Source;
import com.algomarket.db.streams.StoredAccountReads.StoredBalances;
import com.algomarket.db.support.MigratedSchema;
import com.algomarket.db.support.PortfolioRows;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/**
 * What the database keeps of an account, on a real PostgreSQL: a whole-account read replaces the stored assets (an
 * asset it no longer lists is gone), an older read changes nothing, only a stream's balances are confirmed by it, and
 * last prices are kept by exchange and BASE/QUOTE symbol with their time.
 */
@MigratedSchema("stored_account_reads_it")
@RequiredArgsConstructor
class StoredAccountReadsIT {

    private static final OffsetDateTime T0 =
            OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS).minusMinutes(10);

    private final DSLContext dsl;
    private final AccountStreamRepository streams;
    private final StoredAccountReads reads;

    @Test
    void givenWholeAccountReads_whenRecordedInAnyOrder_thenTheNewestReplacesWhatIsStored() {
        UUID connection = connection();
        reads.recordRead(connection, List.of(balance("EUR", "100"), balance("BTC", "0.5")), T0);
        reads.recordRead(connection, List.of(balance("EUR", "90")), T0.plusSeconds(5));
        // Finished late, read earlier: changes nothing.
        reads.recordRead(connection, List.of(balance("EUR", "1"), balance("ETH", "3")), T0.plusSeconds(1));

        StoredBalances stored = reads.balances(connection).orElseThrow();

        assertThat(stored.source()).isEqualTo(Source.READ);
        assertThat(stored.asOf().toInstant()).isEqualTo(T0.plusSeconds(5).toInstant());
        assertThat(stored.balances()).extracting(StoredBalance::asset).containsExactly("EUR");
        assertThat(stored.free("EUR")).isEqualByComparingTo("90");
        assertThat(stored.free("BTC")).isEqualByComparingTo("0");
    }

    @Test
    void givenAStreamsRead_whenConfirmed_thenItsAgeMovesOnButARecordedReadIsNotConfirmedByIt() {
        UUID streamed = connection();
        UUID read = connection();
        streams.storeWholeAccount(streamed, List.of(balance("EUR", "100")), Source.STREAM, T0);
        reads.recordRead(read, List.of(balance("EUR", "100")), T0);

        streams.confirmStream(streamed, T0.plusSeconds(10));
        streams.confirmStream(read, T0.plusSeconds(10));
        // A confirmation that arrives late never moves the time back.
        streams.confirmStream(streamed, T0.plusSeconds(3));

        assertThat(reads.balances(streamed).orElseThrow().asOf().toInstant())
                .isEqualTo(T0.plusSeconds(10).toInstant());
        assertThat(reads.balances(read).orElseThrow().asOf().toInstant()).isEqualTo(T0.toInstant());
        assertThat(reads.balances(connection())).isEmpty();
    }

    @Test
    void givenAReadPriceAndALaterTrade_whenRead_thenTheLatestIsKeptUnderItsSymbol() {
        String exchange = "IT-" + UUID.randomUUID().toString().substring(0, 8);
        reads.recordLastPrice(exchange, "BTC/EUR", new BigDecimal("60000"), T0);
        // The stream stores the exchange's own symbol: the same key.
        streams.storeLastPrice(exchange, "BTCEUR", new BigDecimal("61000"), T0.plusSeconds(2));
        reads.recordLastPrice(exchange, "BTC/EUR", new BigDecimal("59000"), T0.plusSeconds(1));

        StoredAccountReads.StoredPrice price =
                reads.lastPrices(exchange, List.of("BTC/EUR", "ETH/EUR")).get("BTC/EUR");

        assertThat(price.price()).isEqualByComparingTo("61000");
        assertThat(price.asOf().toInstant()).isEqualTo(T0.plusSeconds(2).toInstant());
        assertThat(reads.lastPrices(exchange, List.of("ETH/EUR"))).isEmpty();
    }

    private UUID connection() {
        UUID portfolio = PortfolioRows.insert(dsl).portfolio();
        return dsl.select(PORTFOLIOS.CONNECTION_ID)
                .from(PORTFOLIOS)
                .where(PORTFOLIOS.ID.eq(portfolio))
                .fetchOne(PORTFOLIOS.CONNECTION_ID);
    }

    private static StoredBalance balance(String asset, String free) {
        return new StoredBalance(asset, new BigDecimal(free), BigDecimal.ZERO, T0);
    }
}
