package com.algomarket.api.developers;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.api.developers.Sales.Revenue;
import com.algomarket.db.developers.SalesLine;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SalesTest {

    private static final UUID TREND = UUID.randomUUID();
    private static final UUID SWING = UUID.randomUUID();
    private static final UUID UNSOLD = UUID.randomUUID();

    @Test
    void givenLinesPerAlgorithmAndCurrency_whenSummed_thenTotalsPerCurrencyNeverMixed() {
        Sales sales = Sales.of(List.of(
                new SalesLine(TREND, "Trend", 3, 10, "EUR", 3, 2, new BigDecimal("89.70"), new BigDecimal("29.9")),
                new SalesLine(TREND, "Trend", 3, 10, "USD", 1, 1, new BigDecimal("32.5"), BigDecimal.ZERO),
                new SalesLine(SWING, "Swing", 1, null, "EUR", 1, 1, new BigDecimal("10"), BigDecimal.ZERO),
                new SalesLine(UNSOLD, "Unsold", 0, 5, null, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO)));

        assertThat(sales.purchases()).isEqualTo(5);
        assertThat(sales.revenue())
                .containsExactly(new Revenue("EUR", "99.70", "29.90"), new Revenue("USD", "32.50", "0.00"));
        assertThat(sales.byAlgorithm()).hasSize(3);
        Sales.AlgorithmSales trend = sales.byAlgorithm().getFirst();
        assertThat(trend.purchases()).isEqualTo(4);
        assertThat(trend.activeSubscriptions()).isEqualTo(3);
        assertThat(trend.seatsUsed()).isEqualTo(3);
        assertThat(trend.seatsTotal()).isEqualTo(10);
        assertThat(trend.revenue()).hasSize(2);
        assertThat(sales.byAlgorithm().get(2).revenue()).isEmpty();
        assertThat(sales.byAlgorithm().get(2).purchases()).isZero();
    }

    @Test
    void givenAmounts_whenRendered_thenAtLeastTwoDecimalsAndNoneLost() {
        assertThat(Sales.money(new BigDecimal("29.900000000000000000"))).isEqualTo("29.90");
        assertThat(Sales.money(new BigDecimal("1E+2"))).isEqualTo("100.00");
        assertThat(Sales.money(new BigDecimal("0.125"))).isEqualTo("0.125");
    }
}
