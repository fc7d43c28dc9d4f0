package com.algomarket.activities.orders;

import com.algomarket.activities.orders.RiskPolicy.OrderFacts;
import com.algomarket.db.ledger.LedgerRepository;
import com.algomarket.db.orders.NewOrder;
import com.algomarket.workflows.orders.RiskDecision;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The last pre-trade rule and the order's reservation, in one transaction under the portfolio's lock: the portfolio's
 * own ledger, net of what its other approved orders reserve, and this order's reservation when it passes. A second
 * order of the portfolio checked at the same moment waits for the lock, then sees this one's reservation.
 */
@Component
public class OrderLedger {

    private final LedgerRepository ledger;

    public OrderLedger(LedgerRepository ledger) {
        this.ledger = ledger;
    }

    /** {@code facts} as the other rules approved them: a buy valued at its valuation price, reserved at it. */
    public RiskDecision reserve(NewOrder row, OrderFacts facts) {
        return ledger.reserve(
                        row.portfolioId(),
                        row.id(),
                        row.symbol(),
                        facts.buy() ? facts.referencePrice() : null,
                        funds -> refusal(RiskPolicy.checkLedger(facts, funds)))
                .map(RiskDecision::refuse)
                .orElseGet(RiskDecision::approve);
    }

    private static Optional<String> refusal(RiskDecision decision) {
        return decision.approved() ? Optional.empty() : Optional.of(decision.reason());
    }
}
