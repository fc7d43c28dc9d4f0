package com.algomarket.api.auth;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

@Service
class RegistrationService {

    private static final Logger log = LoggerFactory.getLogger(RegistrationService.class);

    private final UserRepository users;
    private final AuditLog auditLog;
    private final OnboardingStarter onboarding;
    private final PasswordEncoder passwordEncoder;
    private final JsonMapper json;
    private final Clock clock;

    RegistrationService(
            UserRepository users,
            AuditLog auditLog,
            OnboardingStarter onboarding,
            PasswordEncoder passwordEncoder,
            JsonMapper json,
            Clock clock) {
        this.users = users;
        this.auditLog = auditLog;
        this.onboarding = onboarding;
        this.passwordEncoder = passwordEncoder;
        this.json = json;
        this.clock = clock;
    }

    record Registered(UUID userId, UserStatus status, String workflowId) {}

    /**
     * Stores the user and starts their onboarding workflow in one step: the workflow is started inside the
     * transaction, so a failed start leaves no user behind, and the workflow's first activity waits for the
     * transaction to end (see {@link UserRepository#lockRegistration}) so it never misses a user about to commit.
     * Should the commit fail after the start, the workflow finds no user and ends as USER_NOT_FOUND.
     */
    @Transactional
    public Registered register(RegisterRequest request) {
        rejectWeakPassword(request);
        rejectTaken(request);

        UUID userId = UUID.randomUUID();
        users.lockRegistration(userId);
        try {
            users.insert(new NewUser(
                    userId,
                    request.email(),
                    request.username(),
                    passwordEncoder.encode(request.password()),
                    UserRole.valueOf(request.role()),
                    json.writeValueAsString(request.notifications() == null ? Map.of() : request.notifications()),
                    OffsetDateTime.now(clock)));
        } catch (DuplicateKeyException raceWithAnotherRegistration) {
            rejectTaken(request);
            throw raceWithAnotherRegistration;
        }
        auditLog.append(
                "user:" + userId,
                "user",
                userId.toString(),
                "REGISTERED",
                json.writeValueAsString(Map.of("role", request.role())));

        String workflowId;
        try {
            workflowId = onboarding.start(userId);
        } catch (RuntimeException e) {
            log.warn("Could not start onboarding for new user {}; registration rolled back", userId, e);
            throw new ApiProblem(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "onboarding-unavailable",
                    "Registration is unavailable",
                    "Registration is unavailable right now; nothing was stored. " + "Try again in a minute.");
        }
        log.info("Registered user {} as {}; onboarding workflow {}", userId, request.role(), workflowId);
        return new Registered(userId, UserStatus.PENDING_VERIFICATION, workflowId);
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
