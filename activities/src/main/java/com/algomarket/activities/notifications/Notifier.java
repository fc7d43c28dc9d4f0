package com.algomarket.activities.notifications;

import com.algomarket.db.notifications.NewNotification;
import com.algomarket.db.notifications.NotificationRepository;
import com.algomarket.workflows.notifications.NotificationDeliveryWorkflow;
import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

/**
 * Tells a user about an event, on the worker's side: records it with a delivery per channel they chose, then starts
 * each delivery's workflow. Both steps may run again (an activity retried): the event, its deliveries and their
 * workflows are each made once, so calling it again delivers nothing twice and catches up what a failure left out.
 */
@Component
@RequiredArgsConstructor
public class Notifier {

    private final NotificationRepository notifications;
    private final WorkflowClient workflows;

    public void publish(NewNotification event) {
        List<UUID> undelivered = notifications.record(event);
        NotificationDeliveryWorkflow.startAll(workflows, event.userId(), undelivered);
    }
}
