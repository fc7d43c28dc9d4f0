package com.algomarket.api.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Whose keys are whose: a user's keys are theirs; callers without a token share keys only with their own IP. */
class IdempotencyFilterTest {

    @AfterEach
    void clearContext() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void givenAnonymousCallersFromTwoAddresses_whenScoped_thenTwoScopes() {
        SecurityContextHolder.getContext()
                .setAuthentication(new AnonymousAuthenticationToken(
                        "key", "anonymousUser", List.of(new SimpleGrantedAuthority("ROLE_ANONYMOUS"))));

        assertThat(IdempotencyFilter.scope(request("203.0.113.7")))
                .isEqualTo("anonymous@203.0.113.7 POST /api/v1/things");
        assertThat(IdempotencyFilter.scope(request("198.51.100.2")))
                .isEqualTo("anonymous@198.51.100.2 POST /api/v1/things");
    }

    @Test
    void givenNoAuthenticationAtAll_whenScoped_thenByAddress() {
        assertThat(IdempotencyFilter.scope(request("203.0.113.7"))).startsWith("anonymous@203.0.113.7 ");
    }

    @Test
    void givenAUser_whenScoped_thenTheirIdWhateverTheAddress() {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "3f1c2a9e-0000-4000-8000-000000000001", null, List.of()));

        assertThat(IdempotencyFilter.scope(request("203.0.113.7")))
                .isEqualTo(IdempotencyFilter.scope(request("198.51.100.2")))
                .isEqualTo("3f1c2a9e-0000-4000-8000-000000000001 POST /api/v1/things");
    }

    private static MockHttpServletRequest request(String remoteAddress) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/things");
        request.setRemoteAddr(remoteAddress);
        return request;
    }
}
