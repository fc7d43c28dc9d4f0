package com.algomarket.api.portfolios;

import static com.algomarket.api.Decimals.plain;
import static com.algomarket.api.auth.SignedInUser.userId;

import com.algomarket.api.Roles;
import com.algomarket.db.portfolios.Portfolio;
import com.algomarket.workflows.portfolios.PortfolioStatus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/portfolios")
@ConditionalOnBooleanProperty(Roles.API_PROPERTY)
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class PortfoliosController {

    private final PortfolioService portfolios;
    private final KillSwitch killSwitch;

    record CreateRequest(
            @NotNull UUID purchaseId,
            @NotNull UUID connectionId,

            @NotNull @Positive @DecimalMax("1000000000") @Digits(integer = 10, fraction = 8)
            BigDecimal size) {}

    /** The portfolio as stored; the reads add its value and PnL (PortfolioMonitoringController.PortfolioOverview). */
    record PortfolioView(
            UUID id,
            PortfolioStatus status,
            String statusReason,
            String size,
            String quoteCurrency,
            UUID connectionId,
            UUID purchaseId,
            UUID algorithmId,
            boolean acceptsNewEntries,
            OffsetDateTime createdAt) {

        static PortfolioView of(Portfolio p) {
            return new PortfolioView(
                    p.id(),
                    p.status(),
                    p.statusReason(),
                    plain(p.size()),
                    p.quoteCurrency(),
                    p.connectionId(),
                    p.purchaseId(),
                    p.algorithmId(),
                    p.acceptsNewEntries(),
                    p.createdAt());
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    PortfolioView create(@AuthenticationPrincipal Jwt token, @Valid @RequestBody CreateRequest request) {
        return PortfolioView.of(
                portfolios.create(userId(token), request.purchaseId(), request.connectionId(), request.size()));
    }

    // GET /portfolios and /portfolios/{id} answer the valued overview: PortfolioMonitoringController.

    /**
     * {@code cancelled}: the open orders whose workflow was asked to cancel; {@code unreachable}: the open orders whose
     * workflow could not be asked (the portfolio is KILLED all the same, and the workflow cancels by itself when it
     * next wakes).
     */
    record Killed(int cancelled, List<UUID> unreachable) {

        static Killed of(KillSwitch.Outcome outcome) {
            return new Killed(outcome.cancelled(), outcome.unreachable());
        }
    }

    /** {@code flatten}: once the open orders are final, sell every position at market. */
    record KillRequest(Boolean flatten) {

        boolean flattenRequested() {
            return Boolean.TRUE.equals(flatten);
        }
    }

    @PostMapping("/{id}/kill")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Killed kill(
            @AuthenticationPrincipal Jwt token,
            @PathVariable UUID id,
            @RequestBody(required = false) KillRequest request) {
        return Killed.of(killSwitch.kill(userId(token), id, request != null && request.flattenRequested()));
    }

    @PostMapping("/{id}/pause")
    PortfolioView pause(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
        return PortfolioView.of(killSwitch.pause(userId(token), id));
    }

    @PostMapping("/{id}/resume")
    PortfolioView resume(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
        return PortfolioView.of(killSwitch.resume(userId(token), id));
    }
}
