package com.algomarket.db.notifications;

import static com.algomarket.db.jooq.Tables.NOTIFICATION_DELIVERIES;
import static com.algomarket.db.jooq.Tables.NOTIFICATION_EVENTS;
import static com.algomarket.db.jooq.Tables.USERS;
import static com.algomarket.db.jooq.Tables.WEBHOOK_ENDPOINTS;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.jsonEntry;
import static org.jooq.impl.DSL.jsonbObject;
import static org.jooq.impl.DSL.val;

import com.algomarket.db.paging.NewestFirst;
import com.algomarket.workflows.notifications.DeliveryChannel;
import com.algomarket.workflows.notifications.DeliveryStatus;
import com.algomarket.workflows.notifications.NotificationTopic;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import lombok.RequiredArgsConstructor;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.JSONEntry;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

/**
 * A user's notification choices (email topics in {@code users.notifications}, their webhook), the events they are told
 * about and each event's deliveries.
 */
@Repository
@RequiredArgsConstructor
public class NotificationRepository {

    private static final NewestFirst NEWEST_FIRST =
            new NewestFirst(NOTIFICATION_DELIVERIES.CREATED_AT, NOTIFICATION_DELIVERIES.ID);

    private final DSLContext dsl;

    /** Whether each topic is emailed: the user's choice, else the topic's default. */
    public Map<NotificationTopic, Boolean> emailPreferences(UUID userId) {
        Map<NotificationTopic, Boolean> preferences = new EnumMap<>(NotificationTopic.class);
        for (NotificationTopic topic : NotificationTopic.values()) {
            preferences.put(topic, wantsEmail(userId, topic));
        }
        return preferences;
    }

    /**
     * Whether the user wants the topic by email. {@code PUT /me/notifications} stores {@code {"email": {...}}};
     * registration stores its flat {@code {"fills": true, ...}}: the first that names the topic decides, else its
     * default.
     */
    public boolean wantsEmail(UUID userId, NotificationTopic topic) {
        Field<Boolean> chosen = field(
                "coalesce(({0} -> 'email' ->> {1})::boolean, ({0} ->> {1})::boolean, {2})",
                Boolean.class, USERS.NOTIFICATIONS, val(topic.preferenceKey()), inline(topic.emailByDefault()));
        return dsl.select(chosen)
                .from(USERS)
                .where(USERS.ID.eq(userId))
                .fetchOptional(chosen)
                .orElse(false);
    }

    /** Replaces the user's stored choices with these topics (keys are fixed names, values booleans). */
    public void saveEmailPreferences(UUID userId, Map<NotificationTopic, Boolean> preferences) {
        String email = preferences.entrySet().stream()
                .map(choice -> "\"" + choice.getKey().preferenceKey() + "\":" + choice.getValue())
                .collect(Collectors.joining(",", "{\"email\":{", "}}"));
        dsl.update(USERS)
                .set(USERS.NOTIFICATIONS, JSONB.valueOf(email))
                .set(USERS.UPDATED_AT, OffsetDateTime.now())
                .where(USERS.ID.eq(userId))
                .execute();
    }

    public Optional<WebhookEndpoint> activeEndpoint(UUID userId) {
        return dsl.selectFrom(WEBHOOK_ENDPOINTS)
                .where(activeEndpointOf(userId))
                .fetchOptional(NotificationRepository::toEndpoint);
    }

    /** The user's webhook, if any: the endpoint not removed ({@link #replaceEndpoint} removes the old one first). */
    private static Condition activeEndpointOf(UUID userId) {
        return WEBHOOK_ENDPOINTS.USER_ID.eq(userId).and(WEBHOOK_ENDPOINTS.REMOVED_AT.isNull());
    }

    /** The endpoint, removed or not. */
    public Optional<WebhookEndpoint> findEndpoint(UUID endpointId) {
        return dsl.selectFrom(WEBHOOK_ENDPOINTS)
                .where(WEBHOOK_ENDPOINTS.ID.eq(endpointId))
                .fetchOptional(NotificationRepository::toEndpoint);
    }

