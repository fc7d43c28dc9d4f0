package com.algomarket.db.notifications;

import com.algomarket.workflows.notifications.DeliveryChannel;
import com.algomarket.workflows.notifications.DeliveryStatus;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One delivery of one event over one channel, with the event's type and its webhook's URL (null for an email). */
public record NotificationDelivery(
        UUID id,
        UUID eventId,
        String eventType,
        UUID userId,
        DeliveryChannel channel,
        UUID endpointId,
        String url,
        DeliveryStatus status,
        int attempts,
        String lastError,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        OffsetDateTime deliveredAt) {}
