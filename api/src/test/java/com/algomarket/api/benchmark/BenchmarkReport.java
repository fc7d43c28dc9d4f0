package com.algomarket.api.benchmark;

import com.algomarket.api.benchmark.DesignFigures.Latency;
import com.algomarket.api.benchmark.DesignFigures.Resting;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The run's figures as a Markdown table beside the targets ({@code results.md}) and as charts drawn by
 * JFreeChart ({@code latency.png}, {@code venue-requests.png}, {@code worker-memory.png}), one column per design.
 */
final class BenchmarkReport {

    private final List<DesignFigures> designs;
    private final String settings;

    BenchmarkReport(List<DesignFigures> designs, String settings) {
        this.designs = List.copyOf(designs);
        this.settings = settings;
    }

    void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("results.md"), markdown(), StandardCharsets.UTF_8);
        System.setProperty("java.awt.headless", "true");
        ChartUtils.saveChartAsPNG(directory.resolve("latency.png").toFile(), latencyChart(), 900, 520);
        if (designs.stream().allMatch(design -> design.resting() != null)) {
            ChartUtils.saveChartAsPNG(directory.resolve("venue-requests.png").toFile(), requestsChart(), 900, 520);
            ChartUtils.saveChartAsPNG(directory.resolve("worker-memory.png").toFile(), memoryChart(), 900, 520);
        }
    }

    String markdown() {
        StringBuilder table = new StringBuilder("# Signal fan-out benchmark\n\n")
                .append(settings)
                .append("\n\n");
        table.append("| figure | target |");
        designs.forEach(design -> table.append(' ').append(design.design()).append(" |"));
        table.append("\n|---|---|").append("---|".repeat(designs.size())).append('\n');
        row(table, "machine load average (1 min) at the start / end of the design's run", "", DesignFigures::load);
        row(
                table,
                "N=1: signal -> order at the venue p50 / p99 (" + signals() + " signals)",
                "p99 <= 100 ms",
                d -> ms(d.single().p50()) + " / " + ms(d.single().p99()));
        for (int i = 0; i < designs.getFirst().fanOuts().size(); i++) {
            int index = i;
            int n = designs.getFirst().fanOuts().get(i).n();
            row(
                    table,
                    "N=" + count(n) + ": signal -> venue p50 / p99",
                    "",
                    d -> ms(fanOut(d, index).p50()) + " / "
                            + ms(fanOut(d, index).p99()));
            row(
                    table,
                    "N=" + count(n) + ": last order at the venue",
                    n == 1000 ? "<= 10 s" : "",
                    d -> ms(fanOut(d, index).lastAtVenue()));
            row(
                    table,
                    "N=" + count(n) + ": all FILLED; completed lifecycles per second",
                    n == 1000 ? ">= 100/s" : "",
                    d -> ms(fanOut(d, index).allFilledMillis()) + "; "
                            + String.format(
                                    Locale.ROOT, "%.1f/s", fanOut(d, index).lifecyclesPerSecond()));
        }
        if (designs.stream().allMatch(design -> design.resting() != null)) {
            Resting first = designs.getFirst().resting();
            String resting = count(first.orders()) + " resting orders on " + count(first.connections()) + " accounts";
            row(table, resting + ": all resting after", "", d -> ms(d.resting().allRestingMillis()));
            row(
                    table,
                    resting + ": worker RSS / heap after full GC",
                    "RSS <= 1 GiB",
                    d -> d.resting().memory().rssMiB() + " MiB / "
                            + d.resting().memory().heapUsedMiB() + " MiB");
            row(
                    table,
                    "venue requests per resting order per hour (measured over " + first.windowSeconds() + " s)",
                    "<= 1",
                    d -> String.format(Locale.ROOT, "%.2f", d.resting().requestsPerOrderHour()));
            row(
                    table,
                    "the same, with what comes due after the window (safety lookups, stream renewals, reconciliation)",
                    "<= 1",
                    d -> String.format(
                            Locale.ROOT,
                            "%.2f",
                            d.resting().requestsPerOrderHour() + d.resting().scheduledPerOrderHour()));
            row(
                    table,
                    "venue requests in the window, by endpoint",
                    "",
                    d -> d.resting().requestsByEndpoint().toString());
        }
        return table.toString();
    }

    private int signals() {
        return designs.getFirst().single().signals();
    }

    private static Latency fanOut(DesignFigures design, int index) {
        return design.fanOuts().get(index);
    }

    private void row(StringBuilder table, String figure, String target, Function<DesignFigures, String> value) {
        table.append("| ").append(figure).append(" | ").append(target).append(" |");
        designs.forEach(design -> table.append(' ').append(value.apply(design)).append(" |"));
        table.append('\n');
    }

    private static String ms(long millis) {
        return millis < 10_000
                ? String.format(Locale.ROOT, "%,d ms", millis)
                : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** p50 and p99 by N, one bar pair per design, on a logarithmic axis: N=1 is milliseconds, N=1,000 seconds. */
    private JFreeChart latencyChart() {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (DesignFigures design : designs) {
            List<Latency> all = new ArrayList<>();
            all.add(design.single());
            all.addAll(design.fanOuts());
            for (Latency latency : all) {
                String n = "N=" + count(latency.n());
                data.addValue(latency.p50(), design.design() + " p50", n);
                data.addValue(latency.p99(), design.design() + " p99", n);
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(
                "Signal -> order at the venue, by fan-out size N", "", "milliseconds (log scale)", data);
        CategoryPlot plot = chart.getCategoryPlot();
        // A log axis needs a range above zero, and bars that start above it too (the renderer's base is 0).
        LogAxis axis = new LogAxis("milliseconds (log scale)");
        axis.setNumberFormatOverride(new DecimalFormat("#,##0"));
        double highest = 10_000;
        for (Object row : data.getRowKeys()) {
            for (Object column : data.getColumnKeys()) {
                Number value = data.getValue((Comparable<?>) row, (Comparable<?>) column);
                highest = value == null ? highest : Math.max(highest, value.doubleValue());
            }
        }
        axis.setRange(10, highest * 3);
        // One tick per power of ten (the unit counts in log10).
        axis.setTickUnit(new NumberTickUnit(1));
        plot.setRangeAxis(axis);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBase(10);
        renderer.setIncludeBaseInRange(false);
        plot.addRangeMarker(target(100, "target p99 at N=1: 100 ms"));
        plot.addRangeMarker(target(10_000, "target last of 1,000: 10 s"));
        return styled(chart, "#,##0");
    }

    /** Venue requests per resting order per hour: measured in the window, and with what falls due after it. */
    private JFreeChart requestsChart() {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (DesignFigures design : designs) {
            data.addValue(design.resting().requestsPerOrderHour(), "measured in the window", design.design());
            data.addValue(
                    design.resting().requestsPerOrderHour() + design.resting().scheduledPerOrderHour(),
                    "with safety lookups, stream renewals, reconciliation",
                    design.design());
        }
        JFreeChart chart = ChartFactory.createBarChart(
                "Venue requests per resting order per hour ("
                        + count(designs.getFirst().resting().orders()) + " resting)",
                "",
                "requests per order per hour",
                data);
        chart.getCategoryPlot().addRangeMarker(target(1, "target: 1"));
        return styled(chart, "0.00");
    }

    private JFreeChart memoryChart() {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (DesignFigures design : designs) {
            data.addValue(design.resting().memory().rssMiB(), "RSS", design.design());
            data.addValue(design.resting().memory().heapUsedMiB(), "heap used after full GC", design.design());
        }
        JFreeChart chart = ChartFactory.createBarChart(
                "Worker memory with " + count(designs.getFirst().resting().orders()) + " resting orders",
                "",
                "MiB",
                data);
        chart.getCategoryPlot().addRangeMarker(target(1024, "target RSS: 1 GiB"));
        return styled(chart, "#,##0");
    }

    private static ValueMarker target(double value, String label) {
        ValueMarker marker = new ValueMarker(value, Color.RED, new BasicStroke(1.5f));
        marker.setLabel(label);
        marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        marker.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        return marker;
    }

    /** Flat bars with their values written on them, on a white background. */
    private static JFreeChart styled(JFreeChart chart, String valueFormat) {
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDefaultItemLabelGenerator(
                new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat(valueFormat)));
        renderer.setDefaultItemLabelsVisible(true);
        return chart;
    }
}
