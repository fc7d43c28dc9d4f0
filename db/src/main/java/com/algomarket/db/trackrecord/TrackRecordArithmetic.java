package com.algomarket.db.trackrecord;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The arithmetic of an algorithm's track record over all its portfolios, net of fees, as pure functions of a state and
 * what happened since it: the periodic job feeds it the new fills and days, and feeding everything at once to an empty
 * state gives the same state (every figure kept is rounded to {@link #SCALE} decimals at each step, as the database
 * stores it, so a state read back continues exactly as one kept in memory).
 *
 * <p>The equity index starts at {@link #BASE} and is chained from the aggregate's daily returns: on a day, the sum of
 * the values of the portfolios valued that day over the sum of their previous values (a portfolio's previous point, or
 * its size when it has none: the value it had before it traded). A portfolio joining or leaving therefore moves the
 * index only by what it earned, never by its money arriving or going. Drawdown is measured on the index.
 *
 * <p>Round trips are counted per portfolio and symbol from flat to flat: a trip opens with the first fill on a flat
 * position and closes when the position is flat again; it wins when the cash it brought in exceeds the cash it took
 * out, fees included. Flat to flat rather than per lot, because over a whole trip FIFO and average cost realize the
 * same PnL (both have sold everything that was bought), so the figure depends on no matching convention, and a trip
 * split over several fills or orders still counts once.
 */
public final class TrackRecordArithmetic {

    public static final int SCALE = 12;
    public static final BigDecimal BASE = new BigDecimal("100").setScale(SCALE, RoundingMode.HALF_EVEN);

    private TrackRecordArithmetic() {}

    /**
     * One fill of a portfolio: {@code feeInQuote} is the fee in the quote asset (null when it could not be converted:
     * it counts as nothing); a fee in the base asset ({@code feeInBase}) is paid out of the quantity instead.
     */
    public record Fill(
            UUID portfolioId,
            String symbol,
            boolean buy,
            BigDecimal quantity,
            BigDecimal price,
            BigDecimal feeInBase,
            BigDecimal feeInQuote,
            LocalDate day) {}

    /** A trip not closed yet: the quantity held and the cash it has brought in so far (negative: spent). */
    public record OpenTrip(BigDecimal quantity, BigDecimal cash) {}

    /** The position a trip is kept for. */
    public record TripKey(UUID portfolioId, String symbol) {}

    /** What the fills so far add up to: the first trade's day, trades, closed and winning trips, open trips. */
    public record Trades(LocalDate since, int trades, int closedTrips, int winningTrips, Map<TripKey, OpenTrip> open) {

        public static final Trades NONE = new Trades(null, 0, 0, 0, Map.of());
    }

    /** The index at the end of a day, the highest it had reached (the base included) and the deepest fall so far. */
    public record IndexDay(LocalDate day, BigDecimal index, BigDecimal peak, BigDecimal maxDrawdown) {}

    /** One portfolio's value on a day, as the daily valuation stored it. */
    public record Point(UUID portfolioId, LocalDate day, BigDecimal value) {}

    /**
     * Where a run continues the index from the days it stored last (oldest first, at most the last two): the last
     * stored day is computed again ({@code from}; its points may have been valued again since) from the day before it
     * ({@code start}, null: from the base). Nothing stored: from the first point ({@code from} null).
     */
    public record Resume(LocalDate from, IndexDay start) {

        public static Resume after(List<IndexDay> lastDays) {
            if (lastDays.isEmpty()) {
                return new Resume(null, null);
            }
            IndexDay start = lastDays.size() < 2 ? null : lastDays.get(lastDays.size() - 2);
            return new Resume(lastDays.getLast().day(), start);
        }
    }

    /** The trades after {@code fills}, taken in the order given. */
    public static Trades applyFills(Trades before, List<Fill> fills) {
        LocalDate since = before.since();
        int trades = before.trades();
        int closed = before.closedTrips();
        int wins = before.winningTrips();
        Map<TripKey, OpenTrip> open = new HashMap<>(before.open());
        for (Fill fill : fills) {
            trades++;
            since = since == null || fill.day().isBefore(since) ? fill.day() : since;
            TripKey key = new TripKey(fill.portfolioId(), fill.symbol());
            OpenTrip trip = open.getOrDefault(key, new OpenTrip(BigDecimal.ZERO, BigDecimal.ZERO));
            BigDecimal feeInBase = Objects.requireNonNullElse(fill.feeInBase(), BigDecimal.ZERO);
            BigDecimal feeInQuote = Objects.requireNonNullElse(fill.feeInQuote(), BigDecimal.ZERO);
            BigDecimal notional = fill.quantity().multiply(fill.price());
            BigDecimal quantity = fill.buy()
                    ? trip.quantity().add(fill.quantity()).subtract(feeInBase)
                    : trip.quantity().subtract(fill.quantity()).subtract(feeInBase);
            BigDecimal cash = fill.buy()
                    ? trip.cash().subtract(notional).subtract(feeInQuote)
                    : trip.cash().add(notional).subtract(feeInQuote);
            // A sell that leaves nothing (or more than was held: a position the venue had before us) closes the trip.
            if (quantity.signum() <= 0) {
                closed++;
                if (cash.signum() > 0) {
                    wins++;
                }
                open.remove(key);
            } else {
                open.put(key, new OpenTrip(scaled(quantity), scaled(cash)));
            }
        }
        return new Trades(since, trades, closed, wins, Map.copyOf(open));
    }

    /**
     * The index days after {@code last} (null: none yet, the index at {@link #BASE}) for {@code points}, oldest day
     * first; {@code previous} holds each portfolio's last value before the first of these days, or its size when it
     * has no point before (and is updated as the days go by). A day whose portfolios had no previous value at all
     * (none valued) keeps the index where it was.
     */
    public static List<IndexDay> chain(IndexDay last, Map<UUID, BigDecimal> previous, List<Point> points) {
        Map<LocalDate, List<Point>> byDay = new TreeMap<>();
        for (Point point : points) {
            byDay.computeIfAbsent(point.day(), day -> new java.util.ArrayList<>())
                    .add(point);
        }
        BigDecimal index = last == null ? BASE : last.index();
        BigDecimal peak = last == null ? BASE : last.peak();
        BigDecimal maxDrawdown = last == null ? scaled(BigDecimal.ZERO) : last.maxDrawdown();
        List<IndexDay> days = new java.util.ArrayList<>();
        for (Map.Entry<LocalDate, List<Point>> day : byDay.entrySet()) {
            BigDecimal now = BigDecimal.ZERO;
            BigDecimal before = BigDecimal.ZERO;
            for (Point point : day.getValue()) {
                BigDecimal previousValue = previous.get(point.portfolioId());
                if (previousValue != null) {
                    now = now.add(point.value());
                    before = before.add(previousValue);
                }
                previous.put(point.portfolioId(), point.value());
            }
            if (before.signum() > 0) {
                index = scaled(index.multiply(now).divide(before, SCALE + 8, RoundingMode.HALF_EVEN));
            }
            peak = peak.max(index);
            BigDecimal drawdown =
                    scaled(BigDecimal.ONE.subtract(index.divide(peak, SCALE + 8, RoundingMode.HALF_EVEN)));
            maxDrawdown = maxDrawdown.max(drawdown);
            days.add(new IndexDay(day.getKey(), index, peak, maxDrawdown));
        }
        return days;
    }

    /** The return since the start in percent: the index's rise over the base. */
    public static BigDecimal returnPct(IndexDay last) {
        return last == null
                ? BigDecimal.ZERO
                : scaled(last.index()
                        .subtract(BASE)
                        .multiply(new BigDecimal(100))
                        .divide(BASE));
    }

    /** The share of closed trips that won, in percent; null before any trip closed. */
    public static BigDecimal winRatePct(Trades trades) {
        return trades.closedTrips() == 0
                ? null
                : scaled(BigDecimal.valueOf(100L * trades.winningTrips())
                        .divide(BigDecimal.valueOf(trades.closedTrips()), SCALE, RoundingMode.HALF_EVEN));
    }

    public static BigDecimal scaled(BigDecimal value) {
        return value.setScale(SCALE, RoundingMode.HALF_EVEN);
    }
}
