package com.algomarket.activities.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.algomarket.activities.paper.PaperExchange.NewOrder;
import com.algomarket.activities.paper.PaperExchange.Permission;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaperExchangeTest {

    private final PaperExchange venue =
            PaperExchange.withDefaultMarkets(Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC), 1, 0);
    private final String key = venue.createKey(
                    EnumSet.of(Permission.READ, Permission.TRADE),
                    Map.of("EUR", new BigDecimal("100000"), "BTC", new BigDecimal("2")))
            .apiKey();

    @Test
    void givenMarketBuyLargerThanTheBook_whenPlaced_thenFillsWhatTheLevelsHoldAndExpiresTheRest() {
        // 10 levels of 0.5 BTC: 5 BTC in the book, 1 BTC costs ~60 kEUR, so ask for 1.2 and get it all;
        // then ask for more than remains.
        PaperOrder first = venue.placeOrder(key, order("BUY", "MARKET", "1.2", null, "c-1"));
        assertThat(first.status()).isEqualTo(PaperOrder.Status.FILLED);
        assertThat(first.executedQty()).isEqualByComparingTo("1.2");

        venue.setMarket("BTCEUR", new BigDecimal("60000"), new BigDecimal("0.01"));
        PaperOrder second = venue.placeOrder(key, order("BUY", "MARKET", "0.5", null, "c-2"));
        assertThat(second.status()).isEqualTo(PaperOrder.Status.EXPIRED);
        assertThat(second.executedQty()).isEqualByComparingTo("0.1"); // 10 levels x 0.01
        assertThat(venue.trades(key, "BTCEUR", second.orderId(), null, null, null, 100))
                .hasSize(10);
    }

    @Test
    void givenRestingLimitBuy_whenPriceFallsThroughIt_thenFillsPartlyPerTickAndUnlocksNothingEarly() {
        venue.setMarket("BTCEUR", new BigDecimal("60000"), new BigDecimal("0.3"));
        PaperOrder order = venue.placeOrder(key, order("BUY", "LIMIT", "0.5", "59000", "c-3"));
        assertThat(order.status()).isEqualTo(PaperOrder.Status.NEW);
        BigDecimal[] eur = venue.balances(key).get("EUR");
        assertThat(eur[1]).isEqualByComparingTo("29529.5"); // 0.5 x 59000 x 1.001 locked

        // Asks now 58979.48, 59008.95, ...: only the first level (0.3 BTC) reaches the limit.
        venue.setMarket("BTCEUR", new BigDecimal("58950"), null);
        assertThat(order.status()).isEqualTo(PaperOrder.Status.PARTIALLY_FILLED);
        assertThat(order.executedQty()).isEqualByComparingTo("0.3");

        venue.tick(); // the level's depth comes back
        assertThat(order.status()).isEqualTo(PaperOrder.Status.FILLED);
        assertThat(venue.trades(key, "BTCEUR", order.orderId(), null, null, null, 10))
                .allSatisfy(trade -> assertThat(trade.price()).isEqualByComparingTo("59000"));
        assertThat(venue.balances(key).get("EUR")[1]).isEqualByComparingTo("0");
        assertThat(venue.balances(key).get("BTC")[0]).isEqualByComparingTo("2.5");
    }

    @Test
    void givenFilledOrder_whenCancelled_thenUnknownOrderAndStillFilled() {
        PaperOrder order = venue.placeOrder(key, order("BUY", "MARKET", "0.01", null, "c-4"));

        assertThatThrownBy(() -> venue.cancel(key, "BTCEUR", null, "c-4"))
                .isInstanceOfSatisfying(
                        PaperRejection.class, e -> assertThat(e.code()).isEqualTo(-2011));
        assertThat(venue.order(key, "BTCEUR", order.orderId(), null).status()).isEqualTo(PaperOrder.Status.FILLED);
    }

    @Test
    void givenOpenOrderWithClientId_whenSameIdSentAgain_thenDuplicateRejected() {
        venue.placeOrder(key, order("SELL", "LIMIT", "0.1", "70000", "c-5"));

        assertThatThrownBy(() -> venue.placeOrder(key, order("SELL", "LIMIT", "0.1", "70000", "c-5")))
                .isInstanceOfSatisfying(PaperRejection.class, e -> {
                    assertThat(e.code()).isEqualTo(-2010);
                    assertThat(e).hasMessage("Duplicate order sent.");
                });
        assertThat(venue.openOrders(key, "BTCEUR")).hasSize(1);
        assertThat(venue.balances(key).get("BTC")[1]).isEqualByComparingTo("0.1");
    }

    @Test
    void givenTooLittleMoney_whenBuying_thenInsufficientBalanceAndNothingChanges() {
        assertThatThrownBy(() -> venue.placeOrder(key, order("BUY", "LIMIT", "2", "60000", "c-6")))
                .isInstanceOfSatisfying(
                        PaperRejection.class, e -> assertThat(e.code()).isEqualTo(-2010));
        assertThat(venue.balances(key).get("EUR")[0]).isEqualByComparingTo("100000");
        assertThat(venue.openOrders(key, null)).isEmpty();
    }

    @Test
    void givenFillOrKillLargerThanReachableDepth_whenPlaced_thenExpiresWithoutAnyFill() {
        PaperOrder order = venue.placeOrder(
                key,
                new NewOrder(
                        "BTCEUR",
                        "BUY",
                        "LIMIT",
                        "FOK",
                        new BigDecimal("1.5"),
                        new BigDecimal("60070"),
                        null,
                        "c-7")); // two levels = 1 BTC

        assertThat(order.status()).isEqualTo(PaperOrder.Status.EXPIRED);
        assertThat(order.executedQty()).isEqualByComparingTo("0");
        assertThat(venue.balances(key).get("EUR")[0]).isEqualByComparingTo("100000");
    }

    @Test
    void givenStopLossSell_whenPriceDropsToStop_thenSellsAtMarket() {
        PaperOrder stop = venue.placeOrder(
                key,
                new NewOrder(
                        "BTCEUR",
                        "SELL",
                        "STOP_LOSS",
                        null,
                        new BigDecimal("1"),
                        null,
                        new BigDecimal("55000"),
                        "c-8"));
        assertThat(stop.status()).isEqualTo(PaperOrder.Status.NEW);

        venue.setMarket("BTCEUR", new BigDecimal("54000"), null);

        assertThat(stop.status()).isEqualTo(PaperOrder.Status.FILLED);
        assertThat(venue.balances(key).get("BTC")[0]).isEqualByComparingTo("1");
        assertThat(venue.balances(key).get("EUR")[0]).isGreaterThan(new BigDecimal("150000"));
    }

    @Test
    void givenStopLossLimitSell_whenThePriceGapsBelowItsLimit_thenTriggeredItRestsAndSellsOnlyAtTheLimit() {
        PaperOrder stop = venue.placeOrder(key, stopLimit("SELL", "1", "55000", "54900", "c-10"));
        venue.setMarket("BTCEUR", new BigDecimal("56000"), null);
        assertThat(stop.status()).isEqualTo(PaperOrder.Status.NEW);
        assertThat(stop.working).isFalse();

        venue.setMarket("BTCEUR", new BigDecimal("50000"), null); // a gap: every bid is below the limit

        assertThat(stop.working).isTrue();
        assertThat(stop.executedQty()).isEqualByComparingTo("0");
        venue.setMarket("BTCEUR", new BigDecimal("54800"), null); // asks from 54827: the resting sell at 54900 waits
        assertThat(stop.executedQty()).isEqualByComparingTo("0");
        // Bids from 54922, 2 BTC a level: it sells at its limit, as the resting order it now is.
        venue.setMarket("BTCEUR", new BigDecimal("54950"), new BigDecimal("2"));
        assertThat(stop.status()).isEqualTo(PaperOrder.Status.FILLED);
        assertThat(venue.trades(key, "BTCEUR", stop.orderId(), null, null, null, 100))
                .allSatisfy(trade -> assertThat(trade.price()).isEqualByComparingTo("54900"));
    }

    @Test
    void givenStopLossLimitWithoutItsPriceOrAlreadyCrossed_whenPlaced_thenBinanceErrors() {
        assertThatThrownBy(() -> venue.placeOrder(key, stopLimit("SELL", "1", "55000", null, "c-11")))
                .isInstanceOfSatisfying(
                        PaperRejection.class, e -> assertThat(e.code()).isEqualTo(-1102));
        assertThatThrownBy(() -> venue.placeOrder(key, stopLimit("SELL", "1", "65000", "64900", "c-11")))
                .hasMessage("Stop price would trigger immediately.");
    }

    private static NewOrder stopLimit(String side, String quantity, String stop, String limit, String clientOrderId) {
        return new NewOrder(
                "BTCEUR",
                side,
                "STOP_LOSS_LIMIT",
                "GTC",
                new BigDecimal(quantity),
                limit == null ? null : new BigDecimal(limit),
                new BigDecimal(stop),
                clientOrderId);
    }

    @Test
    void givenBadParameters_whenPlaced_thenBinanceFilterErrors() {
        assertThatThrownBy(() -> venue.placeOrder(key, order("BUY", "LIMIT", "0.000001", "60000", "c-9")))
                .hasMessage("Filter failure: LOT_SIZE");
        assertThatThrownBy(() -> venue.placeOrder(key, order("BUY", "LIMIT", "0.01", "60000.001", "c-9")))
                .hasMessage("Filter failure: PRICE_FILTER");
        assertThatThrownBy(() -> venue.placeOrder(key, order("BUY", "LIMIT", "0.00001", "60000", "c-9")))
                .hasMessage("Filter failure: NOTIONAL");
        assertThatThrownBy(() -> venue.placeOrder(key, order("BUY", "MARKET", "0.01", null, "bad id!")))
                .isInstanceOfSatisfying(
                        PaperRejection.class, e -> assertThat(e.code()).isEqualTo(-1100));
        assertThatThrownBy(() -> venue.placeOrder(
                        key, new NewOrder("DOGEEUR", "BUY", "MARKET", null, BigDecimal.ONE, null, null, null)))
                .hasMessage("Invalid symbol.");
    }

    private static NewOrder order(String side, String type, String quantity, String price, String clientOrderId) {
        return new NewOrder(
                "BTCEUR",
                side,
                type,
                type.equals("LIMIT") ? "GTC" : null,
                new BigDecimal(quantity),
                price == null ? null : new BigDecimal(price),
                null,
                clientOrderId);
    }
}
