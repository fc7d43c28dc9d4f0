package com.algomarket.api.idempotency;

import com.algomarket.api.Roles;
import com.algomarket.api.abuse.ClientAddress;
import com.algomarket.api.problem.ApiProblem;
import com.algomarket.api.problem.ProblemWriter;
import com.algomarket.api.security.MasterKeys;
import com.algomarket.db.idempotency.IdempotencyRepository;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The {@code Idempotency-Key} convention of api.md for every POST: the first request with a key runs and its answer is
 * stored (encrypted); a retry with the same key and body gets that answer again, marked {@code Idempotent-Replayed},
 * and creates nothing; the same key with another body is refused; a retry while the first is still running gets 409.
 * An answer of 5xx or 429 is not stored, so that a retry after our failure, or after the Retry-After of an abuse
 * limit, runs again.
 *
 * <p>Runs after Spring Security, so keys are scoped per user: two users' keys never collide; callers without a token
 * are scoped by their IP address, so that one anonymous client can neither read nor block another's answer. The address
 * is the one the abuse limits count ({@link ClientAddress}): behind a trusted proxy, the client's, not the proxy's.
 *
 * <p>The body itself is never stored, only a keyed digest of it ({@link MasterKeys#requestDigest}): a database backup
 * cannot confirm a guessed body. {@code /auth/*} is not handled at all: its bodies carry passwords and its answers
 * access tokens, neither of which belongs in a store, and none of it needs a stored answer to be safe to retry. Login,
 * verification and resending create nothing, and a registration's retry cannot create a second account (the email is
 * unique; it answers {@code email-taken}). Rows older than {@link IdempotencyPurge}'s window are deleted.
 */
@Component
@ConditionalOnBooleanProperty(Roles.API_PROPERTY)
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String AUTH_PATHS = "/api/v1/auth/";
    private static final int MAX_KEY_LENGTH = 255;
    /** Larger bodies are refused by the controllers anyway; this bounds what is hashed and kept in memory. */
    private static final int MAX_BODY_BYTES = 1 << 20;

    private final IdempotencyRepository requests;
    private final MasterKeys cipher;
    private final ProblemWriter problems;
    private final ClientAddress clientAddress;

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || request.getHeader(HEADER) == null
                // Stripe's webhook deduplicates by event id.
                || request.getRequestURI().startsWith("/api/v1/payments/stripe/")
                || request.getRequestURI().startsWith(AUTH_PATHS);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH || !key.strip().equals(key)) {
            problems.write(
                    response,
                    ApiProblem.validationFailed(List.of(new ApiProblem.FieldError(
                            HEADER, "must be 1 to " + MAX_KEY_LENGTH + " characters without surrounding whitespace"))));
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            problems.write(
                    response,
                    new ApiProblem(
                            HttpStatus.CONTENT_TOO_LARGE,
                            "request-too-large",
                            "Request too large",
                            "The request body exceeds " + MAX_BODY_BYTES + " bytes."));
            return;
        }
        String scope = scope(request, clientAddress);
        String hash = cipher.requestDigest(body, context(scope, key));

        if (!requests.claim(scope, key, hash)) {
            replay(scope, key, hash, response);
            return;
        }
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        boolean stored = false;
        try {
            chain.doFilter(new ReplayedBodyRequest(request, body), recorded);
            if (recorded.getStatus() < 500 && recorded.getStatus() != HttpStatus.TOO_MANY_REQUESTS.value()) {
                requests.complete(
                        scope,
                        key,
                        recorded.getStatus(),
                        recorded.getContentType(),
                        cipher.encrypt(
                                new String(recorded.getContentAsByteArray(), StandardCharsets.UTF_8),
                                context(scope, key)));
                stored = true;
            }
        } finally {
            if (!stored) {
                requests.release(scope, key);
            }
            recorded.copyBodyToResponse();
        }
    }

    private void replay(String scope, String key, String hash, HttpServletResponse response) throws IOException {
        Optional<IdempotencyRepository.StoredRequest> stored = requests.find(scope, key);
        if (stored.isEmpty() || stored.get().status() == null) {
            problems.write(
                    response,
                    new ApiProblem(
                            HttpStatus.CONFLICT,
                            "idempotency-key-in-progress",
                            "Request in progress",
                            "A request with this Idempotency-Key is still running; retry shortly."));
            return;
        }
        if (!stored.get().requestHash().equals(hash)) {
            problems.write(
                    response,
                    new ApiProblem(
                            HttpStatus.UNPROCESSABLE_CONTENT,
                            "idempotency-key-reused",
                            "Idempotency-Key reused",
                            "This Idempotency-Key was used with a different request body."));
            return;
        }
        String body = cipher.decrypt(stored.get().body(), context(scope, key));
        response.setStatus(stored.get().status());
        response.setHeader("Idempotent-Replayed", "true");
        if (stored.get().contentType() != null) {
            response.setContentType(stored.get().contentType());
        }
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code <user id> POST <path>}, or {@code anonymous@<client IP> POST <path>} for a caller without a token. */
    static String scope(HttpServletRequest request, ClientAddress clientAddress) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String caller = authentication == null
                        || !authentication.isAuthenticated()
                        || authentication instanceof AnonymousAuthenticationToken
                // The client's address by the TRUSTED_PROXIES rule: the socket's peer, or what a trusted proxy says.
                ? "anonymous@" + clientAddress.of(request)
                : authentication.getName();
        return caller + " POST " + request.getRequestURI();
    }

    private static String context(String scope, String key) {
        return "idempotent_requests/" + scope + "/" + key;
    }

    /** The request with its body read once here and served again to the controller. */
    private static final class ReplayedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        ReplayedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous only");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
