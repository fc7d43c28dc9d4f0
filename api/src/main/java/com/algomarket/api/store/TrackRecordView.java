package com.algomarket.api.store;

import com.algomarket.db.trackrecord.TrackRecordArithmetic;
import com.algomarket.db.trackrecord.TrackRecordArithmetic.IndexDay;
import com.algomarket.db.trackrecord.TrackRecordRepository.Summary;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

/**
 * An algorithm's track record as the store shows it: figures over all its portfolios, net of fees, and nothing that
 * names or sizes a portfolio or user ({@code portfolios} is only how many). Percentages and the index are shown to 6
 * decimals; {@code winRatePct} is null before a round trip closed. {@code equity} is the daily index (base 100) from
 * the day of the first trade; the store list leaves it out (null).
 */
record TrackRecordView(
        LocalDate since,
        int portfolios,
        String returnPct,
        String maxDrawdownPct,
        String winRatePct,
        int trades,
        List<EquityDay> equity) {

    record EquityDay(LocalDate date, String index) {}

    /** No trade yet (or not computed yet): nothing to show but zeros. */
    static final TrackRecordView NONE = new TrackRecordView(null, 0, "0", "0", null, 0, List.of());

    static TrackRecordView of(Summary summary, List<IndexDay> days) {
        IndexDay last = summary.last();
        return new TrackRecordView(
                summary.since(),
                summary.portfolios(),
                shown(TrackRecordArithmetic.returnPct(last)),
                shown(last == null ? BigDecimal.ZERO : last.maxDrawdown().multiply(new BigDecimal(100))),
                shown(TrackRecordArithmetic.winRatePct(new TrackRecordArithmetic.Trades(
                        summary.since(),
                        summary.trades(),
                        summary.closedTrips(),
                        summary.winningTrips(),
                        java.util.Map.of()))),
                summary.trades(),
                days == null
                        ? null
                        : days.stream()
                                .map(day -> new EquityDay(day.day(), shown(day.index())))
                                .toList());
    }

    private static String shown(BigDecimal value) {
        return value == null
                ? null
                : value.setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }
}
