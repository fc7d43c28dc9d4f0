package com.algomarket.activities.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.orders.RiskPolicy.OrderFacts;
import com.algomarket.db.ledger.LedgerFunds;
import com.algomarket.db.portfolios.RiskDefaults;
import com.algomarket.db.portfolios.RiskLimits;
import com.algomarket.workflows.connections.ConnectionStatus;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.RiskDecision;
import com.algomarket.workflows.portfolios.PortfolioStatus;
import java.math.BigDecimal;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each risk rule at its boundary: the last value the rule lets through and the first it refuses, one step (a
 * satoshi, a cent or one order) apart.
 */
class RiskPolicyTest {

    /** Limits wide enough that only the rule under test can refuse. */
    private static final RiskLimits WIDE =
            new RiskLimits(new BigDecimal("1000000"), new BigDecimal("1000000"), 1000, new BigDecimal("1000000"));

    /** An active portfolio's buy of {@code quantity} BTC at 50,000 EUR, holding {@code position} BTC already. */
    private static OrderFacts buy(String quantity, String position) {
        return facts(true, quantity, position, 0, "0");
    }

    private static OrderFacts facts(
            boolean buy, String quantity, String position, int ordersLastMinute, String realisedPnlToday) {
        return new OrderFacts(
                "BTC/EUR",
                buy,
                false,
                new BigDecimal(quantity),
                new BigDecimal("50000"),
                PortfolioStatus.ACTIVE,
                true,
                ConnectionStatus.ACTIVE,
                new BigDecimal(position),
                ordersLastMinute,
                new BigDecimal(realisedPnlToday));
    }

    private static RiskLimits limits(String maxOrder, String maxPosition, int maxOrdersPerMinute, String dailyLoss) {
        return new RiskLimits(
                new BigDecimal(maxOrder), new BigDecimal(maxPosition), maxOrdersPerMinute, new BigDecimal(dailyLoss));
    }

    @ParameterizedTest(name = "a buy of {0} BTC at 50,000 (max order 100) approved: {1}")
    @CsvSource({"0.002, true", "0.00200002, false"})
    void orderNotionalIsCappedAtTheMaximum(String quantity, boolean approved) {
        RiskDecision decision = RiskPolicy.checkLimits(buy(quantity, "0"), limits("100", "1000000", 1000, "1000000"));

        assertApprovedOrRefused(decision, approved, "order notional 100.001 is above the maximum of 100");
    }

    @ParameterizedTest(name = "holding {0} BTC, a buy of 0.001 (max position 150) approved: {1}")
    @CsvSource({"0.002, true", "0.00200001, false"})
    void positionNotionalAfterTheBuyIsCappedAtTheMaximum(String position, boolean approved) {
        RiskDecision decision =
                RiskPolicy.checkLimits(buy("0.001", position), limits("1000000", "150", 1000, "1000000"));

        assertApprovedOrRefused(
                decision,
                approved,
                reason ->
                        assertThat(reason).startsWith("position notional 150.0005 would be above the maximum of 150"));
    }

    @ParameterizedTest(name = "{0} orders in the last minute (max 10) approved: {1}")
    @CsvSource({"9, true", "10, false"})
    void ordersPerMinuteCountThisOrderToo(int ordersLastMinute, boolean approved) {
        RiskDecision decision = RiskPolicy.checkLimits(
                facts(true, "0.001", "0", ordersLastMinute, "0"), limits("1000000", "1000000", 10, "1000000"));

        assertApprovedOrRefused(decision, approved, "more than 10 orders in a minute");
    }

    @Test
    void aFlattenIsNotCountedAgainstOrdersPerMinute() {
        OrderFacts flatten = new OrderFacts(
                "BTC/EUR",
                false,
                true,
                new BigDecimal("0.001"),
                null,
                PortfolioStatus.KILLED,
                false,
                ConnectionStatus.ACTIVE,
                new BigDecimal("0.001"),
                50,
                new BigDecimal("-500"));

        assertThat(RiskPolicy.checkLimits(flatten, limits("1", "1", 10, "1")).approved())
                .isTrue();
    }

