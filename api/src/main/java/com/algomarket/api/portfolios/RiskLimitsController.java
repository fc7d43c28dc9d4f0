package com.algomarket.api.portfolios;

import static com.algomarket.api.auth.SignedInUser.userId;

import com.algomarket.api.Roles;
import com.algomarket.db.audit.AuditLog;
import com.algomarket.db.portfolios.Portfolio;
import com.algomarket.db.portfolios.PortfolioRepository;
import com.algomarket.db.portfolios.RiskDefaults;
import com.algomarket.db.portfolios.RiskLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A portfolio's pre-trade risk limits: {@code own} as the user set them (null: the default), {@code effective} as the
 * risk check applies them. Checked before every order; a change applies to the next order.
 */
@RestController
@ConditionalOnBooleanProperty(Roles.API_PROPERTY)
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class RiskLimitsController {

    private final OwnedPortfolios owned;
    private final PortfolioRepository portfolios;
    private final RiskDefaults defaults;
    private final AuditLog auditLog;

    record Limits(
            @Positive @DecimalMax("1000000000000") @Digits(integer = 13, fraction = 8)
            BigDecimal maxOrderNotional,

            @Positive @DecimalMax("1000000000000") @Digits(integer = 13, fraction = 8)
            BigDecimal maxPositionNotional,

            @Positive @Max(10_000) Integer maxOrdersPerMinute,

            @Positive @DecimalMax("1000000000000") @Digits(integer = 13, fraction = 8)
            BigDecimal dailyLossLimit) {

        static Limits of(RiskLimits limits) {
            return new Limits(
                    limits.maxOrderNotional(),
                    limits.maxPositionNotional(),
                    limits.maxOrdersPerMinute(),
                    limits.dailyLossLimit());
        }

        RiskLimits toRiskLimits() {
            return new RiskLimits(maxOrderNotional, maxPositionNotional, maxOrdersPerMinute, dailyLossLimit);
        }
    }

    record RiskView(UUID portfolioId, Limits own, Limits effective) {}

    @GetMapping("/api/v1/portfolios/{id}/risk")
    RiskView get(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
        return view(owned.find(userId(token), id));
    }

    @PutMapping("/api/v1/portfolios/{id}/risk")
    RiskView put(@AuthenticationPrincipal Jwt token, @PathVariable UUID id, @Valid @RequestBody Limits limits) {
        UUID userId = userId(token);
        Portfolio portfolio = owned.find(userId, id);
        portfolios.setRiskLimits(portfolio.id(), userId, limits.toRiskLimits());
        auditLog.append(
                "user:" + userId, "portfolio", id.toString(), "RISK_LIMITS", Map.of("limits", limits.toString()));
        return view(portfolio);
    }

    private RiskView view(Portfolio portfolio) {
        RiskLimits own = portfolios.riskLimits(portfolio.id());
        return new RiskView(portfolio.id(), Limits.of(own), Limits.of(own.orElse(defaults.forSize(portfolio.size()))));
    }
}
