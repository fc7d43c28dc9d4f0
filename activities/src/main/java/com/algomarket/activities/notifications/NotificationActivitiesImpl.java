package com.algomarket.activities.notifications;

import com.algomarket.activities.connections.CredentialCipher;
import com.algomarket.activities.email.EmailSender;
import com.algomarket.db.notifications.NotificationDelivery;
import com.algomarket.db.notifications.NotificationRepository;
import com.algomarket.db.notifications.WebhookEndpoint;
import com.algomarket.db.notifications.WebhookSecrets;
import com.algomarket.db.users.User;
import com.algomarket.db.users.UserRepository;
import com.algomarket.workflows.notifications.DeliveryChannel;
import com.algomarket.workflows.notifications.DeliveryFailure;
import com.algomarket.workflows.notifications.DeliveryStatus;
import com.algomarket.workflows.notifications.NotificationActivities;
import com.algomarket.workflows.notifications.NotificationType;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The order's notice of its end ({@link OrderNotices}), and the delivery attempts. An attempt records its outcome on the delivery's row (what
 * {@code GET /me/notifications/deliveries} shows) before it answers, so the row counts every attempt Temporal makes.
 */
@Component
@RequiredArgsConstructor
@Slf4j
public class NotificationActivitiesImpl implements NotificationActivities {

    /** The failure type of an attempt that another one may get through. */
    static final String ATTEMPT_FAILED = "ATTEMPT_FAILED";

    private final NotificationRepository notifications;
    private final OrderNotices orderNotices;
    private final UserRepository users;
    private final EmailSender emailSender;
    private final ObjectProvider<CredentialCipher> cipher;
    private final WebhookPoster poster;
    private final Clock clock;

    @Value("${algomarket.public-url}")
    private final String publicUrl;

    @Override
    public void orderEnded(String orderId) {
        orderNotices.tellEnd(orderId);
    }

    @Override
    public void deliver(String deliveryId) {
        UUID id = UUID.fromString(deliveryId);
        NotificationDelivery delivery = notifications.findDelivery(id).orElseThrow();
        if (delivery.status() != DeliveryStatus.RETRYING) {
            return;
        }
        try {
            if (delivery.channel() == DeliveryChannel.EMAIL) {
                email(delivery);
            } else {
                post(delivery);
            }
        } catch (FinalFailure failure) {
            notifications.recordFailedAttempt(id, failure.type + ": " + failure.getMessage());
            throw ApplicationFailure.newNonRetryableFailure(failure.getMessage(), failure.type.name());
        } catch (RuntimeException failure) {
            notifications.recordFailedAttempt(id, failure.getMessage());
            throw ApplicationFailure.newFailure(failure.getMessage(), ATTEMPT_FAILED);
        }
        notifications.markDelivered(id);
        log.info("Delivered {} {} of event {}", delivery.channel(), deliveryId, delivery.eventId());
    }

    @Override
    public void giveUp(String deliveryId, String reason) {
        notifications.markFailed(UUID.fromString(deliveryId), reason);
        log.warn("Gave up delivery {}: {}", deliveryId, reason);
    }

    private void email(NotificationDelivery delivery) {
        User user = users.findById(delivery.userId()).orElseThrow();
        NotificationEmails.Composed email = NotificationEmails.compose(
                NotificationType.ofWireName(delivery.eventType()),
                notifications.payload(delivery.eventId()),
                user.username(),
                publicUrl);
        emailSender.send(user.email(), email.subject(), email.body());
    }

    private void post(NotificationDelivery delivery) {
        WebhookEndpoint endpoint = notifications
                .findEndpoint(delivery.endpointId())
                .filter(found -> !found.removed())
                .orElseThrow(() -> new FinalFailure(
                        DeliveryFailure.ENDPOINT_GONE, "the webhook was removed or replaced since the event"));
        String secret = cipher.getObject()
                .open(notifications.sealedSecret(endpoint.id()), WebhookSecrets.context(endpoint.id()));
        String body = notifications.payload(delivery.eventId());
        String signature = WebhookSignature.header(secret, clock.instant().getEpochSecond(), body);
        try {
            poster.post(endpoint.url(), body, signature, delivery.eventId().toString());
        } catch (WebhookPoster.Refused refused) {
            throw new FinalFailure(DeliveryFailure.URL_REFUSED, refused.getMessage());
        }
    }

    /** A failure another attempt cannot change. */
    private static final class FinalFailure extends RuntimeException {
        private final DeliveryFailure type;

        FinalFailure(DeliveryFailure type, String message) {
            super(message);
            this.type = type;
        }
    }
}
