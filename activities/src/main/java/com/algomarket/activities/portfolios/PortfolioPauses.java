package com.algomarket.activities.portfolios;

import com.algomarket.db.audit.AuditLog;
import com.algomarket.db.portfolios.Portfolio;
import com.algomarket.db.portfolios.PortfolioRepository;
import com.algomarket.workflows.portfolios.PortfolioStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.stereotype.Component;

/**
 * Pauses portfolios for the system (a reconciliation mismatch, a key the exchange refused): ACTIVE ones only, with the
 * reason on the portfolio (which the user reads) and in the audit log. The user resumes them.
 */
@Component
@RequiredArgsConstructor
@Slf4j
public class PortfolioPauses {

    /** The portfolio's status_reason holds this much; the audit log keeps all of it. */
    private static final int MAX_REASON = 1_000;

    private final PortfolioRepository portfolios;
    private final AuditLog auditLog;

    /** Pauses each of {@code candidates} that is ACTIVE; answers those it paused. */
    public List<Portfolio> pauseActive(String actor, List<Portfolio> candidates, String reason) {
        List<Portfolio> paused = new ArrayList<>();
        for (Portfolio portfolio : candidates) {
            if (portfolios.changeStatus(
                    portfolio.id(),
                    portfolio.userId(),
                    List.of(PortfolioStatus.ACTIVE),
                    PortfolioStatus.PAUSED,
                    reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason)) {
                auditLog.append(
                        actor,
                        "portfolio",
                        portfolio.id().toString(),
                        PortfolioStatus.PAUSED.name(),
                        Map.of("reason", reason));
                log.warn("Portfolio {} paused: {}", portfolio.id(), reason);
                paused.add(portfolio);
            }
        }
        return paused;
    }
}
