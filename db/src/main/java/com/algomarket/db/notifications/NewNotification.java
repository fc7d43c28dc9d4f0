package com.algomarket.db.notifications;

import com.algomarket.workflows.notifications.NotificationType;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * An event to tell a user about. {@code data} holds strings only (ids, decimals as strings, ISO-8601 times), as the
 * REST answers do; it becomes the webhook body's {@code data}.
 */
public record NewNotification(
        UUID eventId, UUID userId, NotificationType type, OffsetDateTime createdAt, Map<String, String> data) {

    /**
     * An event whose id is derived from {@code occurrence}, a key naming what happened once (an order's end, a kill's
     * epoch): an emitter that runs again names the same event, which is recorded and delivered once.
     */
    public static NewNotification of(
            String occurrence, UUID userId, NotificationType type, OffsetDateTime createdAt, Map<String, String> data) {
        return new NewNotification(derivedId(type.wireName() + "/" + occurrence), userId, type, createdAt, data);
    }

    /** A name-based UUID: the same key gives the same id, a different key another one. */
    static UUID derivedId(String key) {
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }
}
