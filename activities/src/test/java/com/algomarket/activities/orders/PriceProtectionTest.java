package com.algomarket.activities.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.exchange.InstrumentRules;
import com.algomarket.activities.exchange.OrderRequest;
import com.algomarket.db.orders.NewOrder;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.orders.TimeInForce;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which buys go with a limit at their reservation, and the limit they get: never above what was reserved. */
class PriceProtectionTest {

    private static final BigDecimal RESERVED = new BigDecimal("61230.6789");
    private static final InstrumentRules CENTS =
            new InstrumentRules("BTC/EUR", new BigDecimal("0.01"), new BigDecimal("0.00001"), null, null);

    @Test
    void givenAMarketBuy_whenSent_thenItIsALimitIocAtItsReservationRoundedDown() {
        NewOrder buy = order(Exchange.PAPER, Side.BUY, OrderType.MARKET, null, null);

        assertThat(PriceProtection.applies(buy, RESERVED)).isTrue();
        OrderRequest sent = PriceProtection.protect(buy, RESERVED, CENTS);

        assertThat(sent.type()).isEqualTo(OrderType.LIMIT);
        assertThat(sent.timeInForce()).isEqualTo(TimeInForce.IOC);
        assertThat(sent.limitPrice()).isEqualByComparingTo("61230.67");
        assertThat(sent.quantity().multiply(sent.limitPrice()))
                .isLessThanOrEqualTo(buy.quantity().multiply(RESERVED));
        assertThat(sent.stopPrice()).isNull();
        assertThat(sent.clientOrderId()).isEqualTo(buy.clientOrderId());
    }

    @Test
    void givenABuyStop_whenSent_thenItIsAStopLimitWithItsStopAndTheReservationAsLimit() {
        NewOrder stop = order(Exchange.BINANCE, Side.BUY, OrderType.STOP_LOSS, null, new BigDecimal("60600"));
        InstrumentRules wholeEuros =
                new InstrumentRules("BTC/EUR", BigDecimal.ONE, new BigDecimal("0.00001"), null, null);

        assertThat(PriceProtection.applies(stop, RESERVED)).isTrue();
        OrderRequest sent = PriceProtection.protect(stop, RESERVED, wholeEuros);

        assertThat(sent.type()).isEqualTo(OrderType.STOP_LIMIT);
        assertThat(sent.timeInForce()).isEqualTo(TimeInForce.GTC);
        assertThat(sent.stopPrice()).isEqualByComparingTo("60600");
        assertThat(sent.limitPrice()).isEqualByComparingTo("61230");
    }

    @Test
    void givenOrdersBoundedOtherwise_whenSent_thenAsAsked() {
        NewOrder sell = order(Exchange.PAPER, Side.SELL, OrderType.MARKET, null, null);
        NewOrder limitBuy = order(Exchange.PAPER, Side.BUY, OrderType.LIMIT, new BigDecimal("60000"), null);
        NewOrder stopLimitBuy =
                order(Exchange.PAPER, Side.BUY, OrderType.STOP_LIMIT, new BigDecimal("61000"), new BigDecimal("60600"));
        NewOrder unreserved = order(Exchange.PAPER, Side.BUY, OrderType.MARKET, null, null);

        assertThat(PriceProtection.applies(sell, null)).isFalse();
        assertThat(PriceProtection.applies(sell, RESERVED)).isFalse();
        assertThat(PriceProtection.applies(limitBuy, RESERVED)).isFalse();
        assertThat(PriceProtection.applies(stopLimitBuy, RESERVED)).isFalse();
        assertThat(PriceProtection.applies(unreserved, null)).isFalse();
        OrderRequest asked = PriceProtection.asAsked(limitBuy);
        assertThat(asked.type()).isEqualTo(OrderType.LIMIT);
        assertThat(asked.limitPrice()).isEqualByComparingTo("60000");
        assertThat(asked.timeInForce()).isEqualTo(TimeInForce.GTC);
    }

    /** A stop buy where no stop-limit can be placed goes as asked, and the gateway refuses it as before. */
    @Test
    void givenAStopBuyOnAnExchangeWithoutStopLimits_whenSent_thenAsAsked() {
        NewOrder stop = order(Exchange.BITSTAMP, Side.BUY, OrderType.STOP_LOSS, null, new BigDecimal("60600"));

        assertThat(PriceProtection.applies(stop, RESERVED)).isFalse();
    }

    private static NewOrder order(
            Exchange exchange, Side side, OrderType type, BigDecimal limitPrice, BigDecimal stopPrice) {
        return new NewOrder(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                "a1a0c0de-0000-8000-8000-000000000002",
                exchange,
                "BTC/EUR",
                side,
                type,
                type == OrderType.LIMIT || type == OrderType.STOP_LIMIT ? TimeInForce.GTC : null,
                new BigDecimal("0.01633"),
                limitPrice,
                stopPrice,
                "order-p-s");
    }
}