    /** The daily loss limit is reached at its value, not above it: a buy is refused once the loss equals it. */
    @ParameterizedTest(name = "realised today {0} (daily loss limit 10) buy approved: {1}")
    @CsvSource({"-9.99, true", "-10, false"})
    void dailyRealisedLossStopsBuysWhenReached(String realisedPnlToday, boolean approved) {
        RiskDecision decision = RiskPolicy.checkLimits(
                facts(true, "0.001", "0", 0, realisedPnlToday), limits("1000000", "1000000", 1000, "10"));

        assertApprovedOrRefused(
                decision, approved, "daily loss limit of 10 reached (lost 10 today): exits only until tomorrow (UTC)");
    }

    @Test
    void dailyLossLimitLetsExitsThrough() {
        OrderFacts sell = facts(false, "0.001", "0.001", 0, "-500");

        assertThat(RiskPolicy.checkLimits(sell, limits("1000000", "1000000", 1000, "10"))
                        .approved())
                .isTrue();
    }

    @ParameterizedTest(name = "a sell of {0} BTC holding 0.5 approved: {1}")
    @CsvSource({"0.5, true", "0.50000001, false"})
    void sellsStayWithinThePortfoliosPosition(String quantity, boolean approved) {
        RiskDecision decision = RiskPolicy.checkLimits(facts(false, quantity, "0.5", 0, "0"), WIDE);

        assertApprovedOrRefused(decision, approved, "sell of 0.50000001 is above the portfolio's position of 0.5");
    }

    @ParameterizedTest(name = "{0}: free {1} {2}, approved: {3}")
    @CsvSource({
        "true,  EUR, 50,         true",
        "true,  EUR, 49.99,      false",
        "false, BTC, 0.001,      true",
        "false, BTC, 0.00099999, false"
    })
    void theFreeBalanceOfTheSpentAssetCoversTheOrder(boolean buy, String asset, String free, boolean approved) {
        OrderFacts order = facts(buy, "0.001", "0.001", 0, "0");

        RiskDecision decision = RiskPolicy.checkFunds(order, new BigDecimal(free));

        assertThat(RiskPolicy.spentAsset(order)).isEqualTo(asset);
        assertApprovedOrRefused(
                decision,
                approved,
                reason -> assertThat(reason).startsWith("free " + asset + " " + free + " is below "));
    }

    /** A buy of 0.001 BTC at 50,000 EUR needs 50 EUR of the portfolio's ledger, after what its open buys reserve. */
    @ParameterizedTest(name = "ledger free {0} EUR, buy approved: {1}")
    @CsvSource({"50, true", "49.99, false"})
    void aBuySpendsNoMoreThanThePortfoliosFreeQuote(String freeQuote, boolean approved) {
        RiskDecision decision = RiskPolicy.checkLedger(
                facts(true, "0.001", "0", 0, "0"),
                new LedgerFunds(new BigDecimal(freeQuote), BigDecimal.ZERO, BigDecimal.ZERO));

        assertApprovedOrRefused(
                decision,
                approved,
                "insufficient-balance: the portfolio's free EUR 49.99 after its open buys is below 50");
    }

    /** Holding 0.5 BTC of which open sells will sell 0.2, a sell may sell 0.3 more. */
    @ParameterizedTest(name = "a sell of {0} BTC holding 0.5 with 0.2 in open sells approved: {1}")
    @CsvSource({"0.3, true", "0.30000001, false"})
    void aSellSellsNoMoreThanThePositionLessOpenSells(String quantity, boolean approved) {
        RiskDecision decision = RiskPolicy.checkLedger(
                facts(false, quantity, "0.5", 0, "0"),
                new LedgerFunds(BigDecimal.ZERO, new BigDecimal("0.5"), new BigDecimal("0.2")));

        assertApprovedOrRefused(
                decision,
                approved,
                "sell of 0.30000001 is above the portfolio's position of 0.5 less its open sells of 0.2");
    }