    /** The endpoint's sealed signing secret; only a worker can open it. */
    public byte[] sealedSecret(UUID endpointId) {
        return dsl.select(WEBHOOK_ENDPOINTS.SECRET_CIPHERTEXT)
                .from(WEBHOOK_ENDPOINTS)
                .where(WEBHOOK_ENDPOINTS.ID.eq(endpointId))
                .fetchSingle(WEBHOOK_ENDPOINTS.SECRET_CIPHERTEXT);
    }

    /** Removes the user's webhook (if any) and adds this one in its place; call inside a transaction. */
    public void replaceEndpoint(
            UUID userId, UUID endpointId, String url, List<String> events, byte[] sealedSecret, OffsetDateTime now) {
        removeEndpoint(userId, now);
        dsl.insertInto(WEBHOOK_ENDPOINTS)
                .set(WEBHOOK_ENDPOINTS.ID, endpointId)
                .set(WEBHOOK_ENDPOINTS.USER_ID, userId)
                .set(WEBHOOK_ENDPOINTS.URL, url)
                .set(WEBHOOK_ENDPOINTS.EVENTS, events.toArray(String[]::new))
                .set(WEBHOOK_ENDPOINTS.SECRET_CIPHERTEXT, sealedSecret)
                .set(WEBHOOK_ENDPOINTS.CREATED_AT, now)
                .execute();
    }

    /** Changes which events the (same URL, same secret) endpoint receives. */
    public void changeEndpointEvents(UUID endpointId, List<String> events) {
        dsl.update(WEBHOOK_ENDPOINTS)
                .set(WEBHOOK_ENDPOINTS.EVENTS, events.toArray(String[]::new))
                .where(WEBHOOK_ENDPOINTS.ID.eq(endpointId))
                .execute();
    }

    public void removeEndpoint(UUID userId, OffsetDateTime now) {
        dsl.update(WEBHOOK_ENDPOINTS)
                .set(WEBHOOK_ENDPOINTS.REMOVED_AT, now)
                .where(activeEndpointOf(userId))
                .execute();
    }

    /**
     * Records the event once and a delivery for each channel the user wants it on (the email, their webhook), each once;
     * answers the deliveries of the event still to be made, whose workflows the caller starts. Running it again for the
     * same event adds nothing and answers what is still undelivered, so an emitter may simply retry.
     */
    public List<UUID> record(NewNotification event) {
        dsl.insertInto(NOTIFICATION_EVENTS)
                .set(NOTIFICATION_EVENTS.ID, event.eventId())
                .set(NOTIFICATION_EVENTS.USER_ID, event.userId())
                .set(NOTIFICATION_EVENTS.TYPE, event.type().wireName())
                .set(NOTIFICATION_EVENTS.PAYLOAD, dsl.select(payload(event)).asField())
                .set(NOTIFICATION_EVENTS.CREATED_AT, event.createdAt())
                .onConflictDoNothing()
                .execute();
        if (event.type().emailedAsNotification()
                && wantsEmail(event.userId(), event.type().topic())) {
            addDelivery(event, DeliveryChannel.EMAIL, null);
        }
        activeEndpoint(event.userId())
                .filter(endpoint -> endpoint.delivers(event.type()))
                .ifPresent(endpoint -> addDelivery(event, DeliveryChannel.WEBHOOK, endpoint.id()));
        return dsl.select(NOTIFICATION_DELIVERIES.ID)
                .from(NOTIFICATION_DELIVERIES)
                .where(NOTIFICATION_DELIVERIES.EVENT_ID.eq(event.eventId()))
                .and(NOTIFICATION_DELIVERIES.STATUS.eq(DeliveryStatus.RETRYING.name()))
                .fetch(NOTIFICATION_DELIVERIES.ID);
    }

