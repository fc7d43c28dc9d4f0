package com.algomarket.activities.signals;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.exchange.InstrumentRules;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class OrderSizingTest {

    private static final InstrumentRules BTC_EUR = new InstrumentRules(
            "BTC/EUR",
            new BigDecimal("0.01"),
            new BigDecimal("0.00001"),
            new BigDecimal("0.00001"),
            new BigDecimal("5"));

    private static BigDecimal bd(String value) {
        return new BigDecimal(value);
    }

    @Test
    void givenFractionOnBuy_whenSized_thenThatShareOfTheSizeAtThePriceRoundedDown() {
        // 0.25 x 1000 EUR = 250 EUR at 60,000 -> 0.0041666.. BTC -> 0.00416 at the step
        OrderSizing.Sized sized =
                OrderSizing.size(true, bd("0.25"), null, bd("1000"), BigDecimal.ZERO, bd("60000"), BTC_EUR);

        assertThat(sized.rejection()).isNull();
        assertThat(sized.quantity()).isEqualByComparingTo("0.00416");
    }

    @Test
    void givenFractionOnSell_whenSized_thenThatShareOfThePositionHeld() {
        OrderSizing.Sized sized =
                OrderSizing.size(false, bd("0.5"), null, bd("1000"), bd("0.01235"), bd("60000"), BTC_EUR);

        assertThat(sized.quantity()).isEqualByComparingTo("0.00617");
    }

    @Test
    void givenFractionOnSellWithNothingHeld_whenSized_thenRejectedWithTheReason() {
        OrderSizing.Sized sized =
                OrderSizing.size(false, bd("1"), null, bd("1000"), BigDecimal.ZERO, bd("60000"), BTC_EUR);

        assertThat(sized.quantity()).isNull();
        assertThat(sized.rejection()).isEqualTo("nothing to sell: the portfolio holds no BTC/EUR");
    }

    @Test
    void givenAbsoluteQuantity_whenSized_thenTheSameForEveryPortfolioRoundedToTheStep() {
        OrderSizing.Sized sized =
                OrderSizing.size(true, null, bd("0.0012345"), bd("100"), BigDecimal.ZERO, bd("60000"), BTC_EUR);

        assertThat(sized.quantity()).isEqualByComparingTo("0.00123");
    }

    @Test
    void givenOrderBelowTheMinimumNotional_whenSized_thenRejectedAndNeverSent() {
        // 0.01 x 100 EUR = 1 EUR, below Binance-style minimum notional of 5
        OrderSizing.Sized sized =
                OrderSizing.size(true, bd("0.01"), null, bd("100"), BigDecimal.ZERO, bd("60000"), BTC_EUR);

        assertThat(sized.quantity()).isNull();
        assertThat(sized.rejection()).startsWith("notional ").contains("is below the minimum 5");
    }

    @Test
    void givenQuantityBelowTheStep_whenSized_thenRejectedAsRoundingToZero() {
        OrderSizing.Sized sized =
                OrderSizing.size(true, null, bd("0.000001"), bd("100"), BigDecimal.ZERO, bd("60000"), BTC_EUR);

        assertThat(sized.rejection()).isEqualTo("quantity 0.000001 rounds to 0 at the step 0.00001");
    }
}
