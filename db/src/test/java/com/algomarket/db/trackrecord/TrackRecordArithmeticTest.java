package com.algomarket.db.trackrecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.algomarket.db.trackrecord.TrackRecordArithmetic.Fill;
import com.algomarket.db.trackrecord.TrackRecordArithmetic.IndexDay;
import com.algomarket.db.trackrecord.TrackRecordArithmetic.OpenTrip;
import com.algomarket.db.trackrecord.TrackRecordArithmetic.Point;
import com.algomarket.db.trackrecord.TrackRecordArithmetic.Trades;
import com.algomarket.db.trackrecord.TrackRecordArithmetic.TripKey;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The track record's arithmetic against figures worked out by hand (in the comments). */
class TrackRecordArithmeticTest {

    private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final LocalDate DAY1 = LocalDate.of(2026, 3, 1);

    @Test
    void givenRoundTripsWithFees_whenApplied_thenEachFlatToFlatTripCountsOnceAndFeesDecideTheWin() {
        List<Fill> fills = List.of(
                // A: buys 1 BTC at 500 (fee 0.5) and sells it in two fills at 550 (fees 0.275 each):
                // -500.5 + 274.725 + 274.725 = +48.95, a win, one trip.
                fill(A, "BTC/EUR", true, "1", "500", "0", "0.5", DAY1.plusDays(1)),
                fill(A, "BTC/EUR", false, "0.5", "550", "0", "0.275", DAY1.plusDays(1)),
                fill(A, "BTC/EUR", false, "0.5", "550", "0", "0.275", DAY1.plusDays(2)),
                // B: buys 2 ETH at 100 (fee 0.2), sells them at 100.1 (fee 0.2002): -200.2 + 199.9998 = -0.2002,
                // a loss that only the fees make.
                fill(B, "ETH/EUR", true, "2", "100", "0", "0.2", DAY1),
                fill(B, "ETH/EUR", false, "2", "100.1", "0", "0.2002", DAY1.plusDays(3)),
                // A: a fee in the base asset is paid out of the quantity: 1 - 0.001 = 0.999 held, all sold at 110:
                // -100 + 109.89 = +9.89, a win.
                fill(A, "SOL/EUR", true, "1", "100", "0.001", "0", DAY1.plusDays(3)),
                fill(A, "SOL/EUR", false, "0.999", "110", "0", "0", DAY1.plusDays(4)),
                // A: buys BTC again: a trip open, not counted.
                fill(A, "BTC/EUR", true, "1", "600", "0", "0.6", DAY1.plusDays(5)));

        Trades trades = TrackRecordArithmetic.applyFills(Trades.NONE, fills);

        assertThat(trades.since()).isEqualTo(DAY1);
        assertThat(trades.trades()).isEqualTo(8);
        assertThat(trades.closedTrips()).isEqualTo(3);
        assertThat(trades.winningTrips()).isEqualTo(2);
        assertThat(TrackRecordArithmetic.winRatePct(trades)).isEqualByComparingTo("66.666666666667");
        assertThat(trades.open())
                .containsOnly(Map.entry(new TripKey(A, "BTC/EUR"), new OpenTrip(scaled("1"), scaled("-600.6"))));
    }

    @Test
    void givenNoClosedTrip_whenWinRateAsked_thenNone() {
        Trades trades = TrackRecordArithmetic.applyFills(
                Trades.NONE, List.of(fill(A, "BTC/EUR", true, "1", "500", "0", "0.5", DAY1)));

        assertThat(TrackRecordArithmetic.winRatePct(trades)).isNull();
        assertThat(trades.closedTrips()).isZero();
    }

