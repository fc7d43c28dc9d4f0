package com.algomarket.activities.orders;

import com.algomarket.activities.connections.CredentialVault;
import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.Balance;
import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeGateway;
import com.algomarket.activities.exchange.ExchangeGateways;
import com.algomarket.activities.exchange.ExchangeOrder;
import com.algomarket.activities.exchange.Fill;
import com.algomarket.activities.exchange.OrderRequest;
import com.algomarket.activities.orders.RiskPolicy.OrderFacts;
import com.algomarket.db.audit.AuditLog;
import com.algomarket.db.connections.ConnectionRepository;
import com.algomarket.db.orders.ImportedFill;
import com.algomarket.db.orders.NewOrder;
import com.algomarket.db.orders.OrderRepository;
import com.algomarket.db.portfolios.Portfolio;
import com.algomarket.db.portfolios.PortfolioRepository;
import com.algomarket.db.portfolios.RiskDefaults;
import com.algomarket.db.portfolios.RiskLimits;
import com.algomarket.workflows.exchange.ExchangeFailure;
import com.algomarket.workflows.orders.OrderActivities;
import com.algomarket.workflows.orders.OrderInput;
import com.algomarket.workflows.orders.OrderSnapshot;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderUpdate;
import com.algomarket.workflows.orders.OrderWorkflow;
import com.algomarket.workflows.orders.RiskDecision;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.portfolios.PortfolioStatus;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The order workflow's hands: the database through jOOQ, the exchange through its gateway. Credentials are loaded
 * and decrypted here, per call, from the connection id the workflow carries.
 */
@Component
public class OrderActivitiesImpl implements OrderActivities {

    private static final String ACTOR = "order-workflow";
    /** The least next-retry delay an exchange's "retry after" becomes. */
    static final Duration MIN_RETRY_DELAY = Duration.ofMillis(200);

    private final OrderRepository orders;
    private final PortfolioRepository portfolios;
    private final ConnectionRepository connections;
    private final CredentialVault vault;
    private final ExchangeGateways gateways;
    private final Clock clock;
    private final RiskDefaults riskDefaults;
    private final AuditLog auditLog;

    public OrderActivitiesImpl(
            OrderRepository orders,
            PortfolioRepository portfolios,
            ConnectionRepository connections,
            CredentialVault vault,
            ExchangeGateways gateways,
            Clock clock,
            RiskDefaults riskDefaults,
            AuditLog auditLog) {
        this.riskDefaults = riskDefaults;
        this.auditLog = auditLog;
        this.orders = orders;
        this.portfolios = portfolios;
        this.connections = connections;
        this.vault = vault;
        this.gateways = gateways;
        this.clock = clock;
    }

    @Override
    public RiskDecision checkRisk(OrderInput input) {
        Portfolio portfolio =
                portfolios.find(UUID.fromString(input.portfolioId())).orElse(null);
        if (portfolio == null) {
            return RiskDecision.refuse("portfolio is missing");
        }
        OrderFacts facts = new OrderFacts(
                input.symbol(),
                input.side() == Side.BUY,
                input.flatten(),
                input.quantity(),
                referencePrice(input),
                portfolio.status(),
                portfolio.acceptsNewEntries(),
                connections.status(UUID.fromString(input.connectionId())).orElse(null),
                orders.positionQuantity(portfolio.id(), input.symbol()),
                orders.countSince(portfolio.id(), OffsetDateTime.now(clock).minusMinutes(1)),
                orders.realizedPnlSince(
                        portfolio.id(), OffsetDateTime.now(clock).truncatedTo(ChronoUnit.DAYS)));
        RiskLimits limits = portfolios.riskLimits(portfolio.id()).orElse(riskDefaults.forSize(portfolio.size()));
        RiskDecision decision = RiskPolicy.checkLimits(facts, limits);
        if (!decision.approved()) {
            return decision;
        }
        String spent = RiskPolicy.spentAsset(facts);
        BigDecimal free = exchange(input, gateway -> gateway.balances(credentials(input))).stream()
                .filter(balance -> balance.asset().equals(spent))
                .map(Balance::free)
                .findFirst()
                .orElse(BigDecimal.ZERO);
        return RiskPolicy.checkFunds(facts, free);
    }

    /** The price the order is valued at: the one it was sized at, else its limit or stop. */
    private static BigDecimal referencePrice(OrderInput input) {
        if (input.referencePrice() != null) {
            return input.referencePrice();
        }
        return input.limitPrice() != null ? input.limitPrice() : input.stopPrice();
    }

