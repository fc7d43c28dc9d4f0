package com.algomarket.activities.orders;

import com.algomarket.db.ledger.LedgerFunds;
import com.algomarket.db.ledger.LedgerRepository;
import com.algomarket.db.orders.NewOrder;
import com.algomarket.workflows.orders.RiskDecision;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.function.Function;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

/**
 * The pre-trade rules and the order's reservation, in one transaction under the portfolio's lock: the portfolio's own
 * ledger, net of what its other approved orders reserve, and this order's reservation when it passes. A second order
 * of the portfolio checked at the same moment waits for the lock, then sees this one's reservation.
 */
@Component
@RequiredArgsConstructor
public class OrderLedger {

    private final LedgerRepository ledger;

    /**
     * Applies {@code rules} to the portfolio's funds under its lock and reserves the order when they approve it, a buy
     * at {@code reservedPrice} (its valuation price).
     */
    public RiskDecision reserve(NewOrder row, BigDecimal reservedPrice, Function<LedgerFunds, RiskDecision> rules) {
        return ledger.reserve(
                        row.portfolioId(), row.id(), row.symbol(), reservedPrice, funds -> refusal(rules.apply(funds)))
                .map(RiskDecision::refuse)
                .orElseGet(RiskDecision::approve);
    }

    private static Optional<String> refusal(RiskDecision decision) {
        return decision.approved() ? Optional.empty() : Optional.of(decision.reason());
    }
}
