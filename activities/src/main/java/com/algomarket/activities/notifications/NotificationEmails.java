package com.algomarket.activities.notifications;

import com.algomarket.workflows.notifications.NotificationType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** The email of a notification: a subject that says what happened, and the event's details. */
final class NotificationEmails {

    record Composed(String subject, String body) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<NotificationType, String> WHAT_HAPPENED = Map.of(
            NotificationType.ORDER_FILLED, "An order of yours filled",
            NotificationType.ORDER_PARTIALLY_FILLED, "An order of yours ended partly filled",
            NotificationType.ORDER_REJECTED, "An order of yours was rejected",
            NotificationType.ORDER_CANCELLED, "An order of yours was cancelled",
            NotificationType.PORTFOLIO_KILLED, "A portfolio of yours was stopped by the kill switch",
            NotificationType.PORTFOLIO_PAUSED, "A portfolio of yours was paused",
            NotificationType.SUBSCRIPTION_ENDING, "A subscription of yours ends soon",
            NotificationType.SUBSCRIPTION_ENDED, "A subscription of yours has ended",
            NotificationType.PAYMENT_FAILED, "A payment of yours failed");

    private NotificationEmails() {}

    /** The email of the event whose webhook body is {@code payload}, for {@code username}. */
    static Composed compose(NotificationType type, String payload, String username, String publicUrl) {
        JsonNode event = read(payload);
        StringBuilder details = new StringBuilder();
        event.path("data")
                .properties()
                .forEach(field -> details.append("  ")
                        .append(field.getKey())
                        .append(": ")
                        .append(field.getValue().asText())
                        .append('\n'));
        String whatHappened = WHAT_HAPPENED.get(type);
        String body = """
                Hello %s,

                %s (%s, at %s).

                %s
                You receive these emails as your notification settings say; change them with
                PUT %s/api/v1/me/notifications.
                """.formatted(
                username, whatHappened, type.wireName(), event.path("createdAt").asText(), details, publicUrl);
        return new Composed("AlgoMarket: " + whatHappened.toLowerCase(java.util.Locale.ROOT), body);
    }

    private static JsonNode read(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored notification is not JSON", e);
        }
    }
}
