package com.algomarket.api.portfolios;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PerformanceFiguresTest {

    @ParameterizedTest(name = "{0} -> {1} %")
    @CsvSource(delimiter = '|', textBlock = """
            1000                          | 0
            1000 1100 1200                | 0
            1000 900 1100                 | 10
            1000 1200 900 1300 1000       | 25
            1000 800 1200 1100            | 20
            1000 999.9999                 | 0.0000
            1000 666                      | 33.4000
            """)
    void givenEquityValues_whenTheLargestFallIsMeasured_thenFromAPeakToALaterTrough(String values, String pct) {
        List<BigDecimal> equity =
                Arrays.stream(values.split(" ")).map(BigDecimal::new).toList();

        assertThat(PerformanceFigures.maxDrawdownPct(equity)).isEqualByComparingTo(pct);
    }

    @ParameterizedTest(name = "{0} on {1} -> {2} %")
    @CsvSource({"50,1000,5", "-12.5,1000,-1.25", "0,100,0", "1,3,33.3333"})
    void givenANetPnl_whenAsAReturn_thenAPercentageOfTheSize(String netPnl, String size, String pct) {
        assertThat(PerformanceFigures.returnPct(new BigDecimal(netPnl), new BigDecimal(size)))
                .isEqualByComparingTo(pct);
    }
}
