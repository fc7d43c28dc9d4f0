package com.algomarket.api.notifications;

import com.algomarket.api.Roles;
import com.algomarket.api.problem.ApiProblem;
import com.algomarket.api.security.MasterKeys;
import com.algomarket.db.audit.AuditLog;
import com.algomarket.db.notifications.NotificationRepository;
import com.algomarket.db.notifications.WebhookEndpoint;
import com.algomarket.db.notifications.WebhookSecrets;
import com.algomarket.db.notifications.WebhookUrlPolicy;
import com.algomarket.workflows.notifications.NotificationTopic;
import com.algomarket.workflows.notifications.NotificationType;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A user's notification choices: which topics are emailed, and their webhook. Everything is checked before anything is
 * written, so a refused request changes nothing. A webhook gets a new signing secret when it is created, when its URL
 * changes and when the request asks to rotate it; the secret is answered only then, and stored only sealed.
 */
// API nodes only: it seals webhook secrets with the API's public keyset (MasterKeys), which workers do not hold.
@Service
@ConditionalOnBooleanProperty(Roles.API_PROPERTY)
@RequiredArgsConstructor
class NotificationSettings {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final NotificationRepository notifications;
    private final MasterKeys keys;
    private final AuditLog auditLog;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final WebhookUrlPolicy urls;

    /** The choices, and the secret of a webhook made or rotated by this request (null otherwise). */
    record Settings(Map<NotificationTopic, Boolean> email, Optional<WebhookEndpoint> webhook, String newSecret) {}

    Settings get(UUID userId) {
        return new Settings(notifications.emailPreferences(userId), notifications.activeEndpoint(userId), null);
    }

    /**
     * Stores the choices: the topics named (the others keep theirs) and the webhook, which replaces the current one or,
     * when absent, removes it.
     */
    Settings put(UUID userId, Map<String, Boolean> email, NotificationsController.WebhookRequest webhook) {
        Map<NotificationTopic, Boolean> topics = topics(email);
        List<String> events = webhook == null ? List.of() : events(webhook.events());
        if (webhook != null) {
            checkUrl(webhook.url());
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        String secret = transactions.execute(status -> {
            Map<NotificationTopic, Boolean> chosen = notifications.emailPreferences(userId);
            chosen.putAll(topics);
            notifications.saveEmailPreferences(userId, chosen);
            Optional<WebhookEndpoint> current = notifications.activeEndpoint(userId);
            String issued = null;
            if (webhook == null) {
                notifications.removeEndpoint(userId, now);
            } else if (current.isPresent()
                    && current.get().url().equals(webhook.url())
                    && !Boolean.TRUE.equals(webhook.rotateSecret())) {
                notifications.changeEndpointEvents(current.get().id(), events);
            } else {
                UUID endpointId = UUID.randomUUID();
                issued = newSecret();
                notifications.replaceEndpoint(
                        userId, endpointId, webhook.url(), events, keys.sealWebhookSecret(issued, endpointId), now);
            }
            auditLog.append(
                    "user:" + userId,
                    "user",
                    userId.toString(),
                    "NOTIFICATIONS_CHANGED",
                    Map.of("webhook", webhook == null ? "none" : webhook.url(), "newSecret", issued != null));
            return issued;
        });
        return new Settings(notifications.emailPreferences(userId), notifications.activeEndpoint(userId), secret);
    }

    private static Map<NotificationTopic, Boolean> topics(Map<String, Boolean> email) {
        Map<NotificationTopic, Boolean> topics = new EnumMap<>(NotificationTopic.class);
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        if (email != null) {
            email.forEach((key, wanted) -> {
                NotificationTopic topic = NotificationTopic.ofPreferenceKey(key);
                if (topic == null) {
                    errors.add(new ApiProblem.FieldError(
                            "email." + key,
                            "is not a topic: fills, rejections, kill, reconciliation, subscription or payments"));
                } else if (wanted == null) {
                    errors.add(new ApiProblem.FieldError("email." + key, "must be true or false"));
                } else {
                    topics.put(topic, wanted);
                }
            });
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.validationFailed(errors);
        }
        return topics;
    }

    /** The event types named, each once; none named: every type. */
    private static List<String> events(List<String> named) {
        if (named == null) {
            return List.of();
        }
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < named.size(); i++) {
            if (NotificationType.ofWireName(named.get(i)) == null) {
                errors.add(new ApiProblem.FieldError(
                        "webhook.events[" + i + "]",
                        "is not an event type: order.filled, order.partially_filled, order.rejected, "
                                + "order.cancelled, portfolio.killed, portfolio.paused, subscription.ending, "
                                + "subscription.ended or payment.failed"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.validationFailed(errors);
        }
        return named.stream().distinct().toList();
    }

    private void checkUrl(String url) {
        try {
            urls.check(url);
        } catch (WebhookUrlPolicy.Refused refused) {
            throw new ApiProblem(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "webhook-url-refused",
                    "Webhook URL refused",
                    "The webhook URL is refused: " + refused.getMessage() + ".",
                    List.of(new ApiProblem.FieldError("webhook.url", refused.getMessage())));
        }
    }

    private static String newSecret() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return WebhookSecrets.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
