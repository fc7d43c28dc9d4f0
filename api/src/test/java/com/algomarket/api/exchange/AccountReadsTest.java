package com.algomarket.api.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.algomarket.db.streams.AccountStreamRepository.StoredBalance;
import com.algomarket.db.streams.StoredAccountReads;
import com.algomarket.db.streams.StoredAccountReads.Source;
import com.algomarket.db.streams.StoredAccountReads.StoredBalances;
import com.algomarket.workflows.connections.AccountBalances;
import com.algomarket.workflows.connections.AssetBalance;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Which balances REST answers with: the database's while fresh enough for what they are for, else the exchange's
 * (through the worker), recorded so that the next request is served from the database.
 */
class AccountReadsTest {

    private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");
    private static final UUID CONNECTION = UUID.randomUUID();

    private final StoredAccountReads stored = mock(StoredAccountReads.class);
    private final ExchangeAccounts exchange = mock(ExchangeAccounts.class);
    private final AccountReads reads = new AccountReads(stored, exchange, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void givenTheStreamsConfirmedBalances_whenShownOrCheckedForMoney_thenTheDatabaseAnswersWithTheirAge() {
        keep(Source.STREAM, 8, "700");

        for (AccountReads.ShownBalances shown : List.of(reads.forDisplay(CONNECTION), reads.forMoney(CONNECTION))) {
            assertThat(shown.balances())
                    .containsExactly(new AssetBalance("EUR", new BigDecimal("700"), BigDecimal.ZERO));
            assertThat(shown.asOf()).isEqualTo(ago(8));
            assertThat(shown.source()).isEqualTo(Source.STREAM);
        }
        verify(exchange, never()).balances(any());
    }

    @Test
    void givenARecordedRead_whenShown_thenFromTheDatabaseButForMoneyReadAgainAndRecorded() {
        keep(Source.READ, 8, "700");
        exchangeHolds("650", BigDecimal.ONE);

        assertThat(reads.forDisplay(CONNECTION).balances().getFirst().free()).isEqualByComparingTo("700");
        verify(exchange, never()).balances(any());

        AccountReads.ShownBalances forMoney = reads.forMoney(CONNECTION);

        assertThat(forMoney.balances().getFirst().free()).isEqualByComparingTo("650");
        assertThat(forMoney.asOf()).isEqualTo(ago(0));
        assertThat(forMoney.source()).isEqualTo(Source.READ);
        verify(stored)
                .recordRead(
                        CONNECTION,
                        List.of(new StoredBalance("EUR", new BigDecimal("650"), BigDecimal.ONE, ago(0))),
                        ago(0));
    }

    @Test
    void givenNothingStoredOrTooOld_whenShown_thenReadAtTheExchangeAndRecorded() {
        keep(Source.READ, 31, "700");
        exchangeHolds("650", BigDecimal.ZERO);

        AccountReads.ShownBalances shown = reads.forDisplay(CONNECTION);

        assertThat(shown.balances().getFirst().free()).isEqualByComparingTo("650");
        assertThat(shown.asOf()).isEqualTo(ago(0));
        verify(stored).recordRead(eq(CONNECTION), any(), eq(ago(0)));
    }

    @Test
    void givenTheExchangeUnavailable_whenNothingFreshIsStored_thenUnavailableAndNothingRecorded() {
        when(exchange.balances(CONNECTION)).thenReturn(AccountBalances.unavailable("RATE_LIMITED"));

        AccountReads.ShownBalances shown = reads.forDisplay(CONNECTION);

        assertThat(shown.balances()).isNull();
        assertThat(shown.unavailable()).isEqualTo("RATE_LIMITED");
        assertThat(shown.asOf()).isNull();
        verify(stored, never()).recordRead(any(), any(), any());
    }

    private void keep(Source source, long secondsOld, String free) {
        when(stored.balances(CONNECTION))
                .thenReturn(Optional.of(new StoredBalances(
                        List.of(new StoredBalance("EUR", new BigDecimal(free), BigDecimal.ZERO, ago(secondsOld))),
                        source,
                        ago(secondsOld))));
    }

    /** The exchange (read through the worker) answers {@code free} EUR, and {@code locked} EUR locked in orders. */
    private void exchangeHolds(String free, BigDecimal locked) {
        when(exchange.balances(CONNECTION))
                .thenReturn(AccountBalances.of(List.of(new AssetBalance("EUR", new BigDecimal(free), locked))));
    }

    private static OffsetDateTime ago(long seconds) {
        return NOW.minusSeconds(seconds).atOffset(ZoneOffset.UTC);
    }
}
