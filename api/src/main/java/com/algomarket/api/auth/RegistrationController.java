package com.algomarket.api.auth;

import com.algomarket.api.Roles;
import com.algomarket.api.abuse.AbuseAction;
import com.algomarket.api.abuse.AbuseLimiter;
import com.algomarket.workflows.users.UserStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.UUID;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
@ConditionalOnBooleanProperty(Roles.API_PROPERTY)
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class RegistrationController {

    private final RegistrationService registration;
    private final AbuseLimiter limits;

    record RegisterResponse(UUID userId, UserStatus status, String workflowId) {}

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    RegisterResponse register(@Valid @RequestBody RegisterRequest request, HttpServletRequest http) {
        limits.acquire(AbuseAction.REGISTER, http, request.email());
        RegistrationService.Registered registered = registration.register(request);
        return new RegisterResponse(registered.userId(), registered.status(), registered.workflowId());
    }
}