    /** {@code {id, type, createdAt, data}}, built by PostgreSQL, so the body needs no JSON library here. */
    private static Field<JSONB> payload(NewNotification event) {
        List<JSONEntry<?>> data = event.data().entrySet().stream()
                .<JSONEntry<?>>map(entry -> jsonEntry(entry.getKey(), val(entry.getValue())))
                .toList();
        return jsonbObject(
                jsonEntry("id", val(event.eventId().toString())),
                jsonEntry("type", val(event.type().wireName())),
                jsonEntry("createdAt", val(event.createdAt().toInstant().toString())),
                jsonEntry("data", jsonbObject(data)));
    }

    private void addDelivery(NewNotification event, DeliveryChannel channel, UUID endpointId) {
        dsl.insertInto(NOTIFICATION_DELIVERIES)
                .set(NOTIFICATION_DELIVERIES.ID, deliveryId(event.eventId(), endpointId))
                .set(NOTIFICATION_DELIVERIES.EVENT_ID, event.eventId())
                .set(NOTIFICATION_DELIVERIES.USER_ID, event.userId())
                .set(NOTIFICATION_DELIVERIES.CHANNEL, channel.name())
                .set(NOTIFICATION_DELIVERIES.ENDPOINT_ID, endpointId)
                .set(NOTIFICATION_DELIVERIES.STATUS, DeliveryStatus.RETRYING.name())
                .set(NOTIFICATION_DELIVERIES.CREATED_AT, event.createdAt())
                .set(NOTIFICATION_DELIVERIES.UPDATED_AT, event.createdAt())
                .onConflictDoNothing()
                .execute();
    }

    /** The delivery of an event to an endpoint (null: the email), derived from both. */
    static UUID deliveryId(UUID eventId, UUID endpointId) {
        return NewNotification.derivedId(eventId + "/" + (endpointId == null ? "email" : endpointId.toString()));
    }

    public Optional<NotificationDelivery> findDelivery(UUID deliveryId) {
        return deliveries()
                .where(NOTIFICATION_DELIVERIES.ID.eq(deliveryId))
                .fetchOptional(NotificationRepository::toDelivery);
    }

    /** The event's webhook body, exactly as stored. */
    public String payload(UUID eventId) {
        return dsl.select(NOTIFICATION_EVENTS.PAYLOAD)
                .from(NOTIFICATION_EVENTS)
                .where(NOTIFICATION_EVENTS.ID.eq(eventId))
                .fetchSingle(NOTIFICATION_EVENTS.PAYLOAD)
                .data();
    }

    /** Counts an attempt that failed, with its error; the delivery stays RETRYING. */
    public void recordFailedAttempt(UUID deliveryId, String error) {
        dsl.update(NOTIFICATION_DELIVERIES)
                .set(NOTIFICATION_DELIVERIES.ATTEMPTS, NOTIFICATION_DELIVERIES.ATTEMPTS.plus(1))
                .set(NOTIFICATION_DELIVERIES.LAST_ERROR, clip(error))
                .set(NOTIFICATION_DELIVERIES.UPDATED_AT, OffsetDateTime.now())
                .where(NOTIFICATION_DELIVERIES.ID.eq(deliveryId))
                .and(NOTIFICATION_DELIVERIES.STATUS.eq(DeliveryStatus.RETRYING.name()))
                .execute();
    }

    public void markDelivered(UUID deliveryId) {
        OffsetDateTime now = OffsetDateTime.now();
        dsl.update(NOTIFICATION_DELIVERIES)
                .set(NOTIFICATION_DELIVERIES.ATTEMPTS, NOTIFICATION_DELIVERIES.ATTEMPTS.plus(1))
                .set(NOTIFICATION_DELIVERIES.STATUS, DeliveryStatus.DELIVERED.name())
                .set(NOTIFICATION_DELIVERIES.UPDATED_AT, now)
                .set(NOTIFICATION_DELIVERIES.DELIVERED_AT, now)
                .where(NOTIFICATION_DELIVERIES.ID.eq(deliveryId))
                .and(NOTIFICATION_DELIVERIES.STATUS.eq(DeliveryStatus.RETRYING.name()))
                .execute();
    }

