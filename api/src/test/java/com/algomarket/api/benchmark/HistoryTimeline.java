package com.algomarket.api.benchmark;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Workflow histories as timelines: each event's milliseconds since the signal was posted and since the event
 * before, with what it was (activity type, marker, timer). Where the time of one signal's order goes, read from the
 * server's own timestamps.
 */
final class HistoryTimeline {

    private HistoryTimeline() {}

    /** The workflows' histories one after the other, each event timed from {@code postedAtMillis}. */
    static void write(WorkflowClient client, List<String> workflowIds, long postedAtMillis, Path file)
            throws IOException {
        List<String> lines = new ArrayList<>();
        for (String workflowId : workflowIds) {
            lines.add("Workflow " + workflowId + ": ms since the signal was posted (client clock), ms since the "
                    + "event before, event");
            long previous = postedAtMillis;
            for (HistoryEvent event : client.fetchHistory(workflowId).getEvents()) {
                long at = event.getEventTime().getSeconds() * 1000
                        + event.getEventTime().getNanos() / 1_000_000;
                lines.add(String.format(
                        Locale.ROOT,
                        "%6d %6d  %s%s",
                        at - postedAtMillis,
                        at - previous,
                        event.getEventType(),
                        detail(event)));
                previous = at;
            }
            lines.add("");
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private static String detail(HistoryEvent event) {
        if (event.hasActivityTaskScheduledEventAttributes()) {
            return " "
                    + event.getActivityTaskScheduledEventAttributes()
                            .getActivityType()
                            .getName();
        }
        if (event.hasMarkerRecordedEventAttributes()) {
            return " " + event.getMarkerRecordedEventAttributes().getMarkerName();
        }
        if (event.hasTimerStartedEventAttributes()) {
            return " "
                    + event.getTimerStartedEventAttributes()
                            .getStartToFireTimeout()
                            .getSeconds() + " s";
        }
        return "";
    }
}
