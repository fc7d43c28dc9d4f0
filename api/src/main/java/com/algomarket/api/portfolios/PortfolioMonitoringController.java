package com.algomarket.api.portfolios;

import static com.algomarket.api.auth.SignedInUser.userId;

import com.algomarket.api.Roles;
import com.algomarket.db.orders.OrderQueries;
import com.algomarket.db.orders.PortfolioPosition;
import com.algomarket.db.portfolios.Portfolio;
import com.algomarket.workflows.portfolios.PortfolioStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a user watches: each portfolio's value and PnL at the venue's last price, and its positions. Orders and
 * trades are the orders feature's ({@code OrdersController}). Another user's portfolio is not found (404).
 */
@RestController
@RequestMapping("/api/v1/portfolios")
@ConditionalOnBooleanProperty(Roles.API_PROPERTY)
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class PortfolioMonitoringController {

    /** Amounts are answered with at most this many decimals, the precision the database keeps. */
    private static final int SCALE = 18;

    private final OwnedPortfolios portfolios;
    private final OrderQueries queries;
    private final PortfolioValuation valuation;

    /**
     * The portfolio with its valuation. {@code value} and {@code unrealizedPnl} are null, and
     * {@code pricesUnavailable} true, when a held symbol's last price could not be read; {@code pricesAsOf} is when
     * the oldest price it was valued at was known (null when nothing held needed a price).
     */
    record PortfolioOverview(
            UUID id,
            PortfolioStatus status,
            String statusReason,
            String size,
            String quoteCurrency,
            String value,
            String unrealizedPnl,
            String realizedPnl,
            boolean pricesUnavailable,
            OffsetDateTime pricesAsOf,
            UUID connectionId,
            UUID purchaseId,
            UUID algorithmId,
            boolean acceptsNewEntries,
            OffsetDateTime createdAt) {

        static PortfolioOverview of(Portfolio p, PortfolioValuation.Valuation v) {
            return new PortfolioOverview(
                    p.id(),
                    p.status(),
                    p.statusReason(),
                    plain(p.size()),
                    p.quoteCurrency(),
                    plain(v.value()),
                    plain(v.unrealizedPnl()),
                    plain(v.realizedPnl()),
                    v.pricesUnavailable(),
                    v.pricesAsOf(),
                    p.connectionId(),
                    p.purchaseId(),
                    p.algorithmId(),
                    p.acceptsNewEntries(),
                    p.createdAt());
        }
    }

    /**
     * A position; {@code lastPrice} (known as of {@code lastPriceAsOf}) only for what is held, null (with
     * unrealizedPnl) when it could not be read.
     */
    record PositionView(
            String symbol,
            String quantity,
            String averageCost,
            String realizedPnl,
            String lastPrice,
            OffsetDateTime lastPriceAsOf,
            String unrealizedPnl,
            OffsetDateTime updatedAt) {

        static PositionView of(PortfolioValuation.ValuedPosition valued) {
            PortfolioPosition p = valued.position();
            return new PositionView(
                    p.symbol(),
                    plain(p.quantity()),
                    plain(p.averageCost()),
                    plain(p.realizedPnl()),
                    plain(valued.lastPrice()),
                    valued.lastPriceAsOf(),
                    plain(valued.unrealizedPnl()),
                    p.updatedAt());
        }
    }

    @GetMapping
    List<PortfolioOverview> list(@AuthenticationPrincipal Jwt token) {
        List<Portfolio> owned = portfolios.list(userId(token));
        Map<UUID, List<PortfolioPosition>> positions =
                queries.positionsOf(owned.stream().map(Portfolio::id).toList());
        PortfolioValuation.PricesRead prices = valuation.newRequest();
        return owned.stream()
                .map(p ->
                        PortfolioOverview.of(p, valuation.value(p, positions.getOrDefault(p.id(), List.of()), prices)))
                .toList();
    }

    @GetMapping("/{id}")
    PortfolioOverview get(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
        Portfolio portfolio = portfolios.find(userId(token), id);
        return PortfolioOverview.of(
                portfolio, valuation.value(portfolio, queries.positions(id), valuation.newRequest()));
    }

    @GetMapping("/{id}/positions")
    List<PositionView> positions(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
        Portfolio portfolio = portfolios.find(userId(token), id);
        return valuation.value(portfolio, queries.positions(id), valuation.newRequest()).positions().stream()
                .map(PositionView::of)
                .toList();
    }

    /** Plain notation without trailing zeros, at most {@link #SCALE} decimals; null stays null. */
    static String plain(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        BigDecimal bounded = amount.scale() > SCALE ? amount.setScale(SCALE, RoundingMode.HALF_EVEN) : amount;
        return bounded.stripTrailingZeros().toPlainString();
    }
}
