package com.algomarket.api.signals;

import static com.algomarket.api.auth.SignedInUser.userId;

import com.algomarket.api.Roles;
import com.algomarket.api.problem.ApiProblem;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.orders.TimeInForce;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import java.util.UUID;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@ConditionalOnBooleanProperty(Roles.API_PROPERTY)
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class SignalsController {

    private final SignalService signals;

    /** No amount of a signal is above this; the bound keeps every amount a valid NUMERIC of the order tables. */
    private static final String MAX_AMOUNT = "1000000000000";

    private static final String ABOVE_ZERO = "must be above 0";

    /**
     * Exactly one of the two: a fraction of each portfolio, or the same quantity for every portfolio. The ranges are
     * constraints (shown in the OpenAPI document); which fields go together, SignalService checks.
     */
    public record Sizing(
            @Positive(message = "must be above 0 and at most 1")
            @DecimalMax(value = "1", message = "must be above 0 and at most 1")
            BigDecimal portfolioFraction,

            @Positive(message = ABOVE_ZERO) @DecimalMax(MAX_AMOUNT)
            BigDecimal quantity) {}

    public record SignalRequest(
            @NotBlank String symbol,
            @NotNull Side side,
            @NotNull OrderType type,
            @NotNull @Valid Sizing sizing,

            @Positive(message = ABOVE_ZERO) @DecimalMax(MAX_AMOUNT)
            BigDecimal limitPrice,

            @Positive(message = ABOVE_ZERO) @DecimalMax(MAX_AMOUNT)
            BigDecimal stopPrice,

            TimeInForce timeInForce,
            @Min(1) @Max(SignalService.MAX_TIMEOUT_SECONDS) Integer timeoutSeconds,

            // A TRAILING_STOP's distance (a fraction: 0.02 is 2 %, or an amount) and the price that arms it.
            @Positive(message = ABOVE_ZERO) @DecimalMax(value = "1", inclusive = false)
            BigDecimal trailingPct,

            @Positive(message = ABOVE_ZERO) @DecimalMax(MAX_AMOUNT)
            BigDecimal trailingAmount,

            @Positive(message = ABOVE_ZERO) @DecimalMax(MAX_AMOUNT)
            BigDecimal activationPrice) {

        /** A request of any type but TRAILING_STOP. */
        public SignalRequest(
                String symbol,
                Side side,
                OrderType type,
                Sizing sizing,
                BigDecimal limitPrice,
                BigDecimal stopPrice,
                TimeInForce timeInForce,
                Integer timeoutSeconds) {
            this(symbol, side, type, sizing, limitPrice, stopPrice, timeInForce, timeoutSeconds, null, null, null);
        }
    }

    public record SignalAccepted(UUID signalId, int portfolios) {}

    /**
     * An Idempotency-Key is required here, not only honoured: a signal retried after a lost answer without one would
     * trade every subscribed portfolio twice.
     */
    @PostMapping("/api/v1/algorithms/{id}/signals")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize("hasAnyRole('DEVELOPER', '" + AlgorithmKeyPrincipal.ROLE + "')")
    SignalAccepted post(
            Authentication caller,
            @PathVariable UUID id,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @Valid @RequestBody SignalRequest request) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw new ApiProblem(
                    HttpStatus.BAD_REQUEST,
                    "idempotency-key-required",
                    "Idempotency-Key required",
                    "A signal must carry an Idempotency-Key header, so that a retried post cannot trade twice.");
        }
        return signals.post(developerId(caller, id), id, idempotencyKey, request);
    }

    /**
     * The developer a signal is posted for: the token's user, or the owner of the algorithm an API key belongs to. The
     * key's own filter refuses a key on another algorithm's path already; this keeps the rule where the signal is
     * taken, too.
     */
    private static UUID developerId(Authentication caller, UUID algorithmId) {
        return switch (caller.getPrincipal()) {
            case Jwt token -> userId(token);
            case AlgorithmKeyPrincipal key when key.algorithmId().equals(algorithmId) -> key.developerId();
            default ->
                throw new ApiProblem(
                        HttpStatus.FORBIDDEN,
                        "forbidden",
                        "Forbidden",
                        "This API key posts signals for its own algorithm only.");
        };
    }
}
