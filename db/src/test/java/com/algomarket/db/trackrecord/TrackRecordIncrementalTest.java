package com.algomarket.db.trackrecord;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.db.trackrecord.TrackRecordArithmetic.Fill;
import com.algomarket.db.trackrecord.TrackRecordArithmetic.IndexDay;
import com.algomarket.db.trackrecord.TrackRecordArithmetic.Point;
import com.algomarket.db.trackrecord.TrackRecordArithmetic.Resume;
import com.algomarket.db.trackrecord.TrackRecordArithmetic.Trades;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A track record continued run after run (as the track-record workflow does, keeping only what the tables keep:
 * trades with their open trips, a fill cursor, the index days) equals the one computed from scratch at the end, over
 * random histories: portfolios joining and leaving, days without a point, the day's points valued again after a run,
 * runs several times a day or days apart. Seeded, so that a failure repeats.
 */
class TrackRecordIncrementalTest {

    private static final LocalDate START = LocalDate.of(2026, 1, 1);

    static Stream<Long> seeds() {
        return IntStream.range(0, 200).mapToObj(seed -> (long) seed);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void givenARandomHistory_whenComputedRunByRun_thenEqualsTheComputationFromScratch(long seed) {
        Random random = new Random(seed);
        int portfolioCount = 1 + random.nextInt(5);
        Map<UUID, BigDecimal> sizes = new HashMap<>();
        for (int i = 0; i < portfolioCount; i++) {
            sizes.put(new UUID(seed, i), BigDecimal.valueOf(100 + random.nextInt(10_000)));
        }
        List<UUID> portfolios = List.copyOf(new TreeMap<>(sizes).keySet());
        List<Fill> fills = new ArrayList<>();
        Map<UUID, Map<LocalDate, BigDecimal>> points = new HashMap<>();
        Map<UUID, BigDecimal> held = new HashMap<>();

        Stored stored = new Stored(Trades.NONE, 0, new ArrayList<>());
        int days = 1 + random.nextInt(30);
        for (int d = 0; d < days; d++) {
            LocalDate day = START.plusDays(d);
            int events = 1 + random.nextInt(4);
            for (int e = 0; e < events; e++) {
                UUID portfolio = portfolios.get(random.nextInt(portfolios.size()));
                trade(random, portfolio, day, fills, held);
                // A valuation of some portfolios (again, the same day: it replaces their point).
                for (UUID valued : portfolios) {
                    if (random.nextInt(3) > 0) {
                        BigDecimal value = sizes.get(valued)
                                .multiply(BigDecimal.valueOf(80 + random.nextInt(41)))
                                .divide(BigDecimal.valueOf(100), 6, RoundingMode.HALF_EVEN);
                        points.computeIfAbsent(valued, p -> new TreeMap<>()).put(day, value);
                    }
                }
                if (random.nextInt(3) == 0) {
                    stored = run(stored, fills, sizes, points);
                }
            }
        }
        stored = run(stored, fills, sizes, points);

        Trades fromScratch = TrackRecordArithmetic.applyFills(Trades.NONE, fills);
        List<IndexDay> indexFromScratch =
                TrackRecordArithmetic.chain(null, new HashMap<>(sizes), pointsFrom(points, null));
        assertThat(stored.trades()).isEqualTo(fromScratch);
        assertThat(stored.days()).isEqualTo(indexFromScratch);
    }

    /** What the tables keep between runs. */
    private record Stored(Trades trades, int fillsRead, List<IndexDay> days) {}

    /** One run of TrackRecordActivitiesImpl.update, the database read and written in memory. */
    private static Stored run(
            Stored stored,
            List<Fill> fills,
            Map<UUID, BigDecimal> sizes,
            Map<UUID, Map<LocalDate, BigDecimal>> points) {
        Trades trades =
                TrackRecordArithmetic.applyFills(stored.trades(), fills.subList(stored.fillsRead(), fills.size()));
        List<IndexDay> storedDays = stored.days();
        Resume resume = TrackRecordArithmetic.Resume.after(
                storedDays.subList(Math.max(0, storedDays.size() - 2), storedDays.size()));
        Map<UUID, BigDecimal> before = new HashMap<>(sizes);
        if (resume.from() != null) {
            points.forEach((portfolio, byDay) -> byDay.entrySet().stream()
                    .filter(point -> point.getKey().isBefore(resume.from()))
                    .reduce((first, second) -> second)
                    .ifPresent(last -> before.put(portfolio, last.getValue())));
        }
        List<IndexDay> computed =
                TrackRecordArithmetic.chain(resume.start(), before, pointsFrom(points, resume.from()));
        List<IndexDay> days = new ArrayList<>(storedDays.stream()
                .filter(day -> resume.from() == null || day.day().isBefore(resume.from()))
                .toList());
        days.addAll(computed);
        return new Stored(trades, fills.size(), days);
    }

    private static List<Point> pointsFrom(Map<UUID, Map<LocalDate, BigDecimal>> points, LocalDate from) {
        List<Point> list = new ArrayList<>();
        points.forEach((portfolio, byDay) -> byDay.forEach((day, value) -> {
            if (from == null || !day.isBefore(from)) {
                list.add(new Point(portfolio, day, value));
            }
        }));
        return list;
    }

    /** A buy, or a sell of part or all of what the portfolio holds, with a fee in the quote or base asset. */
    private static void trade(
            Random random, UUID portfolio, LocalDate day, List<Fill> fills, Map<UUID, BigDecimal> held) {
        BigDecimal holding = held.getOrDefault(portfolio, BigDecimal.ZERO);
        BigDecimal price = BigDecimal.valueOf(50 + random.nextInt(100));
        boolean buy = holding.signum() == 0 || random.nextBoolean();
        BigDecimal quantity = buy
                ? BigDecimal.valueOf(1 + random.nextInt(10))
                : random.nextBoolean() ? holding : holding.divide(BigDecimal.valueOf(2), 8, RoundingMode.DOWN);
        boolean feeInBase = buy && random.nextInt(4) == 0;
        BigDecimal fee = quantity.multiply(new BigDecimal("0.001"));
        Fill fill = new Fill(
                portfolio,
                "BTC/EUR",
                buy,
                quantity,
                price,
                feeInBase ? fee : BigDecimal.ZERO,
                feeInBase ? BigDecimal.ZERO : fee.multiply(price),
                day);
        fills.add(fill);
        BigDecimal after = buy ? holding.add(quantity).subtract(fill.feeInBase()) : holding.subtract(quantity);
        held.put(portfolio, after);
    }
}
