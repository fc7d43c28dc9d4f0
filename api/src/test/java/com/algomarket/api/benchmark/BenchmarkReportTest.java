package com.algomarket.api.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.api.benchmark.DesignFigures.Latency;
import com.algomarket.api.benchmark.DesignFigures.Resting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchmarkReportTest {

    /** Under target, not a temporary directory: one can look at the sample charts after the test. */
    private final Path directory = Path.of("target", "benchmark-report-test");

    @Test
    void givenBothDesigns_whenWritten_thenTheTableHasOneColumnEachAndTheChartsArePngs() throws Exception {
        DesignFigures polling = design("polling", 432, 1_597, 52_000, 120.0, 2_400);
        DesignFigures streamed = design("streamed", 90, 140, 9_000, 0.4, 800);

        new BenchmarkReport(List.of(polling, streamed), "settings").write(directory);

        String table = Files.readString(directory.resolve("results.md"));
        assertThat(table)
                .contains("| figure | target | polling | streamed |")
                .contains("| N=1: signal -> order at the venue p50 / p99 (200 signals) | p99 <= 100 ms "
                        + "| 432 ms / 1,597 ms | 90 ms / 140 ms |")
                .contains("| N=1,000: last order at the venue | <= 10 s | 52.0 s | 9,000 ms |")
                .contains("| 120.00 | 0.40 |");
        for (String chart : List.of("latency.png", "venue-requests.png", "worker-memory.png")) {
            byte[] png = Files.readAllBytes(directory.resolve(chart));
            assertThat(png).as(chart).startsWith(0x89, 'P', 'N', 'G');
        }
    }

    private static DesignFigures design(
            String name, long p50, long p99, long lastOfThousand, double requestsPerOrderHour, long rssMiB) {
        return new DesignFigures(
                name,
                "1.00 / 2.00",
                new Latency(1, 200, p50, p99, p99, -1, -1),
                List.of(new Latency(1_000, 1, lastOfThousand / 2, lastOfThousand, lastOfThousand, 60_000, 16.7)),
                new Resting(
                        10_000,
                        1_000,
                        900_000,
                        120,
                        Map.of("GET /api/v3/order", 4L),
                        requestsPerOrderHour,
                        0,
                        new WorkerMemory.Figures(rssMiB, rssMiB / 3, rssMiB / 2)));
    }
}