    /** Key-value pairs for the audit log, where (unlike Map.of) a value may be null. */
    private static Map<String, Object> details(Object... keysAndValues) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            details.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return details;
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    @Override
    public void recordIntent(OrderInput input) {
        orders.insertIntent(new NewOrder(
                UUID.fromString(input.orderId()),
                UUID.fromString(input.portfolioId()),
                signalId(input),
                input.clientOrderId(),
                input.exchange(),
                input.symbol(),
                input.side(),
                input.type(),
                input.timeInForce(),
                input.quantity(),
                input.limitPrice(),
                input.stopPrice(),
                OrderWorkflow.workflowId(input.portfolioId(), input.signalId())));
        auditLog.append(
                ACTOR,
                "order",
                input.orderId(),
                OrderStatus.NEW.name(),
                Map.of(
                        "workflowId",
                        OrderWorkflow.workflowId(input.portfolioId(), input.signalId()),
                        "symbol",
                        input.symbol(),
                        "side",
                        input.side(),
                        "type",
                        input.type(),
                        "quantity",
                        plain(input.quantity())));
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
        // Fail closed: a portfolio killed after the risk check sends nothing, whatever the workflow believes.
        Portfolio portfolio =
                portfolios.find(UUID.fromString(input.portfolioId())).orElseThrow();
        boolean flattening =
                input.flatten() && input.side() == Side.SELL && portfolio.status() == PortfolioStatus.KILLED;
        if (portfolio.status() != PortfolioStatus.ACTIVE && !flattening) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "portfolio is " + portfolio.status(), ExchangeFailure.REJECTED.name());
        }
        OrderRequest request = new OrderRequest(
                input.symbol(),
                input.side(),
                input.type(),
                input.quantity(),
                input.limitPrice(),
                input.stopPrice(),
                input.timeInForce(),
                input.clientOrderId());
        return snapshot(exchange(input, gateway -> gateway.placeOrder(credentials(input), request)));
    }

    /** This activity's attempt number; a seam for tests, which run it outside Temporal. */
    int attempt() {
        return Activity.getExecutionContext().getInfo().getAttempt();
    }

    @Override
    public OrderSnapshot lookup(OrderInput input) {
        return exchange(
                        input,
                        gateway ->
                                gateway.orderByClientOrderId(credentials(input), input.symbol(), input.clientOrderId()))
                .map(OrderActivitiesImpl::snapshot)
                .orElse(null);
    }

    @Override
    public OrderSnapshot poll(OrderInput input, String exchangeOrderId) {
        return exchange(
                        input,
                        gateway -> gateway.orderByExchangeOrderId(credentials(input), input.symbol(), exchangeOrderId))
                .map(OrderActivitiesImpl::snapshot)
                .orElseThrow(() -> ApplicationFailure.newFailure(
                        "the exchange does not list order " + exchangeOrderId + " yet",
                        ExchangeFailure.UNAVAILABLE.name()));
    }

    @Override
    public OrderSnapshot cancel(OrderInput input, String exchangeOrderId) {
        return snapshot(
                exchange(input, gateway -> gateway.cancelOrder(credentials(input), input.symbol(), exchangeOrderId)));
    }

    @Override
    public void record(OrderUpdate update) {
        orders.update(
                UUID.fromString(update.orderId()),
                update.recordedStatus(),
                update.exchangeOrderId(),
                update.filledQuantity(),
                update.averagePrice(),
                update.reason());
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
        List<Fill> fills =
                exchange(input, gateway -> gateway.fillsForOrder(credentials(input), input.symbol(), exchangeOrderId));
        UUID orderId = UUID.fromString(input.orderId());
        UUID portfolioId = UUID.fromString(input.portfolioId());
        BigDecimal quantity = BigDecimal.ZERO;
        BigDecimal notional = BigDecimal.ZERO;
        for (Fill fill : fills) {
            orders.importFill(
                    orderId,
                    portfolioId,
                    input.symbol(),
                    input.side() == Side.BUY,
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
        OrderSnapshot order = poll(input, exchangeOrderId);
        BigDecimal average = quantity.signum() == 0
                ? null
                : notional.divide(quantity, 8, RoundingMode.HALF_EVEN).stripTrailingZeros();
        // Quantity and price come from the fills, the status from the exchange's order.
        return new OrderSnapshot(exchangeOrderId, order.status(), quantity, average);
    }

    private ApiCredentials credentials(OrderInput input) {
        return vault.open(UUID.fromString(input.connectionId()));
    }

    private interface ExchangeCall<T> {
        T call(ExchangeGateway gateway);
    }

    /** Runs an exchange call and turns its classified failure into the ApplicationFailure type the workflow reads. */
    private <T> T exchange(OrderInput input, ExchangeCall<T> call) {
        try {
            return call.call(gateways.get(input.exchange()));
        } catch (ExchangeCallException e) {
            ApplicationFailure.Builder failure = ApplicationFailure.newBuilder()
                    .setMessage(e.getMessage())
                    .setType(e.failure().name())
                    .setNonRetryable(e.failure() == ExchangeFailure.REJECTED || e.failure() == ExchangeFailure.AUTH);
            if (e.retryAfter() != null) {
                // Never zero: the server reads a next-retry delay of 0 s as "no more retries" (RETRY_STATE_TIMEOUT),
                // and an order was rejected that way in OrderCrashSafetyIT when a ban ended as it was read.
                failure.setNextRetryDelay(
                        e.retryAfter().compareTo(MIN_RETRY_DELAY) < 0 ? MIN_RETRY_DELAY : e.retryAfter());
            }
            throw failure.build();
        }
    }

    private static OrderSnapshot snapshot(ExchangeOrder order) {
        return new OrderSnapshot(
                order.exchangeOrderId(), order.status().orderStatus(), order.filledQuantity(), order.averagePrice());
    }

    private static UUID signalId(OrderInput input) {
        try {
            return input.signalId() == null ? null : UUID.fromString(input.signalId());
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }
}
