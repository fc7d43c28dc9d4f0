package com.algomarket.api.onboarding;

import static com.algomarket.api.auth.SignedInUser.userId;

import com.algomarket.api.Roles;
import com.algomarket.workflows.onboarding.OnboardingStep;
import java.util.UUID;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/me")
@ConditionalOnBooleanProperty(Roles.API_PROPERTY)
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class MeController {

    private final OnboardingClient onboarding;

    record Onboarding(OnboardingStep step, String workflowId) {}

    @GetMapping("/onboarding")
    Onboarding onboarding(@AuthenticationPrincipal Jwt token) {
        UUID userId = userId(token);
        return new Onboarding(onboarding.currentStep(userId), onboarding.workflowId(userId));
    }
}
