package com.algomarket.db.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.algomarket.db.orders.CostBasis.Applied;
import com.algomarket.db.orders.CostBasis.Assets;
import com.algomarket.db.orders.CostBasis.Holding;
import com.algomarket.db.orders.CostBasis.Trade;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The fee rules of the average cost and the realized PnL, by hand and over random sequences of trades. */
class CostBasisTest {

    private static final Assets BTC_EUR = Assets.of("BTC/EUR");

    @ParameterizedTest(name = "buy 0.5 at 60000, fee {0} {1}: holds {2} at {3}, fee {4} EUR")
    @CsvSource(nullValues = "null", textBlock = """
            # fee, asset,  quantity held, average cost,   fee in EUR
            0,     null,   0.5,           60000,          0
            30,    EUR,    0.5,           60060,          30
            0.0005,BTC,    0.4995,        60060.06006006006006006, 30
            0.1,   BNB,    0.5,           60100,          50
            0.1,   XYZ,    0.5,           60000,          null
            """)
    void givenAFirstBuy_whenTheFeeIsInEachKindOfAsset_thenCostAndQuantityCarryIt(
            String fee, String asset, String held, String averageCost, String feeInQuote) {
        Applied applied = CostBasis.apply(
                Holding.EMPTY,
                BTC_EUR,
                new Trade(true, new BigDecimal("60000"), new BigDecimal("0.5"), new BigDecimal(fee), asset),
                "BNB".equals(asset) ? new BigDecimal("500") : null);

        assertThat(applied.holding().quantity()).isEqualByComparingTo(held);
        assertThat(applied.holding().averageCost()).isEqualByComparingTo(averageCost);
        assertThat(applied.holding().realizedPnl()).isZero();
        assertThat(applied.realizedByTrade()).isZero();
        if (feeInQuote == null) {
            assertThat(applied.feeInQuote())
                    .as("reported apart, in its own asset")
                    .isNull();
        } else {
            assertThat(applied.feeInQuote()).isEqualByComparingTo(feeInQuote);
        }
    }

    @ParameterizedTest(name = "sell 0.2 at 63000 from 0.5 at 61000, fee {0} {1}: realizes {2}, holds {3}")
    @CsvSource(nullValues = "null", textBlock = """
            # fee,   asset, realized, held
            0,       null,  400,      0.3
            12.6,    EUR,   387.4,    0.3
            0.0002,  BTC,   387.8,    0.2998
            0.02,    BNB,   390,      0.3
            0.02,    XYZ,   400,      0.3
            """)
    void givenASell_whenTheFeeIsInEachKindOfAsset_thenTheRealizedPnlIsNetOfIt(
            String fee, String asset, String realized, String held) {
        Holding before = new Holding(new BigDecimal("0.5"), new BigDecimal("61000"), new BigDecimal("7"));

        Applied applied = CostBasis.apply(
                before,
                BTC_EUR,
                new Trade(false, new BigDecimal("63000"), new BigDecimal("0.2"), new BigDecimal(fee), asset),
                "BNB".equals(asset) ? new BigDecimal("500") : null);

        // (63000 - 61000) x 0.2 = 400 before fees; a BTC fee leaves at the average cost: 0.0002 x 61000 = 12.2.
        assertThat(applied.realizedByTrade()).isEqualByComparingTo(realized);
        assertThat(applied.holding().realizedPnl())
                .isEqualByComparingTo(new BigDecimal(realized).add(new BigDecimal("7")));
        assertThat(applied.holding().quantity()).isEqualByComparingTo(held);
        assertThat(applied.holding().averageCost()).as("a sell keeps the cost").isEqualByComparingTo("61000");
    }

    @Test
    void givenTheFeeAssetIsNeitherSide_whenAsked_thenOnlyThatNeedsAPrice() {
        assertThat(CostBasis.needsConversion(BTC_EUR, trade("1", "BNB"))).isTrue();
        assertThat(CostBasis.needsConversion(BTC_EUR, trade("1", "EUR"))).isFalse();
        assertThat(CostBasis.needsConversion(BTC_EUR, trade("1", "BTC"))).isFalse();
        assertThat(CostBasis.needsConversion(BTC_EUR, trade("0", "BNB")))
                .as("no fee")
                .isFalse();
        assertThat(CostBasis.needsConversion(BTC_EUR, trade("1", null))).isFalse();
    }

