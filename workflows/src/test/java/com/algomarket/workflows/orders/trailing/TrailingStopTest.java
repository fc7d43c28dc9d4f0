package com.algomarket.workflows.orders.trailing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.algomarket.workflows.orders.Side;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class TrailingStopTest {

    private static TrailingStop observeAll(TrailingStop stop, String... prices) {
        TrailingStop state = stop;
        for (String price : prices) {
            state = state.observe(new BigDecimal(price));
        }
        return state;
    }

    @Test
    void givenSellTrailingByPercent_whenThePriceRisesAndDips_thenTheStopMovesUpOnlyAndNeverDown() {
        TrailingStop stop = TrailingStop.of(Side.SELL, new BigDecimal("0.02"), null, null);

        TrailingStop risen = observeAll(stop, "100", "110", "109");

        assertThat(risen.stop()).isEqualByComparingTo("107.8"); // 2 % below 110, not below 109
        assertThat(risen.extreme()).isEqualByComparingTo("110");
        assertThat(risen.triggered()).isFalse();
        assertThat(risen.observe(new BigDecimal("108")).stop()).isEqualByComparingTo("107.8");
        assertThat(risen.observe(new BigDecimal("120")).stop()).isEqualByComparingTo("117.6");
    }

    @Test
    void givenSellTrailingByAmount_whenThePriceFalls_thenTriggersExactlyAtTheStopAndNotAbove() {
        TrailingStop stop = observeAll(TrailingStop.of(Side.SELL, null, new BigDecimal("500"), null), "60000", "61000");
        assertThat(stop.stop()).isEqualByComparingTo("60500");

        assertThat(stop.observe(new BigDecimal("60500.01")).triggered()).isFalse();
        TrailingStop crossed = stop.observe(new BigDecimal("60500"));
        assertThat(crossed.triggered()).isTrue();
        assertThat(crossed.stop()).isEqualByComparingTo("60500");
        assertThat(crossed.observe(new BigDecimal("70000"))).isEqualTo(crossed); // triggered stays triggered
    }

    @Test
    void givenBuyTrailing_whenThePriceFallsThenRises_thenTheStopMovesDownOnlyAndTriggersAtOrAbove() {
        TrailingStop stop = observeAll(TrailingStop.of(Side.BUY, null, new BigDecimal("10"), null), "100", "90", "95");

        assertThat(stop.stop()).isEqualByComparingTo("100");
        assertThat(stop.triggered()).isFalse();
        assertThat(stop.observe(new BigDecimal("99.99")).triggered()).isFalse();
        assertThat(stop.observe(new BigDecimal("100")).triggered()).isTrue();
    }

    @Test
    void givenActivationPrice_whenTheMarketHasNotReachedIt_thenNothingMovesOrTriggers() {
        TrailingStop stop = TrailingStop.of(Side.SELL, null, new BigDecimal("5"), new BigDecimal("110"));

        TrailingStop before = observeAll(stop, "100", "90", "80");
        assertThat(before.armed()).isFalse();
        assertThat(before.stop()).isNull();
        assertThat(before.triggered()).isFalse();

        TrailingStop armed = observeAll(before, "110", "114");
        assertThat(armed.armed()).isTrue();
        assertThat(armed.stop()).isEqualByComparingTo("109");
        assertThat(armed.observe(new BigDecimal("109")).triggered()).isTrue();
    }

    @Test
    void givenBadDistances_whenCreated_thenRefused() {
        assertThatThrownBy(() -> TrailingStop.of(Side.SELL, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrailingStop.of(Side.SELL, BigDecimal.ONE, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrailingStop.of(Side.SELL, BigDecimal.ONE, BigDecimal.TEN, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrailingStop.of(Side.BUY, null, new BigDecimal("-1"), null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
