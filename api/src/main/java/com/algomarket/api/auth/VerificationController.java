package com.algomarket.api.auth;

import com.algomarket.api.Roles;
import com.algomarket.api.abuse.AbuseAction;
import com.algomarket.api.abuse.AbuseLimiter;
import com.algomarket.workflows.users.UserStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
@ConditionalOnBooleanProperty(Roles.API_PROPERTY)
@Validated
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class VerificationController {

    private final VerificationService verification;
    private final AbuseLimiter limits;

    record VerifyRequest(
            @NotBlank @Email @Size(max = 254) String email,

            @NotBlank @Pattern(regexp = "\\d{6}", message = "must be the 6 digits from the email")
            String code) {}

    record Verified(UserStatus status) {}

    record ResendRequest(@NotBlank @Email @Size(max = 254) String email) {}

    @PostMapping("/verify")
    Verified verify(@Valid @RequestBody VerifyRequest request, HttpServletRequest http) {
        limits.acquire(AbuseAction.VERIFY, http, request.email());
        verification.verifyCode(request.email(), request.code());
        return new Verified(UserStatus.VERIFIED);
    }

    @GetMapping("/verify")
    Verified verifyLink(@RequestParam @NotBlank @Size(max = 200) String token, HttpServletRequest http) {
        // A link names no account: only its address is counted (the token's 256 bits are not guessable anyway).
        limits.acquire(AbuseAction.VERIFY, http, null);
        verification.verifyToken(token);
        return new Verified(UserStatus.VERIFIED);
    }

    @PostMapping("/resend-verification")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void resend(@Valid @RequestBody ResendRequest request, HttpServletRequest http) {
        limits.acquire(AbuseAction.RESEND, http, request.email());
        verification.resend(request.email());
    }
}
