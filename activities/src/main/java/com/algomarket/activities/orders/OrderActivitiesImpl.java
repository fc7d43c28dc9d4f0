package com.algomarket.activities.orders;

import static com.algomarket.activities.orders.AuditDetails.details;
import static com.algomarket.activities.orders.AuditDetails.plain;

import com.algomarket.activities.connections.CredentialVault;
import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.ExchangeOrder;
import com.algomarket.activities.exchange.Fill;
import com.algomarket.activities.exchange.OrderRequest;
import com.algomarket.activities.orders.OrderRowCheck.Checked;
import com.algomarket.db.audit.AuditLog;
import com.algomarket.db.orders.ImportedFill;
import com.algomarket.db.orders.NewOrder;
import com.algomarket.db.orders.OrderChange;
import com.algomarket.db.orders.OrderRepository;
import com.algomarket.db.portfolios.Portfolio;
import com.algomarket.workflows.exchange.ExchangeFailure;
import com.algomarket.workflows.orders.OrderActivities;
import com.algomarket.workflows.orders.OrderInput;
import com.algomarket.workflows.orders.OrderSnapshot;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderUpdate;
import com.algomarket.workflows.orders.RiskDecision;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.portfolios.PortfolioStatus;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

/**
 * The order workflow's hands: the database through jOOQ, the exchange through its gateway. Credentials are loaded
 * and decrypted here, per call, from the connection id the workflow carries.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class OrderActivitiesImpl implements OrderActivities {

    private static final String ACTOR = "order-workflow";

    private final OrderRepository orders;
    private final CredentialVault vault;
    private final OrderExchangeCalls exchange;
    private final AuditLog auditLog;
    private final OrderRowCheck rows;
    private final PreTradeCheck preTrade;
    private final SignalToVenueLatency signalToVenue;

    /**
     * Checks the order as its row says it, never as the input says it: the row must be this workflow's and agree with
     * the input. Buys are valued at the higher of the sizing price and the venue's live price, and a stop that would
     * trigger at once is refused. An approval reserves the order's funds on the portfolio's ledger in the same
     * transaction as the ledger's check: that is the intent the workflow goes on to send.
     */
    @Override
    public RiskDecision checkRisk(OrderInput input) {
        Checked checked = rows.check(input, workflowId(), true);
        return checked.refused() ? RiskDecision.refuse(checked.refusal()) : preTradeCheck(input, checked, false);
    }

    @Override
    public RiskDecision checkRiskAndRecordIntent(OrderInput input) {
        Checked checked = rows.check(input, workflowId(), true);
        return checked.refused() ? RiskDecision.refuse(checked.refusal()) : preTradeCheck(input, checked, true);
    }

    private RiskDecision preTradeCheck(OrderInput input, Checked checked, boolean recordIntent) {
        try {
            return preTrade.check(input, checked, recordIntent);
        } catch (ApplicationFailure failure) {
            if (!ExchangeFailure.AUTH.name().equals(failure.getType())) {
                throw failure;
            }
            // The key was refused and its connection revoked (OrderExchangeCalls): the order ends REJECTED with the
            // reason, rather than as a failed workflow.
            return RiskDecision.refuse("the exchange refused the connection's key: " + failure.getOriginalMessage());
        }
    }

    /**
     * The intent's row was written by the order's planner before the workflow started; this records that the workflow
     * took it up. An input that no row backs writes nothing (the check audits it).
     */
    @Override
    public void recordIntent(OrderInput input) {
        Checked checked = rows.check(input, workflowId(), false);
        if (!checked.refused()) {
            preTrade.recordIntent(checked.row());
        }
    }

    @Override
    public OrderSnapshot submit(OrderInput input) {
        if (attempt() > 1) {
            // Temporal retries a submit that timed out, and an attempt times out when its worker died mid-call
            // (OrderCrashSafetyIT: kill -9 while placing). That attempt may have reached the exchange, and an exchange
            // accepts a client order id again once the first order is filled: look before sending again.
            OrderSnapshot placed = lookup(input);
            if (placed != null) {
                return placed;
            }
        }
        // What is sent is what the row says, and only once the pre-trade check approved it: an input that disagrees
        // with the row, or a workflow that never ran the check, sends nothing. Checked here, not in the workflow, so
        // that every recorded history replays as it was.
        Checked checked = orRefuse(rows.checkApproved(input, workflowId()));
        NewOrder row = checked.row();
        // Fail closed: a portfolio killed after the risk check sends nothing, whatever the workflow believes.
        Portfolio portfolio = checked.portfolio();
        boolean flattening =
                checked.flatten() && row.side() == Side.SELL && portfolio.status() == PortfolioStatus.KILLED;
        if (portfolio.status() != PortfolioStatus.ACTIVE && !flattening) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "portfolio is " + portfolio.status(), ExchangeFailure.REJECTED.name());
        }
        ExchangeOrder placed = exchange.call(checked, gateway -> {
            ApiCredentials credentials = vault.open(checked.connectionId());
            OrderRequest request = PriceProtection.applies(row, checked.reservedPrice())
                    ? PriceProtection.protect(
                            row, checked.reservedPrice(), gateway.instrumentRules(credentials, row.symbol()))
                    : PriceProtection.asAsked(row);
            return gateway.placeOrder(credentials, request);
        });
        signalToVenue.acknowledged(row.exchange(), row.signalId());
        return snapshot(placed);
    }

    /** This activity's attempt number; a seam for tests, which run it outside Temporal. */
    int attempt() {
        return Activity.getExecutionContext().getInfo().getAttempt();
    }

    /** The id of the workflow this activity runs for, local activities included; a seam for tests. */
    String workflowId() {
        return Activity.getExecutionContext().getInfo().getWorkflowId();
    }

    /** The checked facts of an order that may have been sent, or a non-retryable REJECTED failure. */
    private Checked checked(OrderInput input) {
        return orRefuse(rows.check(input, workflowId(), false));
    }

    /** The checked facts, or a non-retryable REJECTED failure that names the refusal. */
    private static Checked orRefuse(Checked checked) {
        if (checked.refused()) {
            throw ApplicationFailure.newNonRetryableFailure(checked.refusal(), ExchangeFailure.REJECTED.name());
        }
        return checked;
    }

    @Override
    public OrderSnapshot lookup(OrderInput input) {
        Checked checked = checked(input);
        NewOrder row = checked.row();
        return exchange.call(
                        checked,
                        gateway -> gateway.orderByClientOrderId(
                                vault.open(checked.connectionId()), row.symbol(), row.clientOrderId()))
                .map(OrderActivitiesImpl::snapshot)
                .orElse(null);
    }

    @Override
    public OrderSnapshot poll(OrderInput input, String exchangeOrderId) {
        Checked checked = checked(input);
        return poll(checked, exchangeOrderId);
    }

    private OrderSnapshot poll(Checked checked, String exchangeOrderId) {
        NewOrder row = checked.row();
        return exchange.call(
                        checked,
                        gateway -> gateway.orderByExchangeOrderId(
                                vault.open(checked.connectionId()), row.symbol(), exchangeOrderId))
                .map(OrderActivitiesImpl::snapshot)
                .orElseThrow(() -> ApplicationFailure.newFailure(
                        "the exchange does not list order " + exchangeOrderId + " yet",
                        ExchangeFailure.UNAVAILABLE.name()));
    }

    @Override
    public OrderSnapshot cancel(OrderInput input, String exchangeOrderId) {
        Checked checked = checked(input);
        NewOrder row = checked.row();
        return snapshot(exchange.call(
                checked,
                gateway -> gateway.cancelOrder(vault.open(checked.connectionId()), row.symbol(), exchangeOrderId)));
    }

    /** Read from the order's row and its portfolio's row; a flatten's sell goes on in a KILLED portfolio. */
    @Override
    public boolean stoppedByKill(OrderInput input) {
        Checked checked = checked(input);
        return checked.portfolio().status() == PortfolioStatus.KILLED && !checked.flatten();
    }

    @Override
    public void record(OrderUpdate update) {
        if (update.recordedStatus() == OrderStatus.REJECTED) {
            // A rejection never overwrites an order that completed: a workflow id started again is refused, not
            // recorded.
            orders.rejectIfOpen(UUID.fromString(update.orderId()), update.reason());
        } else {
            orders.update(
                    UUID.fromString(update.orderId()),
                    new OrderChange(
                            update.recordedStatus(),
                            update.exchangeOrderId(),
                            update.filledQuantity(),
                            update.averagePrice(),
                            update.reason()));
        }
        // A retried activity may append the same transition twice; the log is at-least-once, never lossy.
        auditLog.append(
                ACTOR,
                "order",
                update.orderId(),
                update.recordedStatus().name(),
                details(
                        "exchangeOrderId",
                        update.exchangeOrderId(),
                        "filledQuantity",
                        update.filledQuantity() == null ? null : plain(update.filledQuantity()),
                        "averagePrice",
                        update.averagePrice() == null ? null : plain(update.averagePrice()),
                        "reason",
                        update.reason()));
    }

    @Override
    public OrderSnapshot reconcile(OrderInput input, String exchangeOrderId) {
        Checked checked = checked(input);
        NewOrder row = checked.row();
        List<Fill> fills = exchange.call(
                checked,
                gateway -> gateway.fillsForOrder(vault.open(checked.connectionId()), row.symbol(), exchangeOrderId));
        UUID orderId = row.id();
        UUID portfolioId = row.portfolioId();
        BigDecimal quantity = BigDecimal.ZERO;
        BigDecimal notional = BigDecimal.ZERO;
        for (Fill fill : fills) {
            orders.importFill(
                    orderId,
                    portfolioId,
                    row.symbol(),
                    row.side() == Side.BUY,
                    new ImportedFill(
                            fill.tradeId(),
                            fill.price(),
                            fill.quantity(),
                            fill.fee(),
                            fill.feeAsset(),
                            fill.executedAt().atOffset(ZoneOffset.UTC)));
            quantity = quantity.add(fill.quantity());
            notional = notional.add(fill.quantity().multiply(fill.price()));
        }
        OrderSnapshot order = poll(checked, exchangeOrderId);
        BigDecimal average = quantity.signum() == 0
                ? null
                : notional.divide(quantity, 8, RoundingMode.HALF_EVEN).stripTrailingZeros();
        // Quantity and price come from the fills, the status from the exchange's order.
        return new OrderSnapshot(exchangeOrderId, order.status(), quantity, average);
    }

    private static OrderSnapshot snapshot(ExchangeOrder order) {
        return new OrderSnapshot(order.exchangeOrderId(), order.status(), order.filledQuantity(), order.averagePrice());
    }
}
