package com.algomarket.api.developers;

import com.algomarket.api.abuse.AbuseAction;
import com.algomarket.api.abuse.AbuseLimiter;
import com.algomarket.api.problem.ApiProblem;
import com.algomarket.api.problem.ProblemWriter;
import com.algomarket.api.signals.AlgorithmKeyPrincipal;
import com.algomarket.db.developers.ApiKeyRepository;
import com.algomarket.db.developers.StoredApiKey;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer ak_...}: an algorithm's API key, valid on {@code POST
 * /api/v1/algorithms/<its algorithm>/signals} and nowhere else (401 elsewhere, 403 on another algorithm's signals). The
 * key is looked up on every request, so a revoked or expired key fails on its next use; uses are rate limited per key
 * (429 {@code rate-limited} with Retry-After). Other bearer tokens pass untouched to the JWT filter after this one.
 */
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
@Slf4j
public final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final Pattern SIGNALS_PATH = Pattern.compile("/api/v1/algorithms/([0-9a-fA-F-]{36})/signals/?");
    /** lastUsedAt is exact to a minute: a busy key does not write its row on every signal. */
    private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

    private final ApiKeyRepository keys;
    private final AbuseLimiter rateLimits;
    private final ProblemWriter problems;
    private final Clock clock;

    /** The presented API key, or null when the request carries no {@code Bearer ak_...}. */
    static String presentedKey(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).strip();
        return token.startsWith(ApiKeyFormat.PREFIX) ? token : null;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return presentedKey(request) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher signals = SIGNALS_PATH.matcher(request.getRequestURI());
        if (!"POST".equals(request.getMethod()) || !signals.matches()) {
            unauthenticated(response, "An algorithm API key posts signals only; other endpoints take a login token.");
            return;
        }
        StoredApiKey key;
        try {
            key = valid(presentedKey(request)).orElse(null);
        } catch (DataAccessException e) {
            log.warn("Could not check an API key", e);
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            problems.write(
                    response,
                    new ApiProblem(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            "service-unavailable",
                            "Service unavailable",
                            "API keys cannot be checked right now; retry shortly."));
            return;
        }
        if (key == null) {
            unauthenticated(response, "The API key is unknown, revoked or expired.");
            return;
        }
        if (!key.algorithmId().toString().equalsIgnoreCase(signals.group(1))) {
            problems.write(
                    response,
                    new ApiProblem(
                            HttpStatus.FORBIDDEN,
                            "forbidden",
                            "Forbidden",
                            "This API key posts signals for its own algorithm only."));
            return;
        }
        try {
            // The key is the "account" of its limit; its address is not limited (a strategy server posts for many).
            rateLimits.acquire(AbuseAction.KEY_SIGNAL, (String) null, key.id().toString());
        } catch (ApiProblem refused) {
            problems.write(response, refused);
            return;
        }
        recordUse(key);
        SecurityContext context =
                SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
        context.setAuthentication(
                new KeyAuthentication(new AlgorithmKeyPrincipal(key.id(), key.algorithmId(), key.developerId())));
        SecurityContextHolder.getContextHolderStrategy().setContext(context);
        chain.doFilter(request, response);
    }

    /** The stored key the presented one is, if it exists, matches its hash and is neither revoked nor expired. */
    private Optional<StoredApiKey> valid(String presented) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return ApiKeyFormat.parse(presented)
                .flatMap(format -> keys.findByLookupPrefix(format.lookupPrefix())
                        .filter(stored -> Secrets.sameHash(stored.keyHash(), format.hash()))
                        .filter(stored -> stored.revokedAt() == null)
                        .filter(stored ->
                                stored.expiresAt() == null || stored.expiresAt().isAfter(now)));
    }

    private void recordUse(StoredApiKey key) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime stale = now.minus(LAST_USED_GRANULARITY);
        if (key.lastUsedAt() == null || key.lastUsedAt().isBefore(stale)) {
            keys.touch(key.id(), now, stale);
        }
    }

    private void unauthenticated(HttpServletResponse response, String detail) throws IOException {
        problems.write(
                response,
                new ApiProblem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required", detail));
    }

    /** An authenticated API key; its name scopes Idempotency-Keys per key. */
    private static final class KeyAuthentication extends AbstractAuthenticationToken {

        private final AlgorithmKeyPrincipal principal;

        KeyAuthentication(AlgorithmKeyPrincipal principal) {
            super(List.of(new SimpleGrantedAuthority("ROLE_" + AlgorithmKeyPrincipal.ROLE)));
            this.principal = principal;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return principal;
        }

        @Override
        public String getName() {
            return principal.name();
        }
    }
}
