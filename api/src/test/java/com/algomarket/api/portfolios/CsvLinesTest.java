package com.algomarket.api.portfolios;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.db.orders.PortfolioTrade;
import com.algomarket.workflows.orders.Side;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** RFC 4180 quoting of the trades export. */
class CsvLinesTest {

    @Test
    void givenFieldsWithSpecialCharacters_whenWritten_thenQuotedOnlyWhereNeeded() {
        assertThat(CsvLines.field("BTC/EUR")).isEqualTo("BTC/EUR");
        assertThat(CsvLines.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvLines.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvLines.field("\"")).isEqualTo("\"\"\"\"");
        assertThat(CsvLines.field(" padded ")).isEqualTo("\" padded \"");
        assertThat(CsvLines.field("")).isEmpty();
    }

    @Test
    void givenLineBreaksInAField_whenWritten_thenTheFieldIsQuotedAndTheLineEndsWithCrLf() {
        assertThat(CsvLines.line(List.of("one\ntwo", "three\r\nfour", "plain")))
                .isEqualTo("\"one\ntwo\",\"three\r\nfour\",plain\r\n");
    }

    @Test
    void givenANullField_whenWritten_thenEmpty() {
        assertThat(CsvLines.line(Arrays.asList("a", null, "c"))).isEqualTo("a,,c\r\n");
    }

    @Test
    void givenATrade_whenExported_thenItsFieldsInTheHeadersOrderInUtcAndPlainDecimals() {
        UUID orderId = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
        PortfolioTrade trade = new PortfolioTrade(
                UUID.randomUUID(),
                orderId,
                "t-1,\"x\"",
                "BTC/EUR",
                Side.BUY,
                new BigDecimal("60000.500000000000000000"),
                new BigDecimal("1E-8"),
                new BigDecimal("0.00060000"),
                null,
                OffsetDateTime.parse("2026-11-30T08:15:30.25+02:00"));

        assertThat(CsvLines.line(PortfolioPerformanceController.csvFields(trade)))
                .isEqualTo("2026-11-30T06:15:30.250Z,BTC/EUR,BUY,0.00000001,60000.5,0.0006,," + orderId
                        + ",\"t-1,\"\"x\"\"\"\r\n");
        assertThat(PortfolioPerformanceController.CSV_HEADER)
                .containsExactly(
                        "time", "symbol", "side", "quantity", "price", "fee", "feeAsset", "orderId", "exchangeTradeId");
    }
}
