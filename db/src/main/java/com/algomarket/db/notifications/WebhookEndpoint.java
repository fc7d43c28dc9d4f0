package com.algomarket.db.notifications;

import com.algomarket.workflows.notifications.NotificationType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A user's webhook; {@code events} empty: every event type. {@code removed}: replaced or deleted since. */
public record WebhookEndpoint(
        UUID id, UUID userId, String url, List<String> events, OffsetDateTime createdAt, boolean removed) {

    public boolean delivers(NotificationType type) {
        return events.isEmpty() || events.contains(type.wireName());
    }
}
