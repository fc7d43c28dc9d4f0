package com.algomarket.api.developers;

import com.algomarket.db.developers.SalesLine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A developer's sales, summed from per-algorithm, per-currency lines: purchases (paid ones), gross and refunded
 * revenue per currency (amounts in different currencies are never added), and per algorithm the same with its seats.
 */
record Sales(int purchases, List<Revenue> revenue, List<AlgorithmSales> byAlgorithm) {

    /** Money as decimal strings with at least two decimals ("29.90"). */
    record Revenue(String currency, String gross, String refunded) {}

    record AlgorithmSales(
            UUID algorithmId,
            String name,
            int purchases,
            int activeSubscriptions,
            int seatsUsed,
            Integer seatsTotal,
            List<Revenue> revenue) {}

    static Sales of(List<SalesLine> lines) {
        Map<UUID, List<SalesLine>> byAlgorithm = new LinkedHashMap<>();
        for (SalesLine line : lines) {
            byAlgorithm
                    .computeIfAbsent(line.algorithmId(), id -> new ArrayList<>())
                    .add(line);
        }
        List<AlgorithmSales> algorithms =
                byAlgorithm.values().stream().map(Sales::algorithm).toList();
        return new Sales(lines.stream().mapToInt(SalesLine::purchases).sum(), revenue(lines), algorithms);
    }

    private static AlgorithmSales algorithm(List<SalesLine> lines) {
        SalesLine first = lines.getFirst();
        return new AlgorithmSales(
                first.algorithmId(),
                first.name(),
                lines.stream().mapToInt(SalesLine::purchases).sum(),
                lines.stream().mapToInt(SalesLine::activeSubscriptions).sum(),
                first.seatsTaken(),
                first.seatsTotal(),
                revenue(lines));
    }

    /** Gross and refunded per currency, in currency order; lines without a purchase add nothing. */
    private static List<Revenue> revenue(List<SalesLine> lines) {
        Map<String, BigDecimal[]> sums = new TreeMap<>();
        for (SalesLine line : lines) {
            if (line.currency() == null) {
                continue;
            }
            BigDecimal[] sum =
                    sums.computeIfAbsent(line.currency(), c -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            sum[0] = sum[0].add(line.gross());
            sum[1] = sum[1].add(line.refunded());
        }
        return sums.entrySet().stream()
                .map(e -> new Revenue(e.getKey(), money(e.getValue()[0]), money(e.getValue()[1])))
                .toList();
    }

    static String money(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return (stripped.scale() < 2 ? stripped.setScale(2) : stripped).toPlainString();
    }
}