    @ParameterizedTest(name = "portfolio {0}, connection {1}, buy {2}, flatten {3}: {4}")
    @CsvSource({
        "PAUSED, ACTIVE,  true,  false, portfolio is PAUSED",
        "ACTIVE, REVOKED, true,  false, connection is REVOKED",
        "ACTIVE, ACTIVE,  true,  true,  a flatten sells the positions of a KILLED portfolio only",
        "ACTIVE, ACTIVE,  false, true,  a flatten sells the positions of a KILLED portfolio only"
    })
    void onlyAnActivePortfolioOnAnActiveConnectionTrades(
            PortfolioStatus portfolioStatus,
            ConnectionStatus connectionStatus,
            boolean buy,
            boolean flatten,
            String reason) {
        OrderFacts order = new OrderFacts(
                "BTC/EUR",
                buy,
                flatten,
                new BigDecimal("0.001"),
                new BigDecimal("50000"),
                portfolioStatus,
                true,
                connectionStatus,
                new BigDecimal("0.001"),
                0,
                BigDecimal.ZERO);

        assertThat(RiskPolicy.checkLimits(order, WIDE)).isEqualTo(RiskDecision.refuse(reason));
    }

    @Test
    void anEndedSubscriptionAllowsExitsOnly() {
        OrderFacts buy = new OrderFacts(
                "BTC/EUR",
                true,
                false,
                new BigDecimal("0.001"),
                new BigDecimal("50000"),
                PortfolioStatus.ACTIVE,
                false,
                ConnectionStatus.ACTIVE,
                BigDecimal.ZERO,
                0,
                BigDecimal.ZERO);

        assertThat(RiskPolicy.checkLimits(buy, WIDE))
                .isEqualTo(RiskDecision.refuse("the subscription has ended: exits only"));
    }

    /**
     * The defaults scale with the portfolio (application.yml: an order and a position up to the whole portfolio, 10
     * orders a minute, a daily loss of a tenth): the same buy that a portfolio of 100,000 lets through is refused by
     * one of 100.
     */
    @ParameterizedTest(name = "portfolio of {0}: a buy of {1} BTC at 50,000 approved: {2}")
    @CsvSource({
        "100,    0.002,      true",
        "100,    0.00200002, false",
        "100000, 2,          true",
        "100000, 2.00000002, false"
    })
    void defaultLimitsAreRelativeToThePortfoliosSize(String size, String quantity, boolean approved) {
        RiskDefaults defaults = new RiskDefaults(BigDecimal.ONE, BigDecimal.ONE, 10, new BigDecimal("0.1"));

        RiskDecision decision = RiskPolicy.checkLimits(buy(quantity, "0"), defaults.forSize(new BigDecimal(size)));

        assertThat(decision.approved()).isEqualTo(approved);
    }

    @ParameterizedTest(name = "portfolio of {0}: realised today {1}, buy approved: {2}")
    @CsvSource({"100, -9.99, true", "100, -10, false", "100000, -9999.99, true", "100000, -10000, false"})
    void defaultDailyLossIsATenthOfThePortfolio(String size, String realisedPnlToday, boolean approved) {
        RiskDefaults defaults = new RiskDefaults(BigDecimal.ONE, BigDecimal.ONE, 10, new BigDecimal("0.1"));

        RiskDecision decision = RiskPolicy.checkLimits(
                facts(true, "0.000001", "0", 0, realisedPnlToday), defaults.forSize(new BigDecimal(size)));

        assertThat(decision.approved()).isEqualTo(approved);
    }

    /** The position default is a fraction of the portfolio too: what it holds plus the buy, valued at 50,000. */
    @ParameterizedTest(
            name = "portfolio of {0}, max position fraction 0.5: holding {1} BTC, buy of 0.001 approved: {2}")
    @CsvSource({
        "100,    0,          true", // 0.001 at 50,000 = 50, the limit
        "100,    0.00000001, false",
        "100000, 0.999,      true", // 1 BTC = 50,000, the limit
        "100000, 0.99900001, false"
    })
    void defaultPositionNotionalIsRelativeToThePortfoliosSize(String size, String position, boolean approved) {
        RiskDefaults defaults = new RiskDefaults(BigDecimal.ONE, new BigDecimal("0.5"), 10, new BigDecimal("0.1"));

        RiskDecision decision = RiskPolicy.checkLimits(buy("0.001", position), defaults.forSize(new BigDecimal(size)));

        assertApprovedOrRefused(
                decision,
                approved,
                reason ->
                        assertThat(reason).startsWith("position notional ").contains("would be above the maximum of"));
    }

