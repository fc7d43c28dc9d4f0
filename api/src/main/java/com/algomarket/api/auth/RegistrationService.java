package com.algomarket.api.auth;

import com.algomarket.api.onboarding.OnboardingClient;
import com.algomarket.api.onboarding.OnboardingStarter;
import com.algomarket.api.problem.ApiProblem;
import com.algomarket.db.audit.AuditLog;
import com.algomarket.db.users.NewUser;
import com.algomarket.db.users.UserRepository;
import com.algomarket.workflows.users.UserRole;
import com.algomarket.workflows.users.UserStatus;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
@Slf4j
class RegistrationService {

    private final UserRepository users;
    private final AuditLog auditLog;
    private final OnboardingStarter onboarding;
    private final PasswordEncoder passwordEncoder;
    private final JsonMapper json;
    private final TransactionTemplate transactions;
    private final Clock clock;

    record Registered(UUID userId, UserStatus status, String workflowId) {}

    /**
     * Hashes the password, stores the user in a short transaction, then starts the onboarding workflow, so that no
     * pooled connection is held through the (bounded, possibly waiting) Argon2 hash or the call to Temporal.
     *
     * <p>Order and failures: the hash comes first, so a busy hasher (503) or a taken email (409) writes nothing. The
     * user row commits before the workflow starts, so the workflow's first activity always finds it. The workflow id
     * is the user's ({@code onboarding-<userId>}, reuse rejected), so a start can never make a second workflow. If the
     * start fails, the row is deleted again and the answer is 503 ("try again"): no row without a workflow remains.
     * Two leftovers remain possible and both end well: a start that reached Temporal although the client saw a
     * failure finds no user and ends USER_NOT_FOUND (as before); and if the delete fails too (the database went away
     * with Temporal), the pending user stays, and resend-verification starts their missing workflow
     * ({@link OnboardingClient#resendVerification}), which a retried registration's 409 "email taken" leads to.
     */
    public Registered register(RegisterRequest request) {
        rejectWeakPassword(request);
        rejectTaken(request);
        String passwordHash = passwordEncoder.encode(request.password());

        UUID userId = UUID.randomUUID();
        try {
            transactions.executeWithoutResult(status -> {
                users.insert(new NewUser(
                        userId,
                        request.email(),
                        request.username(),
                        passwordHash,
                        UserRole.valueOf(request.role()),
                        json.writeValueAsString(request.notifications() == null ? Map.of() : request.notifications()),
                        OffsetDateTime.now(clock)));
                auditLog.append(
                        "user:" + userId,
                        "user",
                        userId.toString(),
                        "REGISTERED",
                        json.writeValueAsString(Map.of("role", request.role())));
            });
        } catch (DuplicateKeyException raceWithAnotherRegistration) {
            rejectTaken(request);
            throw raceWithAnotherRegistration;
        }

        String workflowId;
        try {
            workflowId = onboarding.start(userId);
        } catch (RuntimeException e) {
            log.warn("Could not start onboarding for new user {}; removing the registration", userId, e);
            abandon(userId);
            throw new ApiProblem(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "onboarding-unavailable",
                    "Registration is unavailable",
                    "Registration is unavailable right now; nothing was stored. Try again in a minute.");
        }
        log.info("Registered user {} as {}; onboarding workflow {}", userId, request.role(), workflowId);
        return new Registered(userId, UserStatus.PENDING_VERIFICATION, workflowId);
    }

    /** Deletes a registration whose workflow did not start; what cannot be deleted is repaired later (see above). */
    private void abandon(UUID userId) {
        try {
            transactions.executeWithoutResult(status -> {
                if (users.deleteUnverified(userId)) {
                    auditLog.append("user:" + userId, "user", userId.toString(), "REGISTRATION_ABANDONED", "{}");
                }
            });
        } catch (RuntimeException e) {
            log.error(
                    "Could not remove user {} after the failed start; should no workflow run for them, their "
                            + "resend-verification starts it",
                    userId,
                    e);
        }
    }

    private static void rejectWeakPassword(RegisterRequest request) {
        String password = request.password().toLowerCase(Locale.ROOT);
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        if (password.contains(request.username().toLowerCase(Locale.ROOT))
                || password.contains(
                        UserRepository.normaliseEmail(request.email()).split("@")[0])) {
            errors.add(new ApiProblem.FieldError("password", "must not contain the username or email"));
        }
        if (password.chars().distinct().count() < 5) {
            errors.add(new ApiProblem.FieldError("password", "must use at least 5 different characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.validationFailed(errors);
        }
    }

    private void rejectTaken(RegisterRequest request) {
        if (users.emailTaken(request.email())) {
            throw new ApiProblem(
                    HttpStatus.CONFLICT,
                    "email-taken",
                    "Email already registered",
                    "An account with this email exists. Log in, or reset the password.");
        }
        if (users.usernameTaken(request.username())) {
            throw new ApiProblem(
                    HttpStatus.CONFLICT, "username-taken", "Username taken", "This username is taken; choose another.");
        }
    }
}
