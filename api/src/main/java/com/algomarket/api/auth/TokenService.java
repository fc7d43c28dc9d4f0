package com.algomarket.api.auth;

import com.algomarket.workflows.users.UserRole;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Service;

/** Issues access tokens: subject = user id, {@code role} = USER or DEVELOPER. */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class TokenService {

    static final String ROLE_CLAIM = "role";

    private final JwtEncoder encoder;

    @Value("${algomarket.auth.token-lifetime:PT1H}")
    private final Duration lifetime;

    private final Clock clock;

    record AccessToken(String accessToken, String tokenType, long expiresIn) {}

    AccessToken issue(UUID userId, UserRole role) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(SecurityConfiguration.ISSUER)
                .subject(userId.toString())
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .id(UUID.randomUUID().toString())
                .claim(ROLE_CLAIM, role.name())
                .build();
        String token = encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        return new AccessToken(token, "Bearer", lifetime.toSeconds());
    }
}
