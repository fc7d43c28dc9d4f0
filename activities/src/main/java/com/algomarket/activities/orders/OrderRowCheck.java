package com.algomarket.activities.orders;

import com.algomarket.db.audit.AuditLog;
import com.algomarket.db.orders.NewOrder;
import com.algomarket.db.orders.OrderIntent;
import com.algomarket.db.orders.OrderRepository;
import com.algomarket.db.portfolios.Portfolio;
import com.algomarket.db.portfolios.PortfolioRepository;
import com.algomarket.db.store.AlgorithmRepository;
import com.algomarket.workflows.orders.OrderInput;
import com.algomarket.workflows.orders.OrderStatus;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

/**
 * A workflow input is a request, not an authority: whoever reaches Temporal can start an order workflow with any input.
 * Before an order activity acts, this check re-reads the facts by id: the order row its planner wrote for this very
 * workflow id, the portfolio and its connection, the algorithm's symbols. The activity then uses the row, and a refusal
 * is audited.
 */
@Component
@RequiredArgsConstructor
public class OrderRowCheck {

    private final OrderRepository orders;
    private final PortfolioRepository portfolios;
    private final AlgorithmRepository algorithms;
    private final AuditLog auditLog;

    /**
     * The facts an activity acts on, or why it must not act ({@code refusal} not null). {@code reservedPrice}: what a
     * buy's pre-trade check reserved its funds at (null for a sell or an order not checked yet).
     */
    public record Checked(
            NewOrder row, Portfolio portfolio, boolean flatten, BigDecimal reservedPrice, String refusal) {

        static Checked refused(String refusal) {
            return new Checked(null, null, false, null, refusal);
        }

        public boolean refused() {
            return refusal != null;
        }

        public UUID connectionId() {
            return portfolio.connectionId();
        }
    }

    /**
     * Checks the input of the workflow {@code workflowId} against the database. {@code unsent} also asks that the order
     * was never sent (its row is NEW): what a check before the risk decision or the submit needs, so that a workflow id
     * started again after its order completed cannot place it a second time.
     */
    public Checked check(OrderInput input, String workflowId, boolean unsent) {
        return check(input, workflowId, unsent, false);
    }

    /**
     * The check before an order is sent: as {@link #check} of an unsent order, and its pre-trade check must have
     * approved it (the approval's reservation is on its row). A workflow that skips the check, started or replayed by
     * whoever reaches Temporal, is refused here rather than trusted to have run it.
     */
    public Checked checkApproved(OrderInput input, String workflowId) {
        return check(input, workflowId, true, true);
    }

    private Checked check(OrderInput input, String workflowId, boolean unsent, boolean approved) {
        String refusal;
        Checked checked = null;
        OrderIntent intent = parse(input.orderId()).flatMap(orders::findIntent).orElse(null);
        if (intent == null || !intent.order().workflowId().equals(workflowId)) {
            refusal = "no order row was planned for workflow " + workflowId + " and order " + input.orderId();
        } else if (unsent && intent.status() != OrderStatus.NEW) {
            refusal = "order " + input.orderId() + " is " + intent.status() + " already";
        } else if (approved && !intent.approved()) {
            refusal = "order " + input.orderId() + " was never approved by its pre-trade check";
        } else {
            NewOrder row = intent.order();
            Portfolio portfolio = portfolios.find(row.portfolioId()).orElse(null);
            refusal = mismatch(input, row);
            if (refusal == null && portfolio == null) {
                refusal = "portfolio " + row.portfolioId() + " is missing";
            } else if (refusal == null && !portfolio.connectionId().toString().equals(input.connectionId())) {
                refusal = "connection " + input.connectionId() + " is not the portfolio's";
            } else if (refusal == null && !tradesSymbol(portfolio.algorithmId(), row.symbol())) {
                refusal = row.symbol() + " is not a symbol the portfolio's algorithm trades";
            }
            // A flatten's sell has no signal row behind it; a signal's order is never a flatten, whatever the input
            // says.
            checked = new Checked(
                    row, portfolio, input.flatten() && row.signalId() == null, intent.reservedPrice(), null);
        }
        if (refusal != null) {
            auditLog.append(
                    "order-workflow",
                    "order",
                    input.orderId(),
                    "REFUSED",
                    Map.of("workflowId", workflowId, "reason", refusal));
            return Checked.refused(refusal);
        }
        return checked;
    }

    private boolean tradesSymbol(UUID algorithmId, String symbol) {
        return algorithms
                .find(algorithmId)
                .map(algorithm -> algorithm.symbols().contains(symbol))
                .orElse(false);
    }

    /** The first field in which the input differs from the row, said in words; null when they agree. */
    private static String mismatch(OrderInput input, NewOrder row) {
        Map<String, Object[]> fields = new LinkedHashMap<>();
        fields.put(
                "portfolio",
                new Object[] {input.portfolioId(), row.portfolioId().toString()});
        fields.put("exchange", new Object[] {input.exchange(), row.exchange()});
        fields.put("symbol", new Object[] {input.symbol(), row.symbol()});
        fields.put("side", new Object[] {input.side(), row.side()});
        fields.put("type", new Object[] {input.type(), row.type()});
        fields.put("client order id", new Object[] {input.clientOrderId(), row.clientOrderId()});
        fields.put("quantity", new Object[] {input.quantity(), row.quantity()});
        fields.put("limit price", new Object[] {input.limitPrice(), row.limitPrice()});
        fields.put("stop price", new Object[] {input.stopPrice(), row.stopPrice()});
        for (Map.Entry<String, Object[]> field : fields.entrySet()) {
            Object given = field.getValue()[0];
            Object planned = field.getValue()[1];
            if (!same(given, planned)) {
                return "the input's " + field.getKey() + " " + given + " is not the order row's " + planned;
            }
        }
        return null;
    }

    private static boolean same(Object given, Object planned) {
        if (given instanceof BigDecimal a && planned instanceof BigDecimal b) {
            return a.compareTo(b) == 0;
        }
        return Objects.equals(given, planned);
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException | NullPointerException notAnId) {
            return Optional.empty();
        }
    }
}