    /** FAILED for good; the last attempt's error stays when there was one, else the reason is kept. */
    public void markFailed(UUID deliveryId, String reason) {
        dsl.update(NOTIFICATION_DELIVERIES)
                .set(NOTIFICATION_DELIVERIES.STATUS, DeliveryStatus.FAILED.name())
                .set(
                        NOTIFICATION_DELIVERIES.LAST_ERROR,
                        field(
                                "coalesce({0}, {1})",
                                String.class, NOTIFICATION_DELIVERIES.LAST_ERROR, val(clip(reason))))
                .set(NOTIFICATION_DELIVERIES.UPDATED_AT, OffsetDateTime.now())
                .where(NOTIFICATION_DELIVERIES.ID.eq(deliveryId))
                .and(NOTIFICATION_DELIVERIES.STATUS.eq(DeliveryStatus.RETRYING.name()))
                .execute();
    }

    /** A page of the user's webhook deliveries, newest first, after (createdAt, id) when given. */
    public List<NotificationDelivery> pageWebhookDeliveries(
            UUID userId, OffsetDateTime afterCreatedAt, UUID afterId, int limit) {
        var condition = NOTIFICATION_DELIVERIES
                .USER_ID
                .eq(userId)
                .and(NOTIFICATION_DELIVERIES.CHANNEL.eq(DeliveryChannel.WEBHOOK.name()));
        return deliveries()
                .where(condition.and(NEWEST_FIRST.after(afterCreatedAt, afterId)))
                .orderBy(NEWEST_FIRST.order())
                .limit(limit)
                .fetch(NotificationRepository::toDelivery);
    }

    private org.jooq.SelectOnConditionStep<Record> deliveries() {
        return dsl.select(NOTIFICATION_DELIVERIES.fields())
                .select(NOTIFICATION_EVENTS.TYPE, WEBHOOK_ENDPOINTS.URL)
                .from(NOTIFICATION_DELIVERIES)
                .join(NOTIFICATION_EVENTS)
                .on(NOTIFICATION_EVENTS.ID.eq(NOTIFICATION_DELIVERIES.EVENT_ID))
                .leftJoin(WEBHOOK_ENDPOINTS)
                .on(WEBHOOK_ENDPOINTS.ID.eq(NOTIFICATION_DELIVERIES.ENDPOINT_ID));
    }

    private static NotificationDelivery toDelivery(Record row) {
        return new NotificationDelivery(
                row.get(NOTIFICATION_DELIVERIES.ID),
                row.get(NOTIFICATION_DELIVERIES.EVENT_ID),
                row.get(NOTIFICATION_EVENTS.TYPE),
                row.get(NOTIFICATION_DELIVERIES.USER_ID),
                DeliveryChannel.valueOf(row.get(NOTIFICATION_DELIVERIES.CHANNEL)),
                row.get(NOTIFICATION_DELIVERIES.ENDPOINT_ID),
                row.get(WEBHOOK_ENDPOINTS.URL),
                DeliveryStatus.valueOf(row.get(NOTIFICATION_DELIVERIES.STATUS)),
                row.get(NOTIFICATION_DELIVERIES.ATTEMPTS),
                row.get(NOTIFICATION_DELIVERIES.LAST_ERROR),
                row.get(NOTIFICATION_DELIVERIES.CREATED_AT),
                row.get(NOTIFICATION_DELIVERIES.UPDATED_AT),
                row.get(NOTIFICATION_DELIVERIES.DELIVERED_AT));
    }

    private static WebhookEndpoint toEndpoint(com.algomarket.db.jooq.tables.records.WebhookEndpointsRecord row) {
        return new WebhookEndpoint(
                row.getId(),
                row.getUserId(),
                row.getUrl(),
                List.of(row.getEvents()),
                row.getCreatedAt(),
                row.getRemovedAt() != null);
    }

    private static String clip(String text) {
        if (text == null) {
            return null;
        }
        return text.length() > 1_000 ? text.substring(0, 1_000) : text;
    }
}
