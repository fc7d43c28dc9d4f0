package com.algomarket.workflows.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.workflows.orders.OrderType;
import java.util.Arrays;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExchangeTest {

    @Test
    void givenEachExchange_whenAskedForStopLimit_thenOnlyThoseWhoseGatewayPlacesOneSupportIt() {
        assertThat(Arrays.stream(Exchange.values()).filter(exchange -> exchange.supports(OrderType.STOP_LIMIT)))
                .containsExactlyInAnyOrder(
                        Exchange.BINANCE, Exchange.PAPER, Exchange.KRAKEN, Exchange.COINBASE, Exchange.BITVAVO);
    }

    @ParameterizedTest
    @EnumSource(Exchange.class)
    void givenAnyExchange_whenAskedForTheOtherTypes_thenSupported(Exchange exchange) {
        assertThat(EnumSet.complementOf(EnumSet.of(OrderType.STOP_LIMIT))).allMatch(exchange::supports);
    }
}
