package com.algomarket.api.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory of another JVM on this machine, as the operating system and the JDK's jcmd see it: resident set size from
 * {@code /proc/PID/status}, heap used after a full GC, and the classes that fill the heap.
 */
final class WorkerMemory {

    /**
     * G1's {@code GC.heap_info}: "garbage-first heap   total reserved 6172672K, committed 110592K, used 62276K [...]"
     * (JDK 25), or "total 110592K, used 62276K" (JDK 21): committed, then used.
     */
    private static final Pattern HEAP_USED =
            Pattern.compile("heap\\s+total (?:reserved \\d+K, committed )?(\\d+)K, used (\\d+)K");

    private static final int HISTOGRAM_LINES = 25;

    /** Resident set size and heap after GC, in MiB. */
    record Figures(long rssMiB, long heapUsedMiB, long heapCommittedMiB) {}

    private WorkerMemory() {}

    /** Forces a full GC in the process, then reads its heap and RSS; the class histogram goes to {@code histogram}. */
    static Figures measure(long pid, Path histogram) {
        jcmd(pid, "GC.run");
        try {
            Files.writeString(histogram, String.join("\n", histogramHead(pid)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher heap = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
        long usedMiB = -1;
        long committedMiB = -1;
        if (heap.find()) {
            committedMiB = Long.parseLong(heap.group(1)) >> 10;
            usedMiB = Long.parseLong(heap.group(2)) >> 10;
        }
        return new Figures(rssKiB(pid) >> 10, usedMiB, committedMiB);
    }

    /** VmRSS of the process, in KiB. */
    static long rssKiB(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst()
                    .orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }

    private static List<String> histogramHead(long pid) {
        List<String> lines = jcmd(pid, "GC.class_histogram").lines().toList();
        return lines.subList(0, Math.min(HISTOGRAM_LINES, lines.size()));
    }

    private static String jcmd(long pid, String command) {
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        Path jcmd = java.resolveSibling("jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