    /** The order rate is not a money amount: one default for every size. */
    @ParameterizedTest(name = "portfolio of {0}: {1} orders in the last minute, approved: {2}")
    @CsvSource({"100, 9, true", "100, 10, false", "100000, 9, true", "100000, 10, false"})
    void defaultOrdersPerMinuteIsTheSameForEverySize(String size, int ordersLastMinute, boolean approved) {
        RiskDefaults defaults = new RiskDefaults(BigDecimal.ONE, BigDecimal.ONE, 10, new BigDecimal("0.1"));

        RiskDecision decision = RiskPolicy.checkLimits(
                facts(true, "0.000001", "0", ordersLastMinute, "0"), defaults.forSize(new BigDecimal(size)));

        assertThat(decision.approved()).isEqualTo(approved);
    }

    /**
     * A portfolio's own limit replaces the default of that rule only, and moves the boundary: a portfolio of 100,000
     * whose own maximum order is 100 refuses the buy of 100.001 its default (100,000) would let through, while its
     * daily loss still takes the default.
     */
    @ParameterizedTest(name = "own max order {0}: a buy of {1} BTC at 50,000 approved: {2}")
    @CsvSource(
            nullValues = "null",
            value = {
                "null, 0.00200002, true", // the default, 100,000
                "100,  0.002,      true",
                "100,  0.00200002, false"
            })
    void ownLimitsReplaceTheDefaultsRuleByRule(BigDecimal ownMaxOrder, String quantity, boolean approved) {
        RiskDefaults defaults = new RiskDefaults(BigDecimal.ONE, BigDecimal.ONE, 10, new BigDecimal("0.1"));
        RiskLimits effective =
                new RiskLimits(ownMaxOrder, null, null, null).orElse(defaults.forSize(new BigDecimal("100000")));

        RiskDecision decision = RiskPolicy.checkLimits(buy(quantity, "0"), effective);

        assertThat(decision.approved()).isEqualTo(approved);
        assertThat(effective.dailyLossLimit()).isEqualByComparingTo("10000");
        assertThat(effective.maxOrdersPerMinute()).isEqualTo(10);
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "null",
            value = {
                "0.00000001, 60000, 60000", // a forged or stale low reference: the market price values it
                "61000,      60000, 61000", // a limit above the market: its limit is what it may cost
                "null,       60000, 60000",
                "61000,      null,  61000"
            })
    void valuationIsTheHigherOfReferenceAndLivePrice(BigDecimal reference, BigDecimal live, BigDecimal valued) {
        assertThat(RiskPolicy.valuationPrice(reference, live)).isEqualByComparingTo(valued);
    }

    @ParameterizedTest(name = "buy {0}, venue price {1}: approved {2}")
    @CsvSource(
            nullValues = "null",
            value = {"true, null, false", "true, 60000, true", "false, null, true"})
    void aBuyIsNeverValuedWithoutTheVenuesPrice(boolean buy, BigDecimal market, boolean approved) {
        RiskDecision decision = RiskPolicy.checkPriced(buy, "BTC/EUR", market);

        assertApprovedOrRefused(
                decision, approved, "the venue gave no price for BTC/EUR: a buy is not valued without it");
    }

    @ParameterizedTest
    @CsvSource({
        "true,  59000, false", // a buy stop below the market would trigger at once
        "true,  60000, false",
        "true,  61000, true",
        "false, 61000, false", // a sell stop above the market likewise
        "false, 60000, false",
        "false, 59000, true"
    })
    void stopsMustWaitForTheMarketToMove(boolean buy, BigDecimal stop, boolean approved) {
        assertThat(RiskPolicy.checkStop(OrderType.STOP_LOSS, buy, stop, new BigDecimal("60000"))
                        .approved())
                .isEqualTo(approved);
        assertThat(RiskPolicy.checkStop(OrderType.LIMIT, buy, stop, new BigDecimal("60000"))
                        .approved())
                .isTrue();
    }

    /** The decision approves when {@code approved}; otherwise it refuses with exactly this reason. */
    private static void assertApprovedOrRefused(RiskDecision decision, boolean approved, String reason) {
        assertApprovedOrRefused(
                decision, approved, refusal -> assertThat(refusal).isEqualTo(reason));
    }

    /** The decision approves when {@code approved}; otherwise it refuses with a reason that {@code reason} accepts. */
    private static void assertApprovedOrRefused(RiskDecision decision, boolean approved, Consumer<String> reason) {
        assertThat(decision.approved()).isEqualTo(approved);
        if (!approved) {
            reason.accept(decision.reason());
        }
    }
}
