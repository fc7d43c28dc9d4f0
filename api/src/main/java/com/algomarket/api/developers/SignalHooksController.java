package com.algomarket.api.developers;

import static com.algomarket.api.auth.SignedInUser.userId;

import com.algomarket.api.Roles;
import com.algomarket.api.problem.ApiProblem;
import com.algomarket.api.signals.SignalService;
import com.algomarket.api.signals.SignalsController.SignalAccepted;
import com.algomarket.api.signals.SignalsController.SignalRequest;
import com.algomarket.db.audit.AuditLog;
import com.algomarket.db.developers.SignalHook;
import com.algomarket.db.developers.SignalHookRepository;
import com.algomarket.db.developers.SignalHookRepository.AlertClaim;
import com.algomarket.db.store.Algorithm;
import com.algomarket.db.store.AlgorithmRepository;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signal hooks: a secret URL per algorithm that takes TradingView-style alerts and turns each into a signal, exactly as
 * the signal endpoint does. The URL's token is the credential: only its hash is stored, rotating it replaces the hash
 * (the old URL answers 404 at once), and an unknown token answers 404 having written nothing. Alert senders retry, so
 * the same alert within {@link #REPEAT_WINDOW} is one signal.
 */
@RestController
@ConditionalOnBooleanProperty(Roles.API_PROPERTY)
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class SignalHooksController {

    static final Duration REPEAT_WINDOW = Duration.ofSeconds(60);
    private static final String TOKEN_PREFIX = "sh_";
    private static final Pattern TOKEN_SHAPE = Pattern.compile("sh_[A-Za-z0-9_-]{43}");
    /** Numbers stay exact: 0.1 must not become 0.1000000000000000055 on its way to an order. */
    private static final JsonMapper ALERTS = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final OwnedAlgorithms owned;
    private final AlgorithmRepository algorithms;
    private final SignalHookRepository hooks;
    private final SignalService signals;
    private final AuditLog auditLog;
    private final Validator validator;

    /** The sizing used for alerts that carry none; without it such alerts are refused. */
    record DefaultSizing(
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("1")
            BigDecimal portfolioFraction,

            @DecimalMin(value = "0", inclusive = false) BigDecimal quantity) {}

    record HookRequest(@Valid DefaultSizing defaultSizing) {}

    record HookCreated(
            UUID algorithmId, String token, String url, OffsetDateTime rotatedAt, DefaultSizing defaultSizing) {}

    /** Creates the algorithm's hook, or rotates its token: each call answers a new URL and ends the previous one. */
    @PostMapping("/api/v1/algorithms/{id}/signal-hook")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('DEVELOPER')")
    HookCreated rotate(
            @AuthenticationPrincipal Jwt token,
            @PathVariable UUID id,
            @Valid @RequestBody(required = false) HookRequest request) {
        UUID developerId = userId(token);
        Algorithm algorithm = owned.find(developerId, id);
        DefaultSizing sizing = request == null ? null : request.defaultSizing();
        if (sizing != null && (sizing.portfolioFraction() == null) == (sizing.quantity() == null)) {
            throw ApiProblem.validationFailed(List.of(
                    new ApiProblem.FieldError("defaultSizing", "give exactly one of portfolioFraction and quantity")));
        }
        String secret = TOKEN_PREFIX + Secrets.random(32);
        SignalHook hook = hooks.rotate(
                algorithm.id(),
                Secrets.sha256(secret),
                sizing == null ? null : sizing.portfolioFraction(),
                sizing == null ? null : sizing.quantity());
        auditLog.append(
                "user:" + developerId,
                "signal_hook",
                hook.id().toString(),
                "TOKEN_ROTATED",
                Map.of("algorithmId", algorithm.id()));
        String url = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/hooks/signals/{token}")
                .buildAndExpand(secret)
                .toUriString();
        return new HookCreated(algorithm.id(), secret, url, hook.rotatedAt(), sizing);
    }

    record HookAccepted(UUID signalId, int portfolios, boolean repeated) {}

    /**
     * Takes an alert. The body is read as text whatever its content type: TradingView posts JSON as text/plain.
     * Everything is checked before anything is written; then the alert is claimed by its hook and canonical form (a
     * unique key, so concurrent repeats make one signal) and the signal is stored and started.
     */
    @PostMapping("/api/v1/hooks/signals/{token}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    HookAccepted alert(@PathVariable String token, @RequestBody(required = false) String body) {
        SignalHook hook = (TOKEN_SHAPE.matcher(token).matches()
                        ? hooks.findByTokenHash(Secrets.sha256(token))
                        : java.util.Optional.<SignalHook>empty())
                .orElseThrow(() -> new ApiProblem(
                        HttpStatus.NOT_FOUND,
                        "hook-not-found",
                        "Hook not found",
                        "No signal hook has this URL; it may have been rotated."));
        Algorithm algorithm = algorithms.find(hook.algorithmId()).orElseThrow();
        SignalRequest request = constrained(HookAlert.read(parse(body), algorithm.symbols(), hook));
        SignalService.Checked checked = signals.check(algorithm.developerId(), algorithm.id(), request);

        String alertHash = Secrets.sha256(hook.id() + "\n" + HookAlert.canonical(checked.request()));
        AlertClaim claim = hooks.claimAlert(hook.id(), alertHash, UUID.randomUUID(), REPEAT_WINDOW);
        if (!claim.first()) {
            return new HookAccepted(claim.signalId(), signals.portfolios(algorithm.id()), true);
        }
        try {
            SignalAccepted accepted = signals.accept(checked, claim.signalId(), "hook:" + claim.signalId());
            return new HookAccepted(accepted.signalId(), accepted.portfolios(), false);
        } catch (RuntimeException e) {
            hooks.releaseAlert(hook.id(), alertHash, claim.signalId());
            throw e;
        }
    }

    /**
     * The alert's request under the constraints the signal endpoint checks with {@code @Valid} (amounts above zero, a
     * trailing fraction below 1): an alert is read by hand, not bound, and must not get around them.
     */
    private SignalRequest constrained(SignalRequest request) {
        List<ApiProblem.FieldError> errors = validator.validate(request).stream()
                .map(violation ->
                        new ApiProblem.FieldError(violation.getPropertyPath().toString(), violation.getMessage()))
                .distinct()
                .sorted(Comparator.comparing(ApiProblem.FieldError::field))
                .toList();
        if (!errors.isEmpty()) {
            throw ApiProblem.validationFailed(errors);
        }
        return request;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new ApiProblem(
                    HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request", "The alert body is empty.");
        }
        try {
            return ALERTS.readTree(body);
        } catch (JacksonException e) {
            throw new ApiProblem(
                    HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request", "The alert body is not JSON.");
        }
    }
}
