package com.algomarket.workflows.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads what a workflow did from its history, for assertions that mocks cannot make: what the workflow scheduled (an
 * activity retried by the server is scheduled once), how long it waited, what it upserted, how it ended.
 */
public final class Histories {

    private Histories() {}

    /**
     * The activities scheduled and the timers started, in order: {@code "Submit"}, {@code "timer PT5S"}. Local
     * activities are not scheduled through the server and appear only as markers ({@link #markerNames}).
     */
    public static List<String> scheduledSteps(WorkflowExecutionHistory history) {
        return history.getEvents().stream()
                .map(event -> switch (event.getEventType()) {
                    case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED ->
                        event.getActivityTaskScheduledEventAttributes()
                                .getActivityType()
                                .getName();
                    case EVENT_TYPE_TIMER_STARTED ->
                        "timer "
                                + duration(
                                        event.getTimerStartedEventAttributes().getStartToFireTimeout());
                    default -> null;
                })
                .filter(Objects::nonNull)
                .toList();
    }

    public static List<String> scheduledActivities(WorkflowExecutionHistory history) {
        return scheduledSteps(history).stream()
                .filter(step -> !step.startsWith("timer "))
                .toList();
    }

    public static List<String> markerNames(WorkflowExecutionHistory history) {
        return events(history, EventType.EVENT_TYPE_MARKER_RECORDED).stream()
                .map(event -> event.getMarkerRecordedEventAttributes().getMarkerName())
                .toList();
    }

    public static List<HistoryEvent> events(WorkflowExecutionHistory history, EventType type) {
        return history.getEvents().stream()
                .filter(event -> event.getEventType() == type)
                .toList();
    }

    /** The input this run handed its next run by continue-as-new; fails unless the run ended that way. */
    public static <T> T continuedAsNewWith(WorkflowExecutionHistory history, Class<T> inputType) {
        HistoryEvent last = history.getLastEvent();
        assertThat(last.getEventType()).isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
        return DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
                0,
                Optional.of(
                        last.getWorkflowExecutionContinuedAsNewEventAttributes().getInput()),
                inputType,
                inputType);
    }

    /** The attempt the server started last for each activity of this type (the attempt that completed it). */
    public static List<Integer> lastAttempts(WorkflowExecutionHistory history, String activityType) {
        List<HistoryEvent> events = history.getEvents();
        return events(history, EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED).stream()
                .filter(started -> {
                    long scheduledId =
                            started.getActivityTaskStartedEventAttributes().getScheduledEventId();
                    return events.stream()
                            .anyMatch(event -> event.getEventId() == scheduledId
                                    && event.getActivityTaskScheduledEventAttributes()
                                            .getActivityType()
                                            .getName()
                                            .equals(activityType));
                })
                .map(started -> started.getActivityTaskStartedEventAttributes().getAttempt())
                .toList();
    }

    /** Every value this workflow upserted into a keyword search attribute, in order. */
    public static List<String> upsertedValues(WorkflowExecutionHistory history, String attribute) {
        return events(history, EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES).stream()
                .map(event -> event.getUpsertWorkflowSearchAttributesEventAttributes()
                        .getSearchAttributes()
                        .getIndexedFieldsMap()
                        .get(attribute))
                .filter(Objects::nonNull)
                .map(payload -> DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, String.class, String.class))
                .toList();
    }

    private static Duration duration(com.google.protobuf.Duration duration) {
        return Duration.ofSeconds(duration.getSeconds(), duration.getNanos());
    }
}
