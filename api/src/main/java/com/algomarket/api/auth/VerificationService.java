package com.algomarket.api.auth;

import com.algomarket.api.onboarding.OnboardingClient;
import com.algomarket.api.problem.ApiProblem;
import com.algomarket.db.audit.AuditLog;
import com.algomarket.db.users.EmailVerificationRepository;
import com.algomarket.db.users.EmailVerificationRepository.Verification;
import com.algomarket.db.users.UserRepository;
import com.algomarket.db.users.VerificationSecrets;
import com.algomarket.workflows.onboarding.OnboardingWorkflow;
import com.algomarket.workflows.users.UserStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Email verification by the 6-digit code (5 attempts, then a new code is needed) or the link, both valid 24 h. The
 * user becomes VERIFIED in the database first, then the onboarding workflow is told; should Temporal be unreachable at
 * that moment, the answer is 503 and a retry (with the same code, now used) only repeats the second half.
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
@Slf4j
class VerificationService {

    static final int MAX_ATTEMPTS = 5;

    private final UserRepository users;
    private final EmailVerificationRepository verifications;
    private final OnboardingClient onboarding;
    private final AuditLog auditLog;
    private final TransactionTemplate transactions;
    private final Clock clock;

    @Value("${algomarket.onboarding.resend-cooldown:PT60S}")
    private final Duration resendCooldown;

    void verifyCode(String email, String code) {
        UserRepository.LoginCandidate user = users.findForLogin(email).orElseThrow(VerificationService::invalidCode);
        if (user.status() == UserStatus.VERIFIED) {
            advanceOnboarding(user.id());
            return;
        }
        Verification verification = verifications.latest(user.id()).orElseThrow(VerificationService::invalidCode);
        rejectUnusable(verification);
        if (!sameHash(VerificationSecrets.hashCode(verification.id(), code), verification.codeHash())) {
            int attempts = verifications.recordFailedAttempt(verification.id());
            throw new ApiProblem(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "invalid-code",
                    "Wrong code",
                    attempts >= MAX_ATTEMPTS
                            ? "Wrong code; no attempts left, request a new code."
                            : "Wrong code; " + (MAX_ATTEMPTS - attempts) + " attempts left.");
        }
        complete(verification);
    }

    void verifyToken(String token) {
        Verification verification = verifications
                .findByTokenHash(VerificationSecrets.hashToken(token))
                .orElseThrow(() -> new ApiProblem(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "invalid-link",
                        "Invalid link",
                        "This verification link is not valid. Request a new one."));
        if (verification.consumedAt() != null) {
            advanceOnboarding(verification.userId());
            return;
        }
        rejectUnusable(verification);
        complete(verification);
    }

    /** Emails a new code unless one went out within the cooldown; unknown or verified emails learn nothing. */
    void resend(String email) {
        Optional<UserRepository.LoginCandidate> user =
                users.findForLogin(email).filter(candidate -> candidate.status() == UserStatus.PENDING_VERIFICATION);
        if (user.isEmpty()) {
            return;
        }
        Optional<OffsetDateTime> lastSent =
                verifications.latestSent(user.get().id()).map(Verification::sentAt);
        if (lastSent.isPresent() && lastSent.get().plus(resendCooldown).isAfter(OffsetDateTime.now(clock))) {
            throw new ApiProblem(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "resend-cooldown",
                    "Too soon",
                    "A code was sent less than " + resendCooldown.toSeconds() + " seconds ago; check your inbox.");
        }
        onboarding.resendVerification(user.get().id());
    }

    private void rejectUnusable(Verification verification) {
        if (verification.consumedAt() != null) {
            throw invalidCode();
        }
        if (!verification.expiresAt().isAfter(OffsetDateTime.now(clock))) {
            throw new ApiProblem(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "code-expired",
                    "Code expired",
                    "This code has expired; request a new one.");
        }
        if (verification.attempts() >= MAX_ATTEMPTS) {
            throw new ApiProblem(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "too-many-attempts",
                    "Too many attempts",
                    "Too many wrong codes; request a new one.");
        }
    }

    private void complete(Verification verification) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        boolean verified = Boolean.TRUE.equals(transactions.execute(status -> {
            if (!verifications.consume(verification.id(), MAX_ATTEMPTS, now)) {
                return false;
            }
            users.markVerified(verification.userId(), now);
            auditLog.append(
                    "user:" + verification.userId(),
                    "user",
                    verification.userId().toString(),
                    UserStatus.VERIFIED.name(),
                    "{}");
            return true;
        }));
        if (!verified) {
            throw invalidCode(); // used, expired or out of attempts in the meantime
        }
        log.info("User {} verified their email", verification.userId());
        advanceOnboarding(verification.userId());
    }

    private void advanceOnboarding(UUID userId) {
        try {
            onboarding.advance(userId, OnboardingWorkflow::emailVerified);
        } catch (RuntimeException e) {
            log.warn("User {} is verified, but onboarding could not be told", userId, e);
            throw new ApiProblem(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "onboarding-unavailable",
                    "Try again",
                    "Your email is verified; the next step could not be prepared. Send the same request again.");
        }
    }

    private static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    private static ApiProblem invalidCode() {
        return new ApiProblem(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "invalid-code",
                "Wrong code",
                "The code is wrong or no longer valid.");
    }
}
