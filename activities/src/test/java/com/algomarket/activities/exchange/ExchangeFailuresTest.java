package com.algomarket.activities.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.exchange.ExchangeFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExchangeFailuresTest {

    @Test
    void givenNoConnectionAtAll_whenClassified_thenUnavailableEvenForAnOrder() {
        assertThat(ExchangeFailures.transport(Exchange.BINANCE, new ConnectException("refused"), true)
                        .failure())
                .isEqualTo(ExchangeFailure.UNAVAILABLE);
        assertThat(ExchangeFailures.transport(Exchange.BINANCE, new UnknownHostException("api"), true)
                        .failure())
                .isEqualTo(ExchangeFailure.UNAVAILABLE);
        assertThat(ExchangeFailures.transport(Exchange.BINANCE, new SocketTimeoutException("Connect timed out"), true)
                        .failure())
                .isEqualTo(ExchangeFailure.UNAVAILABLE);
        assertThat(ExchangeFailures.transport(
                                Exchange.BINANCE, new IOException("wrapped", new ConnectException("refused")), true)
                        .failure())
                .isEqualTo(ExchangeFailure.UNAVAILABLE);
    }

    @Test
    void givenRequestLeftAndNoAnswer_whenClassified_thenUnknownForOrdersAndUnavailableForReads() {
        SocketTimeoutException readTimeout = new SocketTimeoutException("Read timed out");
        SocketException reset = new SocketException("Connection reset");
        assertThat(ExchangeFailures.transport(Exchange.KRAKEN, readTimeout, true)
                        .failure())
                .isEqualTo(ExchangeFailure.UNKNOWN);
        assertThat(ExchangeFailures.transport(Exchange.KRAKEN, reset, true).failure())
                .isEqualTo(ExchangeFailure.UNKNOWN);
        assertThat(ExchangeFailures.transport(Exchange.KRAKEN, readTimeout, false)
                        .failure())
                .isEqualTo(ExchangeFailure.UNAVAILABLE);
        assertThat(ExchangeFailures.transport(Exchange.KRAKEN, reset, true).getMessage())
                .contains("may have been executed");
    }

    @ParameterizedTest
    @CsvSource({
        "429, true, RATE_LIMITED",
        "418, false, RATE_LIMITED",
        "401, true, AUTH",
        "403, false, AUTH",
        "500, true, UNKNOWN",
        "503, true, UNKNOWN",
        "502, false, UNAVAILABLE",
        "400, true, REJECTED",
        "404, false, REJECTED",
        "422, true, REJECTED"
    })
    void givenStatus_whenClassified_thenFailure(int status, boolean mutating, ExchangeFailure expected) {
        assertThat(ExchangeFailures.byStatus(Exchange.BITVAVO, status, Duration.ofSeconds(3), mutating, "c", "m")
                        .failure())
                .isEqualTo(expected);
    }

    @Test
    void givenRetryAfterAsSecondsOrDate_whenRead_thenDuration() {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        assertThat(ExchangeFailures.retryAfter("7", now)).isEqualTo(Duration.ofSeconds(7));
        assertThat(ExchangeFailures.retryAfter("Mon, 23 Nov 2026 10:00:30 GMT", now))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(ExchangeFailures.retryAfter("soon", now)).isNull();
        assertThat(ExchangeFailures.retryAfter(null, now)).isNull();
    }
}