    @Test
    void givenSymbolsWithoutBothAssets_whenSplit_thenRefused() {
        assertThat(Assets.of("ETH/BTC")).isEqualTo(new Assets("ETH", "BTC"));
        for (String symbol : List.of("BTCEUR", "/EUR", "BTC/")) {
            assertThatThrownBy(() -> Assets.of(symbol)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /**
     * Properties over random sequences of buys and sells with fees in the quote or the base asset: the cash the
     * position implies ({@code realized - quantity x averageCost}) equals the cash the trades moved, to within the
     * rounding of the average cost; fees only ever lower it; the quantity is what the trades moved net of base fees.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void givenRandomTradesWithFees_whenApplied_thenTheImpliedCashMatchesTheCashMovedAndFeesOnlyCost(long seed) {
        Random random = new Random(seed);
        Holding withFees = Holding.EMPTY;
        Holding withoutFees = Holding.EMPTY;
        BigDecimal cash = BigDecimal.ZERO;
        BigDecimal held = BigDecimal.ZERO;
        BigDecimal feesInQuote = BigDecimal.ZERO;
        List<Trade> trades = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            BigDecimal price = BigDecimal.valueOf(1_000 + random.nextInt(100_000), 2);
            boolean buy = held.signum() == 0 || random.nextBoolean();
            BigDecimal quantity = buy
                    ? BigDecimal.valueOf(1 + random.nextInt(10_000), 4)
                    : held.multiply(BigDecimal.valueOf(1 + random.nextInt(50), 2))
                            .setScale(8, RoundingMode.DOWN);
            if (quantity.signum() == 0) {
                continue;
            }
            boolean baseFee = random.nextBoolean();
            BigDecimal fee = baseFee
                    ? quantity.multiply(new BigDecimal("0.001")).setScale(8, RoundingMode.UP)
                    : price.multiply(quantity).multiply(new BigDecimal("0.001")).setScale(8, RoundingMode.UP);
            Trade trade = new Trade(buy, price, quantity, fee, baseFee ? "BTC" : "EUR");
            trades.add(trade);
            Applied applied = CostBasis.apply(withFees, BTC_EUR, trade, null);
            withFees = applied.holding();
            withoutFees = CostBasis.apply(
                            withoutFees, BTC_EUR, new Trade(buy, price, quantity, BigDecimal.ZERO, null), null)
                    .holding();
            BigDecimal notional = price.multiply(quantity);
            BigDecimal baseMoved = baseFee
                    ? (buy ? quantity.subtract(fee) : quantity.add(fee).negate())
                    : (buy ? quantity : quantity.negate());
            held = held.add(baseMoved);
            cash = cash.add(buy ? notional.negate() : notional).subtract(baseFee ? BigDecimal.ZERO : fee);
            feesInQuote = feesInQuote.add(applied.feeInQuote());
            assertThat(applied.feeInQuote()).isEqualByComparingTo(baseFee ? fee.multiply(price) : fee);

            assertThat(withFees.quantity()).as("trade %d of %s", i, trades).isEqualByComparingTo(held);
            BigDecimal impliedCash =
                    withFees.realizedPnl().subtract(withFees.quantity().multiply(withFees.averageCost()));
            assertThat(impliedCash).as("trade %d", i).isCloseTo(cash, within(new BigDecimal("0.000000001")));
        }
        assertThat(feesInQuote).isPositive();
        // Valued at any price, the position with fees is worth less than the same trades without them.
        BigDecimal price = new BigDecimal("500.00");
        assertThat(valueAt(withFees, price)).isLessThan(valueAt(withoutFees, price));
    }

    static Stream<Arguments> seeds() {
        return IntStream.range(0, 25).mapToObj(seed -> Arguments.of((long) seed * 7919));
    }

    private static BigDecimal valueAt(Holding holding, BigDecimal price) {
        return holding.realizedPnl().add(holding.quantity().multiply(price.subtract(holding.averageCost())));
    }

    private static Trade trade(String fee, String asset) {
        return new Trade(true, BigDecimal.TEN, BigDecimal.ONE, new BigDecimal(fee), asset);
    }
}
