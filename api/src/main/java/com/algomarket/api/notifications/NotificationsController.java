package com.algomarket.api.notifications;

import static com.algomarket.api.auth.SignedInUser.userId;

import com.algomarket.api.Roles;
import com.algomarket.api.store.StorePage;
import com.algomarket.db.notifications.NotificationDelivery;
import com.algomarket.db.notifications.NotificationRepository;
import com.algomarket.db.notifications.WebhookEndpoint;
import com.algomarket.workflows.notifications.DeliveryStatus;
import com.algomarket.workflows.notifications.NotificationTopic;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's notification choices and their webhook's deliveries (api.md "Users' side"). */
@RestController
@RequestMapping("/api/v1/me/notifications")
@ConditionalOnBooleanProperty(Roles.API_PROPERTY)
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class NotificationsController {

    private static final String DELIVERY_ORDER = "deliveries-newest";

    private final NotificationSettings settings;
    private final NotificationRepository notifications;

    record WebhookRequest(
            @NotBlank @Size(max = 2048) String url,
            @Size(max = 20) List<@NotBlank @Size(max = 40) String> events,
            Boolean rotateSecret) {}

    record NotificationsRequest(
            @Size(max = 20) Map<String, Boolean> email,
            @Valid WebhookRequest webhook) {}

    /** {@code secret}: only in the answer of the PUT that made it. */
    record WebhookView(String url, List<String> events, OffsetDateTime createdAt, String secret) {}

    record NotificationsView(Map<String, Boolean> email, WebhookView webhook) {}

    record DeliveryView(
            UUID id,
            String event,
            UUID eventId,
            String url,
            DeliveryStatus status,
            int attempts,
            String lastError,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            OffsetDateTime deliveredAt) {}

    @GetMapping
    NotificationsView get(@AuthenticationPrincipal Jwt token) {
        return view(settings.get(userId(token)));
    }

    /** Answers the webhook's signing secret ({@code whsec_...}) once: when the webhook is made, moved or rotated. */
    @PutMapping
    NotificationsView put(@AuthenticationPrincipal Jwt token, @Valid @RequestBody NotificationsRequest request) {
        return view(settings.put(userId(token), request.email(), request.webhook()));
    }

    /** The caller's webhook deliveries, newest first, a page at a time ({@code limit} 1..500, default 50). */
    @GetMapping("/deliveries")
    StorePage<DeliveryView> deliveries(
            @AuthenticationPrincipal Jwt token,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        return StorePage.newestFirst(
                        DELIVERY_ORDER,
                        limit,
                        cursor,
                        (afterCreatedAt, afterId, rows) ->
                                notifications.pageWebhookDeliveries(userId(token), afterCreatedAt, afterId, rows),
                        NotificationDelivery::createdAt,
                        NotificationDelivery::id)
                .map(d -> new DeliveryView(
                        d.id(),
                        d.eventType(),
                        d.eventId(),
                        d.url(),
                        d.status(),
                        d.attempts(),
                        d.lastError(),
                        d.createdAt(),
                        d.updatedAt(),
                        d.deliveredAt()));
    }

    private static NotificationsView view(NotificationSettings.Settings settings) {
        Map<String, Boolean> email = new LinkedHashMap<>();
        for (NotificationTopic topic : NotificationTopic.values()) {
            email.put(topic.preferenceKey(), settings.email().get(topic));
        }
        WebhookView webhook = settings.webhook()
                .map(endpoint -> webhookView(endpoint, settings.newSecret()))
                .orElse(null);
        return new NotificationsView(email, webhook);
    }

    private static WebhookView webhookView(WebhookEndpoint endpoint, String secret) {
        return new WebhookView(endpoint.url(), endpoint.events(), endpoint.createdAt(), secret);
    }
}
