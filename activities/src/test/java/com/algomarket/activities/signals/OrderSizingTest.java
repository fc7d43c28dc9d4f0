package com.algomarket.activities.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.algomarket.activities.exchange.InstrumentRules;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OrderSizingTest {

    private static final InstrumentRules BTC_EUR = new InstrumentRules(
            "BTC/EUR",
            new BigDecimal("0.01"),
            new BigDecimal("0.00001"),
            new BigDecimal("0.00001"),
            new BigDecimal("5"));
    private static final BigDecimal PRICE = new BigDecimal("60000");

    /**
     * A case: a buy or a sell, its fraction or absolute quantity, the portfolio's size and holding; then the quantity
     * sized, or none and the reason.
     */
    static Stream<Arguments> orders() {
        return Stream.of(
                // 0.25 x 1000 EUR = 250 EUR at 60,000 -> 0.0041666.. BTC -> 0.00416 at the step
                arguments(
                        "a fraction on a buy: that share of the size at the price, rounded down",
                        true,
                        "0.25",
                        null,
                        "1000",
                        "0",
                        "0.00416",
                        null),
                arguments(
                        "a fraction on a sell: that share of the position held",
                        false,
                        "0.5",
                        null,
                        "1000",
                        "0.01235",
                        "0.00617",
                        null),
                arguments(
                        "an absolute quantity: the same for every portfolio, rounded to the step",
                        true,
                        null,
                        "0.0012345",
                        "100",
                        "0",
                        "0.00123",
                        null),
                arguments(
                        "a fraction on a sell with nothing held: rejected",
                        false,
                        "1",
                        null,
                        "1000",
                        "0",
                        null,
                        "nothing to sell: the portfolio holds no BTC/EUR"),
                arguments(
                        "a quantity below the step: rejected as rounding to zero",
                        true,
                        null,
                        "0.000001",
                        "100",
                        "0",
                        null,
                        "quantity 0.000001 rounds to 0 at the step 0.00001"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orders")
    void givenSizing_whenSized_thenTheQuantityOrTheReasonForNone(
            String sizing,
            boolean buy,
            String fraction,
            String quantity,
            String portfolioSize,
            String held,
            String sizedQuantity,
            String reason) {
        OrderSizing.Sized sized = sizedAt60000(buy, fraction, quantity, portfolioSize, held);

        assertThat(sized.quantity())
                .usingComparator(Comparator.nullsFirst(BigDecimal::compareTo))
                .isEqualTo(decimal(sizedQuantity));
        assertThat(sized.rejection()).isEqualTo(reason);
    }

    @Test
    void givenOrderBelowTheMinimumNotional_whenSized_thenRejectedAndNeverSent() {
        // 0.01 x 100 EUR = 1 EUR, below Binance-style minimum notional of 5
        OrderSizing.Sized sized = sizedAt60000(true, "0.01", null, "100", "0");

        assertThat(sized.quantity()).isNull();
        assertThat(sized.rejection()).startsWith("notional ").contains("is below the minimum 5");
        assertThat(sized.nothingHeld())
                .as("an order the exchange would refuse: the owner is told")
                .isFalse();
    }

    @Test
    void givenASellOfAPositionNotHeld_whenSized_thenRejectedAsNothingHeld() {
        OrderSizing.Sized sized = sizedAt60000(false, "1", null, "1000", "0");

        assertThat(sized.quantity()).isNull();
        assertThat(sized.nothingHeld())
                .as("no news to the owner: the portfolio has nothing to exit")
                .isTrue();
    }

    /** Sizes an order in BTC/EUR at 60,000 EUR. */
    private static OrderSizing.Sized sizedAt60000(
            boolean buy, String fraction, String quantity, String portfolioSize, String held) {
        return OrderSizing.size(
                buy, decimal(fraction), decimal(quantity), decimal(portfolioSize), decimal(held), PRICE, BTC_EUR);
    }

    private static BigDecimal decimal(String value) {
        return value == null ? null : new BigDecimal(value);
    }
}
