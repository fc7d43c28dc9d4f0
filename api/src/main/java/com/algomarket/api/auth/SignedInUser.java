package com.algomarket.api.auth;

import java.util.UUID;
import org.springframework.security.oauth2.jwt.Jwt;

/** Who a request's access token speaks for: the tokens {@link TokenService} issues name the user's id as subject. */
public final class SignedInUser {

    private SignedInUser() {}

    /** The id of the user the token was issued to. */
    public static UUID userId(Jwt token) {
        return UUID.fromString(token.getSubject());
    }
}
