package com.algomarket.api.portfolios;

import static com.algomarket.api.auth.SignedInUser.userId;

import com.algomarket.api.Roles;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /kill}: every portfolio of the caller, all KILLED in one transaction. */
@RestController
@ConditionalOnBooleanProperty(Roles.API_PROPERTY)
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class KillAllController {

    private final KillSwitch killSwitch;

    @PostMapping("/api/v1/kill")
    @ResponseStatus(HttpStatus.ACCEPTED)
    PortfoliosController.Killed killAll(
            @AuthenticationPrincipal Jwt token,
            @RequestBody(required = false) PortfoliosController.KillRequest request) {
        return PortfoliosController.Killed.of(
                killSwitch.killAll(userId(token), request != null && request.flattenRequested()));
    }
}
