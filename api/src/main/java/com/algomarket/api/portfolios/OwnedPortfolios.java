package com.algomarket.api.portfolios;

import com.algomarket.api.problem.ApiProblem;
import com.algomarket.db.portfolios.Portfolio;
import com.algomarket.db.portfolios.PortfolioRepository;
import java.util.List;
import java.util.UUID;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

/** A user's own portfolios: another user's portfolio answers 404, as a missing one does. */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class OwnedPortfolios {

    private final PortfolioRepository portfolios;

    /** Every portfolio of the user, closed ones included. */
    List<Portfolio> list(UUID userId) {
        return portfolios.findByUser(userId);
    }

    /** The user's portfolio, or 404 {@code portfolio-not-found}. */
    public Portfolio find(UUID userId, UUID portfolioId) {
        return portfolios
                .findForUser(portfolioId, userId)
                .orElseThrow(() -> ApiProblem.notFound("portfolio", portfolioId));
    }
}
