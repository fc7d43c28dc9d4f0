package com.algomarket.db.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.db.streams.StoredAccountReads.Source;
import com.algomarket.db.streams.StoredAccountReads.StoredBalances;
import com.algomarket.db.streams.StoredAccountReads.StoredPrice;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When the database's balances and prices stand in for a read at the exchange, and when they do not. */
class StoredReadFreshnessTest {

    private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");

    @ParameterizedTest(name = "{0}, {1} s old: for money {2}, for display {3}")
    @CsvSource({
        // A connected stream confirms every 10 s: three confirmations missed and money decisions read the exchange.
        "STREAM, 0, true, true",
        "STREAM, 30, true, true",
        "STREAM, 31, false, false",
        // A recorded read is never good for money, and shown for 30 s.
        "READ, 0, false, true",
        "READ, 30, false, true",
        "READ, 31, false, false",
        // Another machine's clock slightly ahead: counts as now.
        "STREAM, -2, true, true"
    })
    void givenStoredBalances_whenAsked_thenFreshForMoneyOnlyFromAConfirmedStream(
            Source source, long ageSeconds, boolean forMoney, boolean forDisplay) {
        Optional<StoredBalances> stored = Optional.of(balances(source, ageSeconds));

        assertThat(StoredReadFreshness.forMoney(stored, NOW)).isEqualTo(forMoney);
        assertThat(StoredReadFreshness.forDisplay(stored, NOW)).isEqualTo(forDisplay);
    }

    @Test
    void givenNothingStored_whenAsked_thenNeverFresh() {
        assertThat(StoredReadFreshness.forMoney(Optional.empty(), NOW)).isFalse();
        assertThat(StoredReadFreshness.forDisplay(Optional.empty(), NOW)).isFalse();
        assertThat(StoredReadFreshness.forValuation(Optional.empty(), NOW, null))
                .isFalse();
    }

    @ParameterizedTest(name = "price {0} s old, position changed {1} s ago: used {2}")
    @CsvSource({
        "0, , true",
        "10, , true",
        "11, , false",
        // A position that changed after the price was known is valued at a price read since.
        "5, 10, true",
        "5, 5, true",
        "5, 3, false"
    })
    void givenAStoredPrice_whenValuing_thenUsedWhileYoungAndNotOlderThanThePosition(
            long ageSeconds, Long positionChangedSecondsAgo, boolean used) {
        Optional<StoredPrice> price = Optional.of(new StoredPrice(new BigDecimal("60000"), ago(ageSeconds)));
        OffsetDateTime positionChanged = positionChangedSecondsAgo == null ? null : ago(positionChangedSecondsAgo);

        assertThat(StoredReadFreshness.forValuation(price, NOW, positionChanged))
                .isEqualTo(used);
    }

    private static StoredBalances balances(Source source, long ageSeconds) {
        return new StoredBalances(
                List.of(new AccountStreamRepository.StoredBalance(
                        "EUR", new BigDecimal("100"), BigDecimal.ZERO, ago(ageSeconds))),
                source,
                ago(ageSeconds));
    }

    private static OffsetDateTime ago(long seconds) {
        return NOW.minusSeconds(seconds).atOffset(ZoneOffset.UTC);
    }
}
