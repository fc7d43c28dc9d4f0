package com.algomarket.api.auth;

import com.algomarket.api.Roles;
import com.algomarket.api.abuse.AbuseAction;
import com.algomarket.api.abuse.AbuseLimiter;
import com.algomarket.api.problem.ApiProblem;
import com.algomarket.db.users.UserRepository;
import com.algomarket.workflows.users.UserStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
@ConditionalOnBooleanProperty(Roles.API_PROPERTY)
class LoginController {

    /** Checked against when the email is unknown, so that unknown and known emails take the same time. */
    private final String decoyHash;

    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final TokenService tokens;
    private final AbuseLimiter limits;

    LoginController(UserRepository users, PasswordEncoder passwords, TokenService tokens, AbuseLimiter limits) {
        this.users = users;
        this.passwords = passwords;
        this.tokens = tokens;
        this.limits = limits;
        this.decoyHash = passwords.encode("decoy password that matches nothing");
    }

    record LoginRequest(
            @NotBlank @Size(max = 254) String email,
            @NotBlank @Size(max = 1024) String password) {}

    /**
     * Every attempt uses up one of the address's and one of the account's (the email's, known or not) attempts
     * before the password is checked, so a limited account refuses even the right password until its bucket refills;
     * a correct password gives the account's attempt back, so only failures count against it.
     */
    @PostMapping("/login")
    TokenService.AccessToken login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        limits.acquire(AbuseAction.LOGIN, http, request.email());
        UserRepository.LoginCandidate user = users.findForLogin(request.email()).orElse(null);
        boolean matches = passwords.matches(request.password(), user == null ? decoyHash : user.passwordHash());
        if (user == null || !matches || user.status() == UserStatus.DISABLED) {
            throw new ApiProblem(
                    HttpStatus.UNAUTHORIZED, "bad-credentials", "Bad credentials", "Email or password is wrong.");
        }
        limits.forgive(AbuseAction.LOGIN, request.email());
        if (user.status() != UserStatus.VERIFIED) {
            // An unverified user can only finish verification, which needs no token.
            throw new ApiProblem(
                    HttpStatus.FORBIDDEN,
                    "email-not-verified",
                    "Email not verified",
                    "Verify your email with the code or link we sent, then log in.");
        }
        return tokens.issue(user.id(), user.role());
    }
}
