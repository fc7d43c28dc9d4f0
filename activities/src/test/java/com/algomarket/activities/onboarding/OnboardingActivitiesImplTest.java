package com.algomarket.activities.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.algomarket.activities.email.Email;
import com.algomarket.activities.email.OutboxEmailSender;
import com.algomarket.db.email.EmailOutboxRepository;
import com.algomarket.db.email.OutboxEmail;
import com.algomarket.db.users.EmailVerificationRepository;
import com.algomarket.db.users.User;
import com.algomarket.db.users.UserRepository;
import com.algomarket.db.users.VerificationSecrets;
import com.algomarket.workflows.onboarding.OnboardingFailure;
import com.algomarket.workflows.onboarding.SendVerificationEmailInput;
import com.algomarket.workflows.users.UserRole;
import com.algomarket.workflows.users.UserStatus;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

class OnboardingActivitiesImplTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private final UUID userId = UUID.randomUUID();
    private final UUID verificationId = UUID.randomUUID();
    private final SendVerificationEmailInput input =
            new SendVerificationEmailInput(userId.toString(), verificationId.toString());

    private final UserRepository users = mock(UserRepository.class);
    private final EmailVerificationRepository verifications = mock(EmailVerificationRepository.class);
    private final OutboxEmailSender outbox =
            new OutboxEmailSender(10, Clock.fixed(NOW, ZoneOffset.UTC), new InMemoryOutbox());
    private final PlatformTransactionManager transactionManager = mock(PlatformTransactionManager.class);
    private final OnboardingActivitiesImpl activities = new OnboardingActivitiesImpl(
            users,
            verifications,
            outbox,
            new TransactionTemplate(transactionManager),
            Clock.fixed(NOW, ZoneOffset.UTC),
            "https://app.example");

    OnboardingActivitiesImplTest() {
        when(transactionManager.getTransaction(any())).thenReturn(new SimpleTransactionStatus());
    }

    @Test
    void givenNewUser_whenSending_thenEmailsCodeAndLinkAndStoresOnlyTheirHashes() {
        when(users.findById(userId))
                .thenReturn(Optional.of(
                        new User(userId, "ann@example.com", "ann", UserRole.USER, UserStatus.PENDING_VERIFICATION)));
        when(verifications.sentAt(verificationId)).thenReturn(Optional.empty());

        activities.sendVerificationEmail(input);

        List<Email> sent = outbox.sentTo("ann@example.com");
        assertThat(sent).hasSize(1);
        Matcher code =
                Pattern.compile("code is (\\d{6})").matcher(sent.getFirst().body());
        Matcher token = Pattern.compile("verify\\?token=([A-Za-z0-9_-]{43})")
                .matcher(sent.getFirst().body());
        assertThat(code.find()).as("6-digit code in %s", sent.getFirst().body()).isTrue();
        assertThat(token.find()).as("link in %s", sent.getFirst().body()).isTrue();
        assertThat(sent.getFirst().body()).startsWith("Hello ann,").contains("https://app.example/api/v1/auth/verify");

        ArgumentCaptor<String> codeHash = ArgumentCaptor.forClass(String.class);
        ArgumentCaptor<String> tokenHash = ArgumentCaptor.forClass(String.class);
        verify(verifications)
                .upsertUnsent(
                        eq(verificationId),
                        eq(userId),
                        codeHash.capture(),
                        tokenHash.capture(),
                        eq(OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC).plusHours(24)));
        assertThat(codeHash.getValue())
                .isEqualTo(VerificationSecrets.hashCode(verificationId, code.group(1)))
                .doesNotContain(code.group(1));
        assertThat(tokenHash.getValue()).isEqualTo(VerificationSecrets.hashToken(token.group(1)));

        // The registration lock is awaited before the user is looked up, and sending is recorded only after it.
        InOrder order = inOrder(users, verifications);
        order.verify(users).awaitRegistration(userId);
        order.verify(users).findById(userId);
        order.verify(verifications).markSent(verificationId, OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC));
    }

    @Test
    void givenVerificationAlreadySent_whenRetried_thenSendsNothing() {
        when(verifications.sentAt(verificationId)).thenReturn(Optional.of(OffsetDateTime.now()));

        activities.sendVerificationEmail(input);

        assertThat(outbox.sentTo(null)).isEmpty();
        verify(verifications, never()).upsertUnsent(any(), any(), anyString(), anyString(), any());
    }

    @Test
    void givenNoSuchUser_whenSending_thenFailsWithNonRetryableUserNotFound() {
        when(verifications.sentAt(verificationId)).thenReturn(Optional.empty());
        when(users.findById(userId)).thenReturn(Optional.empty());

        assertThatThrownBy(() -> activities.sendVerificationEmail(input))
                .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
                    assertThat(failure.getType()).isEqualTo(OnboardingFailure.USER_NOT_FOUND.name());
                    assertThat(failure.isNonRetryable()).isTrue();
                });
        assertThat(outbox.sentTo(null)).isEmpty();
        verify(transactionManager).rollback(any());
    }

    /** The outbox table, kept in a list: the sender's eviction is the repository's (EmailOutboxRepositoryIT). */
    private static final class InMemoryOutbox extends EmailOutboxRepository {

        private final List<OutboxEmail> emails = new ArrayList<>();

        InMemoryOutbox() {
            super(null);
        }

        @Override
        public void append(OutboxEmail email, int capacity) {
            emails.add(email);
        }

        @Override
        public List<OutboxEmail> sentTo(String to) {
            return emails.stream()
                    .filter(email -> to == null || email.to().equalsIgnoreCase(to))
                    .toList();
        }
    }
}
