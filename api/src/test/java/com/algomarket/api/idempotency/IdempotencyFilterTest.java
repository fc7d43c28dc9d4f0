package com.algomarket.api.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.api.abuse.ClientAddress;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Whose keys are whose: a user's keys are theirs; callers without a token share keys only with their own IP, which
 * behind a trusted proxy is the address the proxy forwards, by the same rule as the abuse limits.
 */
class IdempotencyFilterTest {

    private static final ClientAddress NO_PROXY = new ClientAddress(List.of());
    private static final String PROXY = "10.0.0.5";
    private static final ClientAddress BEHIND_PROXY = new ClientAddress(List.of("10.0.0.0/8"));

    @AfterEach
    void clearContext() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void givenAnonymousCallersFromTwoAddresses_whenScoped_thenTwoScopes() {
        anonymous();

        assertThat(IdempotencyFilter.scope(request("203.0.113.7"), NO_PROXY))
                .isEqualTo("anonymous@203.0.113.7 POST /api/v1/things");
        assertThat(IdempotencyFilter.scope(request("198.51.100.2"), NO_PROXY))
                .isEqualTo("anonymous@198.51.100.2 POST /api/v1/things");
    }

    @Test
    void givenNoAuthenticationAtAll_whenScoped_thenByAddress() {
        assertThat(IdempotencyFilter.scope(request("203.0.113.7"), NO_PROXY)).startsWith("anonymous@203.0.113.7 ");
    }

    @Test
    void givenAnonymousCallersBehindATrustedProxy_whenScoped_thenEachByTheAddressTheProxyForwards() {
        anonymous();

        assertThat(IdempotencyFilter.scope(forwarded(PROXY, "203.0.113.7"), BEHIND_PROXY))
                .isEqualTo("anonymous@203.0.113.7 POST /api/v1/things");
        assertThat(IdempotencyFilter.scope(forwarded(PROXY, "198.51.100.2"), BEHIND_PROXY))
                .isEqualTo("anonymous@198.51.100.2 POST /api/v1/things");
    }

    @Test
    void givenAForwardedForFromAPeerThatIsNoTrustedProxy_whenScoped_thenThePeersAddressNotTheHeader() {
        anonymous();

        // A client naming another client's address in the header must not reach that client's answers.
        assertThat(IdempotencyFilter.scope(forwarded("198.51.100.2", "203.0.113.7"), BEHIND_PROXY))
                .isEqualTo("anonymous@198.51.100.2 POST /api/v1/things");
        assertThat(IdempotencyFilter.scope(forwarded(PROXY, "203.0.113.7"), NO_PROXY))
                .isEqualTo("anonymous@" + PROXY + " POST /api/v1/things");
    }

    @Test
    void givenAUser_whenScoped_thenTheirIdWhateverTheAddress() {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "3f1c2a9e-0000-4000-8000-000000000001", null, List.of()));

        assertThat(IdempotencyFilter.scope(request("203.0.113.7"), NO_PROXY))
                .isEqualTo(IdempotencyFilter.scope(forwarded(PROXY, "198.51.100.2"), BEHIND_PROXY))
                .isEqualTo("3f1c2a9e-0000-4000-8000-000000000001 POST /api/v1/things");
    }

    private static void anonymous() {
        SecurityContextHolder.getContext()
                .setAuthentication(new AnonymousAuthenticationToken(
                        "key", "anonymousUser", List.of(new SimpleGrantedAuthority("ROLE_ANONYMOUS"))));
    }

    private static MockHttpServletRequest request(String remoteAddress) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/things");
        request.setRemoteAddr(remoteAddress);
        return request;
    }

    private static MockHttpServletRequest forwarded(String peer, String forwardedFor) {
        MockHttpServletRequest request = request(peer);
        request.addHeader("X-Forwarded-For", forwardedFor);
        return request;
    }
}