    @Test
    void givenPortfoliosJoiningAndLeaving_whenChained_thenTheIndexMovesOnlyByWhatTheyEarned() {
        Map<UUID, BigDecimal> previous = new HashMap<>(Map.of(A, new BigDecimal("1000"), B, new BigDecimal("500")));
        List<Point> points = List.of(
                // Day 1: only A (size 1000) is valued, at 1010: +1 %, index 101.
                point(A, 0, "1010"),
                // Day 2: A at 990, B joins at 495 (its size was 500): (990 + 495) / (1010 + 500) = 1485 / 1510,
                // index 101 * 1485 / 1510 = 99.327814569536; drawdown 1 - 1485 / 1510 = 1.655629139073 %.
                point(A, 1, "990"),
                point(B, 1, "495"),
                // Day 3: A has left (no point); B alone at 544.5: +10 %, index 109.260596026490, a new peak.
                point(B, 2, "544.5"),
                // Day 4: B at 490.05: -10 %, index 98.334536423841; drawdown 10 % from the peak.
                point(B, 3, "490.05"));

        List<IndexDay> days = TrackRecordArithmetic.chain(null, previous, points);

        assertThat(days)
                .extracting(IndexDay::day)
                .containsExactly(DAY1, DAY1.plusDays(1), DAY1.plusDays(2), DAY1.plusDays(3));
        assertThat(days.get(0).index()).isEqualByComparingTo("101");
        assertThat(days.get(1).index()).isCloseTo(new BigDecimal("99.327814569536"), within(new BigDecimal("1e-12")));
        assertThat(days.get(1).maxDrawdown())
                .isCloseTo(new BigDecimal("0.016556291391"), within(new BigDecimal("1e-12")));
        assertThat(days.get(2).index()).isCloseTo(new BigDecimal("109.260596026490"), within(new BigDecimal("1e-11")));
        assertThat(days.get(2).peak()).isEqualByComparingTo(days.get(2).index());
        assertThat(days.get(3).index()).isCloseTo(new BigDecimal("98.334536423841"), within(new BigDecimal("1e-11")));
        assertThat(days.get(3).maxDrawdown()).isCloseTo(new BigDecimal("0.1"), within(new BigDecimal("1e-12")));
        assertThat(TrackRecordArithmetic.returnPct(days.get(3)))
                .isCloseTo(new BigDecimal("-1.665463576159"), within(new BigDecimal("1e-11")));
    }

    @Test
    void givenAPortfolioJoiningAtItsSize_whenChained_thenTheIndexDoesNotJump() {
        Map<UUID, BigDecimal> previous = new HashMap<>(Map.of(A, new BigDecimal("1000"), B, new BigDecimal("1000000")));

        List<IndexDay> days = TrackRecordArithmetic.chain(
                null, previous, List.of(point(A, 0, "1100"), point(A, 1, "1100"), point(B, 1, "1000000")));

        assertThat(days.get(1).index()).isEqualByComparingTo("110");
    }

    @Test
    void givenStoredDays_whenResumed_thenTheLastIsComputedAgainFromTheOneBefore() {
        IndexDay first = new IndexDay(DAY1, scaled("101"), scaled("101"), scaled("0"));
        IndexDay second = new IndexDay(DAY1.plusDays(1), scaled("99"), scaled("101"), scaled("0.02"));

        assertThat(TrackRecordArithmetic.Resume.after(List.of()))
                .isEqualTo(new TrackRecordArithmetic.Resume(null, null));
        assertThat(TrackRecordArithmetic.Resume.after(List.of(first)))
                .isEqualTo(new TrackRecordArithmetic.Resume(DAY1, null));
        assertThat(TrackRecordArithmetic.Resume.after(List.of(first, second)))
                .isEqualTo(new TrackRecordArithmetic.Resume(DAY1.plusDays(1), first));
    }

    static Fill fill(
            UUID portfolio,
            String symbol,
            boolean buy,
            String quantity,
            String price,
            String feeInBase,
            String feeInQuote,
            LocalDate day) {
        return new Fill(
                portfolio,
                symbol,
                buy,
                new BigDecimal(quantity),
                new BigDecimal(price),
                new BigDecimal(feeInBase),
                new BigDecimal(feeInQuote),
                day);
    }

    private static Point point(UUID portfolio, int day, String value) {
        return new Point(portfolio, DAY1.plusDays(day), new BigDecimal(value));
    }

    private static BigDecimal scaled(String value) {
        return TrackRecordArithmetic.scaled(new BigDecimal(value));
    }
}
