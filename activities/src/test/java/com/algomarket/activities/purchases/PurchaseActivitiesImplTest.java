package com.algomarket.activities.purchases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.algomarket.activities.email.EmailSender;
import com.algomarket.activities.notifications.Notifier;
import com.algomarket.db.audit.AuditLog;
import com.algomarket.db.notifications.NewNotification;
import com.algomarket.db.notifications.NotificationRepository;
import com.algomarket.db.purchases.Purchase;
import com.algomarket.db.purchases.PurchaseRepository;
import com.algomarket.db.store.AlgorithmRepository;
import com.algomarket.db.users.User;
import com.algomarket.db.users.UserRepository;
import com.algomarket.workflows.notifications.NotificationTopic;
import com.algomarket.workflows.notifications.NotificationType;
import com.algomarket.workflows.purchases.EndPurchaseInput;
import com.algomarket.workflows.purchases.EndingReminderInput;
import com.algomarket.workflows.purchases.PurchaseStatus;
import com.algomarket.workflows.users.UserRole;
import com.algomarket.workflows.users.UserStatus;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * The ending reminders go to the buyer of an active purchase that no paid renewal follows, and to no one else; the
 * ends that concern the buyer (a failed payment, a subscription that ended) are told to them.
 */
class PurchaseActivitiesImplTest {

    private final PurchaseRepository purchases = mock(PurchaseRepository.class);
    private final UserRepository users = mock(UserRepository.class);
    private final AlgorithmRepository algorithms = mock(AlgorithmRepository.class);
    private final EmailSender email = mock(EmailSender.class);
    private final Notifier notifier = mock(Notifier.class);
    private final NotificationRepository notifications = mock(NotificationRepository.class);
    private final PurchaseActivitiesImpl activities = new PurchaseActivitiesImpl(
            purchases,
            mock(PaymentGateway.class),
            mock(AuditLog.class),
            users,
            algorithms,
            email,
            notifier,
            notifications,
            "https://algomarket.example");

    private final UUID userId = UUID.randomUUID();
    private final UUID purchaseId = UUID.randomUUID();

    @BeforeEach
    void buyer() {
        when(users.findById(userId))
                .thenReturn(Optional.of(
                        new User(userId, "buyer@example.com", "buyer", UserRole.USER, UserStatus.VERIFIED)));
        when(algorithms.find(any())).thenReturn(Optional.empty());
        when(notifications.wantsEmail(userId, NotificationTopic.SUBSCRIPTION)).thenReturn(true);
    }

    @Test
    void givenAnActivePurchaseWithoutRenewal_whenReminded_thenTheBuyerIsEmailedHowToRenew() {
        when(purchases.find(purchaseId)).thenReturn(Optional.of(purchase(PurchaseStatus.ACTIVE)));

        assertThat(activities.remindEnding(new EndingReminderInput(purchaseId.toString(), 3)))
                .isTrue();

        verify(email)
                .send(
                        eq("buyer@example.com"),
                        contains("ends in 3 days"),
                        contains("/api/v1/purchases/" + purchaseId + "/renew"));
        verify(notifier)
                .publish(argThat(event -> event.type() == NotificationType.SUBSCRIPTION_ENDING
                        && event.data().get("daysLeft").equals("3")));
    }

    @Test
    void givenABuyerWhoChoseNoSubscriptionEmails_whenReminded_thenNoEmailButTheEventForTheirWebhook() {
        when(purchases.find(purchaseId)).thenReturn(Optional.of(purchase(PurchaseStatus.ACTIVE)));
        when(notifications.wantsEmail(userId, NotificationTopic.SUBSCRIPTION)).thenReturn(false);

        assertThat(activities.remindEnding(new EndingReminderInput(purchaseId.toString(), 1)))
                .isTrue();

        verify(email, never()).send(anyString(), anyString(), anyString());
        verify(notifier).publish(argThat(event -> event.type() == NotificationType.SUBSCRIPTION_ENDING));
    }

    @Test
    void givenAFailedPayment_whenThePurchaseEnds_thenTheBuyerIsToldOnceByTheEventsId() {
        when(purchases.find(purchaseId)).thenReturn(Optional.of(purchase(PurchaseStatus.PAYMENT_FAILED)));

        activities.end(new EndPurchaseInput(purchaseId.toString(), PurchaseStatus.PAYMENT_FAILED));
        activities.end(new EndPurchaseInput(purchaseId.toString(), PurchaseStatus.PAYMENT_FAILED));

        ArgumentCaptor<NewNotification> told = ArgumentCaptor.forClass(NewNotification.class);
        verify(notifier, times(2)).publish(told.capture());
        assertThat(told.getAllValues()).extracting(NewNotification::type).containsOnly(NotificationType.PAYMENT_FAILED);
        assertThat(told.getAllValues())
                .extracting(NewNotification::eventId)
                .containsOnly(told.getValue().eventId());
        assertThat(told.getValue().userId()).isEqualTo(userId);
    }

    @Test
    void givenAnExpiryThatAPaidRenewalFollows_whenThePurchaseEnds_thenNoSubscriptionEndedEvent() {
        when(purchases.find(purchaseId)).thenReturn(Optional.of(purchase(PurchaseStatus.EXPIRED)));
        when(purchases.hasPaidRenewal(purchaseId)).thenReturn(true);

        activities.end(new EndPurchaseInput(purchaseId.toString(), PurchaseStatus.EXPIRED));

        verify(notifier, never()).publish(any());
    }

    @Test
    void givenAnExpiryWithoutRenewal_whenThePurchaseEnds_thenTheSubscriptionEndedEvent() {
        when(purchases.find(purchaseId)).thenReturn(Optional.of(purchase(PurchaseStatus.EXPIRED)));

        activities.end(new EndPurchaseInput(purchaseId.toString(), PurchaseStatus.EXPIRED));

        verify(notifier)
                .publish(argThat(event -> event.type() == NotificationType.SUBSCRIPTION_ENDED
                        && event.data().get("purchaseId").equals(purchaseId.toString())));
    }

    @Test
    void givenAPaidRenewal_whenReminded_thenNoEmail() {
        when(purchases.find(purchaseId)).thenReturn(Optional.of(purchase(PurchaseStatus.ACTIVE)));
        when(purchases.hasPaidRenewal(purchaseId)).thenReturn(true);

        assertThat(activities.remindEnding(new EndingReminderInput(purchaseId.toString(), 1)))
                .isFalse();

        verify(email, never()).send(anyString(), anyString(), anyString());
    }

    private Purchase purchase(PurchaseStatus status) {
        OffsetDateTime start = OffsetDateTime.parse("2026-11-01T00:00:00Z");
        return new Purchase(
                purchaseId,
                userId,
                UUID.randomUUID(),
                null,
                1,
                BigDecimal.TEN,
                "EUR",
                status,
                "pi_1",
                start,
                start.plusDays(30),
                "purchase-" + purchaseId,
                null,
                start);
    }
}
