package com.algomarket.api.notifications;

import com.algomarket.db.notifications.NewNotification;
import com.algomarket.db.notifications.NotificationRepository;
import com.algomarket.workflows.notifications.NotificationDeliveryWorkflow;
import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.UUID;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.stereotype.Service;

/**
 * Tells a user about an event that happens on the API node (a kill): {@link #record} inside the transaction that makes
 * the event happen, so the event exists exactly when the change does; {@link #deliver} after the commit starts the
 * deliveries' workflows. A start that fails is logged, not thrown: the change has happened and its answer must say so.
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
@Slf4j
public class NotificationPublisher {

    private final NotificationRepository notifications;
    private final WorkflowClient workflows;

    /** Records the event and its deliveries; answers the deliveries to start once the transaction commits. */
    public Recorded record(NewNotification event) {
        return new Recorded(event.userId(), event.eventId(), notifications.record(event));
    }

    public record Recorded(UUID userId, UUID eventId, List<UUID> deliveryIds) {}

    public void deliver(List<Recorded> recorded) {
        for (Recorded event : recorded) {
            try {
                NotificationDeliveryWorkflow.startAll(workflows, event.userId(), event.deliveryIds());
            } catch (RuntimeException e) {
                log.warn("Could not start the deliveries of event {}; they stay RETRYING", event.eventId(), e);
            }
        }
    }
}
