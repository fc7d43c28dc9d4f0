package com.algomarket.db.portfolios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.algomarket.workflows.orders.OrderType;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MarketBuyMarginTest {

    private final MarketBuyMargin margin = new MarketBuyMargin(new BigDecimal("0.02"));

    @ParameterizedTest(name = "{0} at 50,000: {1}")
    @CsvSource({"MARKET, 51000", "STOP_LOSS, 51000", "LIMIT, 50000", "STOP_LIMIT, 50000", "TRAILING_STOP, 50000"})
    void givenABuysType_whenAskedItsWorstPrice_thenOnlyWhatExecutesAtTheMarketGetsTheMargin(
            OrderType type, BigDecimal expected) {
        assertThat(margin.worstBuyPrice(type, new BigDecimal("50000"))).isEqualByComparingTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0.01", "1", "2.5"})
    void givenAMarginOutsideZeroToOne_whenConfigured_thenTheAppRefusesToStart(String value) {
        assertThatThrownBy(() -> new MarketBuyMargin(new BigDecimal(value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("market-buy-margin");
    }

    @ParameterizedTest
    @ValueSource(strings = {"MARKET", "LIMIT"})
    void givenNoPrice_whenAskedItsWorstPrice_thenNone(OrderType type) {
        assertThat(margin.worstBuyPrice(type, null)).isNull();
    }
}
