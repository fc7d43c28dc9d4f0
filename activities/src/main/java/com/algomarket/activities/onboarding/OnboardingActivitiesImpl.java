package com.algomarket.activities.onboarding;

import com.algomarket.activities.email.EmailSender;
import com.algomarket.db.users.EmailVerificationRepository;
import com.algomarket.db.users.User;
import com.algomarket.db.users.UserRepository;
import com.algomarket.db.users.VerificationSecrets;
import com.algomarket.workflows.onboarding.OnboardingActivities;
import com.algomarket.workflows.onboarding.OnboardingFailure;
import com.algomarket.workflows.onboarding.SendReminderInput;
import com.algomarket.workflows.onboarding.SendVerificationEmailInput;
import io.temporal.failure.ApplicationFailure;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

@Component
@RequiredArgsConstructor
@Slf4j
public class OnboardingActivitiesImpl implements OnboardingActivities {

    static final Duration VERIFICATION_VALIDITY = Duration.ofHours(24);

    private final UserRepository users;
    private final EmailVerificationRepository verifications;
    private final EmailSender emailSender;
    private final TransactionTemplate transactions;
    private final Clock clock;

    @Value("${algomarket.public-url}")
    private final String publicUrl;

    @Override
    public void sendVerificationEmail(SendVerificationEmailInput input) {
        UUID userId = UUID.fromString(input.userId());
        UUID verificationId = UUID.fromString(input.verificationId());

        // A retry after the email went out must not send a second, different code.
        if (verifications.sentAt(verificationId).isPresent()) {
            log.info("Verification {} was already sent; nothing to do", verificationId);
            return;
        }

        VerificationSecrets secrets = VerificationSecrets.generate();
        User user = transactions.execute(status -> {
            // Registration commits before it starts the workflow; API nodes of the version before started it inside
            // their transaction, so during an upgrade this still waits for that transaction to end.
            users.awaitRegistration(userId);
            User found = user(userId);
            verifications.upsertUnsent(
                    verificationId,
                    userId,
                    VerificationSecrets.hashCode(verificationId, secrets.code()),
                    VerificationSecrets.hashToken(secrets.token()),
                    OffsetDateTime.now(clock).plus(VERIFICATION_VALIDITY));
            return found;
        });

        emailSender.send(user.email(), "Your AlgoMarket verification code", body(user, secrets));
        verifications.markSent(verificationId, OffsetDateTime.now(clock));
        log.info("Sent verification {} to user {}", verificationId, userId);
    }

    @Override
    public void sendReminder(SendReminderInput input) {
        User user = user(UUID.fromString(input.userId()));
        String next = switch (input.step()) {
            case VERIFY_EMAIL -> "verify your email with the code we sent (or ask for a new one)";
            case CONNECT_EXCHANGE -> "connect your exchange account with a read-and-trade API key";
            case BUY_ALGORITHM -> "choose and buy an algorithm in the store";
            case CREATE_PORTFOLIO -> "create a portfolio of at least 100 of the algorithm's quote currency";
            case DONE -> throw new IllegalArgumentException("nothing to remind of when onboarding is done");
        };
        emailSender.send(user.email(), "Your next step at AlgoMarket", """
                Hello %s,

                you are one step further than most: %s.

                %s
                """.formatted(user.username(), next, publicUrl));
        log.info("Sent reminder {} for step {} to user {}", input.number(), input.step(), input.userId());
    }

    /** The user, or a failure that no retry can mend: the user was deleted, or never registered. */
    private User user(UUID userId) {
        return users.findById(userId)
                .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                        "user " + userId + " does not exist", OnboardingFailure.USER_NOT_FOUND.name()));
    }

    private String body(User user, VerificationSecrets secrets) {
        String link =
                publicUrl + "/api/v1/auth/verify?token=" + URLEncoder.encode(secrets.token(), StandardCharsets.UTF_8);
        return """
                Hello %s,

                your verification code is %s

                or open this link: %s

                Both expire in %d hours. If you did not register at AlgoMarket, ignore this email.
                """.formatted(user.username(), secrets.code(), link, VERIFICATION_VALIDITY.toHours());
    }
}
